import type pg from 'pg';

// A fingerprint of everything a tenant owns, read with the superuser pool: equal fingerprints
// mean not one row was written, changed or removed.

const tables = [
  'branches',
  'tenant_members',
  'channel_connections',
  'ai_tenant_context',
  'leads',
  'lead_identities',
  'conversations',
  'messages',
  'lead_score_events',
  'jobs',
  'outbox_messages',
  'webhook_events',
  'pending_message_statuses',
  'services',
  'service_branches',
  'resources',
  'resource_services',
  'closures',
  'appointments',
  'appointment_events',
  'calendar_feeds',
  'lead_changes',
  'lead_merges',
  'conversation_events',
  'conversation_notes',
  'note_mentions',
  'tags',
  'conversation_tags',
  'lead_tags',
  'quick_replies',
  'conversation_reads',
  'notification_preferences',
  'push_subscriptions',
  'attention_events',
  'notification_deliveries',
  'auto_message_settings',
  'auto_message_sends',
  'whatsapp_templates',
  'media_files',
  'api_keys',
  'ai_usage',
  'reminder_settings',
  'appointment_reminders',
  'appointment_reply_taps',
  'lead_follow_ups',
  'follow_up_opt_outs',
  'webhook_endpoints',
  'webhook_deliveries',
];

export async function tenantFingerprint(
  test: { pool: pg.Pool },
  tenantId: string,
): Promise<Record<string, string>> {
  const parts = tables.map(
    (table) =>
      `(select md5(coalesce(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text), '')) from public.${table} t where t.tenant_id = $1) as ${table}`,
  );
  const tenant = '(select md5(to_jsonb(t)::text) from public.tenants t where t.id = $1) as tenant';
  const { rows } = await test.pool.query(`select ${[tenant, ...parts].join(', ')}`, [tenantId]);
  return rows[0];
}
