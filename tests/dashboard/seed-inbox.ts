import type { TestDatabase } from '../support/test-database';

// Rows a tenant's inbox would have after a few webhooks and AI replies, written straight
// through the superuser pool (the ingest functions belong to another part of the app).

export type SeededInbox = {
  leadId: string;
  conversationId: string;
  inboundId: string;
  aiId: string;
  jobId: string;
};

export async function seedInbox(
  test: TestDatabase,
  tenantId: string,
  options: { name: string; text: string; escalated?: boolean; channel?: string },
): Promise<SeededInbox> {
  const channel = options.channel ?? 'whatsapp';
  const q = async (sql: string, params: unknown[]) => (await test.pool.query(sql, params)).rows[0];
  const lead = await q(
    `insert into leads (tenant_id, origin_channel, name, score, classification, last_message_at)
     values ($1, $2, $3, 75, 'hot', now()) returning id`,
    [tenantId, channel, options.name],
  );
  await q(
    'insert into lead_identities (tenant_id, lead_id, channel, external_id) values ($1, $2, $3, $4) returning id',
    [tenantId, lead.id, channel, `ext-${options.name}`],
  );
  const conversation = await q(
    `insert into conversations (tenant_id, lead_id, channel, handled_by, escalated_at, escalation_reason,
       last_inbound_at, last_message_at)
     values ($1, $2, $3, $4, $5, $6, now() - interval '1 minute', now()) returning id`,
    [
      tenantId,
      lead.id,
      channel,
      options.escalated ? 'human' : 'ai',
      options.escalated ? new Date() : null,
      options.escalated ? 'keyword: urgencia' : null,
    ],
  );
  const inbound = await q(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, created_at)
     values ($1, $2, $3, $4, 'inbound', 'lead', $5, now() - interval '1 minute') returning id`,
    [tenantId, conversation.id, lead.id, channel, options.text],
  );
  const ai = await q(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, generated_by,
       delivery_status, error_code, error_message, created_at)
     values ($1, $2, $3, $4, 'outbound', 'ai', $5, 'offline', 'failed', '131047', 'Re-engagement message', now() - interval '50 seconds')
     returning id`,
    [tenantId, conversation.id, lead.id, channel, `Respuesta para ${options.name}`],
  );
  await q(
    `insert into lead_score_events (tenant_id, lead_id, message_id, delta, score_before, score_after,
       classification_after, signals, reason)
     values ($1, $2, $3, 25, 50, 75, 'hot', array['interested', 'urgent'], 'wants an appointment today') returning id`,
    [tenantId, lead.id, inbound.id],
  );
  const job = await q(
    `insert into jobs (tenant_id, job_type, payload, status, attempts, max_attempts, error_message)
     values ($1, 'send_whatsapp', $2, 'failed', 5, 5, 'Graph API 131047: outside the 24h window') returning id`,
    [tenantId, JSON.stringify({ conversation_id: conversation.id, text: 'secret customer text' })],
  );
  await q(
    `insert into webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, event_count, stored_count)
     values ($1, 'x', $2, 'accepted', 200, 1, 1) returning id`,
    [tenantId, channel],
  );
  return {
    leadId: lead.id,
    conversationId: conversation.id,
    inboundId: inbound.id,
    aiId: ai.id,
    jobId: job.id,
  };
}
