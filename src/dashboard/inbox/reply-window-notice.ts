import type { Channel } from '@/src/channels/channel-names';
import { decideSendWindow } from '@/src/outbound/outbound-window';

// What the reply box should warn about before staff write, from the same window rules the send
// job applies (the per-day TikTok cap is left to the send job: it needs a count we do not load).
export type ReplyWindowNotice =
  | 'human_agent_tag'
  | 'no_customer_message'
  | 'whatsapp_template_required'
  | 'meta_window_closed'
  | 'tiktok_window_closed';

export function replyWindowNotice(
  channel: Channel,
  lastInboundAt: string | null,
  now: number,
  tiktokWindowHours: number,
): ReplyWindowNotice | null {
  const decision = decideSendWindow({
    channel,
    sender: 'human',
    lastInboundAt: lastInboundAt ? new Date(lastInboundAt) : null,
    now: new Date(now),
    repliesLast24h: 0,
    tiktok: { windowHours: tiktokWindowHours, maxRepliesPerDay: Number.POSITIVE_INFINITY },
  });
  if (decision.ok) return decision.window.messagingType === 'MESSAGE_TAG' ? 'human_agent_tag' : null;
  if (decision.code === 'no_customer_message' || decision.code === 'whatsapp_template_required') {
    return decision.code;
  }
  return channel === 'tiktok' ? 'tiktok_window_closed' : 'meta_window_closed';
}
