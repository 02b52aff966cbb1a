import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import { decideReplyWindow } from '@/src/channels/reply-window';

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
  const decision = decideReplyWindow(channelAdapter(channel).replyWindow, {
    sender: 'human',
    lastInboundAt: lastInboundAt ? new Date(lastInboundAt) : null,
    now: new Date(now),
    repliesLast24h: 0,
    settings: {
      TIKTOK_REPLY_WINDOW_HOURS: tiktokWindowHours,
      TIKTOK_MAX_REPLIES_PER_DAY: Number.POSITIVE_INFINITY,
    },
  });
  if (decision.ok) return decision.window.messagingType === 'MESSAGE_TAG' ? 'human_agent_tag' : null;
  if (decision.code === 'no_customer_message' || decision.code === 'whatsapp_template_required') {
    return decision.code;
  }
  return channel === 'tiktok' ? 'tiktok_window_closed' : 'meta_window_closed';
}
