// The scoring signals and intents Claude (or the offline responder) may report. Their weights
// live in SQL (internal.lead_signal_weight), next to the score they change.

export const leadSignalNames = [
  'interested',
  'urgent',
  'budget_mentioned',
  'decision_maker',
  'comparing',
  'not_interested',
  'spam',
] as const;

export type LeadSignal = (typeof leadSignalNames)[number];

export const replyIntents = [
  'greeting',
  'question',
  'pricing',
  'booking',
  'purchase',
  'complaint',
  'human_request',
  'emergency',
  'spam',
  'other',
] as const;

export type ReplyIntent = (typeof replyIntents)[number];
