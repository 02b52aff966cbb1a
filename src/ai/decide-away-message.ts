import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import { decideReplyWindow } from '@/src/channels/reply-window';
import type { AppEnv } from '@/src/env';
import { businessHoursSchema } from './ai-settings-schema';
import { openingPhrase } from './closed-fallback';
import { type NextOpening, nextOpening } from './next-opening';

// The away message (issue 18 §2): when a customer writes while the business is closed and the AI
// will not answer (it is off for the channel, or a person handles the conversation), they are
// told when the business opens. When the AI answers it says so itself (closed-fallback.ts), so
// the away message would only repeat it. One per conversation per closed period: the period is
// named by the moment the business opens next (`periodKey`, unique in SQL with the conversation).

export type AwayFacts = {
  tenant: { name: string; timezone: string; locale: string };
  settings: { away_enabled: boolean; away_text: string };
  business_hours: unknown;
  conversation: {
    channel: Channel;
    status: string;
    handled_by: 'ai' | 'human';
    escalated_at: string | null;
    last_inbound_at: string | null;
  };
  connection: { status: string; ai_enabled: boolean; auto_messages: boolean } | null;
  replies_last_24h: number;
};

export type AwayDecision = { send: true; periodKey: string; text: string } | { send: false; reason: string };

type WindowSettings = Pick<AppEnv, 'TIKTOK_REPLY_WINDOW_HOURS' | 'TIKTOK_MAX_REPLIES_PER_DAY'>;

function localDate(now: Date, zone: string): string {
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  try {
    return format(zone);
  } catch {
    return format('UTC');
  }
}

/** "2026-12-07T09:00": the local date and time the business opens, which names the period. */
function periodKey(opening: NextOpening, now: Date, zone: string): string {
  const today = new Date(`${localDate(now, zone)}T00:00:00Z`);
  today.setUTCDate(today.getUTCDate() + opening.daysAhead);
  return `${today.toISOString().slice(0, 10)}T${opening.time}`;
}

function awayText(facts: AwayFacts, opening: NextOpening): string {
  const { name, locale } = facts.tenant;
  const english = locale.startsWith('en');
  const own = facts.settings.away_text.trim();
  const lead =
    own ||
    (english
      ? `Thanks for writing to ${name}. We are closed right now.`
      : `Gracias por escribir a ${name}. Ahora estamos cerrados.`);
  const when = openingPhrase(opening, locale);
  return `${lead} ${english ? `We open ${when}.` : `Abrimos ${when}.`}`;
}

export function decideAwayMessage(facts: AwayFacts, now: Date, settings: WindowSettings): AwayDecision {
  const { conversation, connection } = facts;
  if (!facts.settings.away_enabled) return { send: false, reason: 'disabled' };
  if (!connection?.auto_messages) return { send: false, reason: 'channel_off' };
  if (connection.status !== 'connected') return { send: false, reason: `connection_${connection.status}` };
  if (conversation.status === 'resolved' || conversation.status === 'closed')
    return { send: false, reason: `conversation_${conversation.status}` };
  const aiAnswers = connection.ai_enabled && conversation.handled_by === 'ai' && !conversation.escalated_at;
  if (aiAnswers) return { send: false, reason: 'ai_answers' };
  const opening = nextOpening(facts.business_hours, facts.tenant.timezone, now);
  if (!opening) return { send: false, reason: 'open_or_no_hours' };
  const window = decideReplyWindow(channelAdapter(conversation.channel).replyWindow, {
    sender: 'system',
    lastInboundAt: conversation.last_inbound_at ? new Date(conversation.last_inbound_at) : null,
    now,
    repliesLast24h: facts.replies_last_24h,
    settings,
  });
  if (!window.ok) return { send: false, reason: window.code };
  const parsed = businessHoursSchema.safeParse(facts.business_hours);
  const zone = (parsed.success ? parsed.data.timezone : undefined) ?? facts.tenant.timezone;
  return { send: true, periodKey: periodKey(opening, now, zone), text: awayText(facts, opening) };
}
