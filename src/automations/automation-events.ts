// The events a business's workflow can subscribe to (the SQL check in
// 20261211400000_automation_webhooks.sql lists the same names).
export const automationEvents = [
  'message.received',
  'message.sent',
  'conversation.escalated',
  'conversation.closed',
  'lead.score_changed',
  'appointment.created',
  'appointment.updated',
  'appointment.cancelled',
  'ai.reply_requested',
] as const;

export type AutomationEvent = (typeof automationEvents)[number];
