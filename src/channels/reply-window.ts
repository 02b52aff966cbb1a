import type { AppEnv } from '@/src/env';
import type { OutboundContent } from './outbound-content';

// Which messaging window a reply falls in (PLATFORMS.md 2.5, 3.4, 4). Each channel declares its
// policy in its adapter; the checks every platform shares live here.

export type SendWindow = { messagingType: 'RESPONSE' } | { messagingType: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

export type WindowDecision =
  | { ok: true; window: SendWindow }
  | { ok: false; code: string; staffMessage: string };

/** The settings a policy may read: windows some platforms leave to configuration. */
type ReplyWindowSettings = Pick<AppEnv, 'TIKTOK_REPLY_WINDOW_HOURS' | 'TIKTOK_MAX_REPLIES_PER_DAY'>;

export type WindowFacts = {
  sender: 'ai' | 'human' | 'system' | 'lead';
  lastInboundAt: Date | null;
  now: Date;
  /** Replies this customer got on this channel in the last 24 h (all their conversations). */
  repliesLast24h: number;
  settings: ReplyWindowSettings;
  /** What the message carries besides words (a template may go when nothing else may). */
  contentKind?: OutboundContent['kind'] | null;
};

export type ReplyWindowPolicy = {
  /**
   * Hours after the customer's last message in which staff may still reply, fixed by the
   * platform; the SQL (internal.human_reply_window_error) refuses the same at queueing time.
   * null: set by configuration, so only the send job checks it.
   */
  humanReplyHours: number | null;
  /** The decision once the customer has written, `ageHours` after their last message. */
  decide: (facts: WindowFacts, ageHours: number) => WindowDecision;
  /** Messages the platform lets through whatever the window, even before the customer wrote. */
  goesAnyTime?: (facts: WindowFacts) => boolean;
};

const hour = 3_600_000;

export const respond: WindowDecision = { ok: true, window: { messagingType: 'RESPONSE' } };

export function blocked(code: string, staffMessage: string): WindowDecision {
  return { ok: false, code, staffMessage };
}

export const automatedOutsideWindow = blocked(
  'outside_window',
  "More than 24 h since the customer's last message: automated replies are not allowed.",
);

export function decideReplyWindow(policy: ReplyWindowPolicy, facts: WindowFacts): WindowDecision {
  if (policy.goesAnyTime?.(facts)) return respond;
  if (!facts.lastInboundAt) {
    return blocked('no_customer_message', 'The customer has not written yet: platforms only allow replies.');
  }
  return policy.decide(facts, (facts.now.getTime() - facts.lastInboundAt.getTime()) / hour);
}
