// The operations api_invoke runs (supabase/migrations/20261211300000_api_keys.sql keeps the same
// list and decides which ones need a write key).
export const apiOperations = [
  'conversations.list',
  'conversations.get',
  'conversations.status',
  'conversations.handler',
  'conversations.escalate',
  'conversations.ai_reply',
  'messages.send_text',
  'templates.list',
  'messages.send_template',
  'leads.list',
  'leads.get',
  'leads.update',
  'leads.tag',
  'appointments.list',
  'appointments.create',
  'appointments.cancel',
  'stats.report',
] as const;

export type ApiOperation = (typeof apiOperations)[number];
