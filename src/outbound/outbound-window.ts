import type { Channel } from '@/src/channels/channel-names';

// Which messaging window a reply falls in, per platform policy (PLATFORMS.md 2.5, 3.4, 4):
// automated replies (AI, handoff) only within 24 h of the customer's last message; a human on
// Messenger/Instagram may answer up to 7 days with the HUMAN_AGENT tag; WhatsApp after 24 h
// needs a template; TikTok allows a configurable window and number of replies per customer per day.

export type SendWindow = { messagingType: 'RESPONSE' } | { messagingType: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

export type WindowDecision =
  | { ok: true; window: SendWindow }
  | { ok: false; code: string; staffMessage: string };

export type WindowFacts = {
  channel: Channel;
  sender: 'ai' | 'human' | 'system' | 'lead';
  lastInboundAt: Date | null;
  now: Date;
  /** Replies this customer got on this channel in the last 24 h (all their conversations). */
  repliesLast24h: number;
  tiktok: { windowHours: number; maxRepliesPerDay: number };
};

const hour = 3_600_000;

function blocked(code: string, staffMessage: string): WindowDecision {
  return { ok: false, code, staffMessage };
}

export function decideSendWindow(facts: WindowFacts): WindowDecision {
  if (!facts.lastInboundAt) {
    return blocked('no_customer_message', 'The customer has not written yet: platforms only allow replies.');
  }
  const ageHours = (facts.now.getTime() - facts.lastInboundAt.getTime()) / hour;
  const human = facts.sender === 'human';
  if (facts.channel === 'tiktok') {
    if (ageHours > (human ? facts.tiktok.windowHours : Math.min(24, facts.tiktok.windowHours))) {
      return blocked(
        'outside_window',
        human
          ? `More than ${facts.tiktok.windowHours} h since the customer's last message: TikTok allows no reply until they write again.`
          : "More than 24 h since the customer's last message: automated replies are not allowed.",
      );
    }
    if (facts.repliesLast24h >= facts.tiktok.maxRepliesPerDay) {
      return blocked(
        'tiktok_reply_limit',
        `TikTok allows ${facts.tiktok.maxRepliesPerDay} replies per customer per day; the limit is reached.`,
      );
    }
    return { ok: true, window: { messagingType: 'RESPONSE' } };
  }
  if (ageHours <= 24) return { ok: true, window: { messagingType: 'RESPONSE' } };
  if (!human) {
    return blocked(
      'outside_window',
      "More than 24 h since the customer's last message: automated replies are not allowed.",
    );
  }
  if (facts.channel === 'whatsapp') {
    return blocked(
      'whatsapp_template_required',
      "More than 24 h since the customer's last message: WhatsApp only allows approved templates (not supported yet).",
    );
  }
  if (ageHours <= 24 * 7) return { ok: true, window: { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } };
  return blocked(
    'outside_window',
    "More than 7 days since the customer's last message: Meta allows no reply until they write again.",
  );
}
