import type { Channel } from '@/src/channels/channel-registry';
import type { TestDatabase } from '../../support/test-database';

// An outbound message as our sender leaves it (issue 5's side), written with the superuser
// pool: a lead with an identity, an open conversation and the message.
export async function insertOutboundMessage(
  test: TestDatabase,
  tenantId: string,
  channel: Channel,
  options: {
    externalId: string;
    platformMessageId?: string | null;
    status?: string;
    text?: string;
    sender?: 'ai' | 'human';
    externalThreadId?: string;
    sentAt?: string;
  },
): Promise<{ messageId: string; conversationId: string; leadId: string }> {
  const q = (sql: string, params: unknown[]) => test.pool.query(sql, params);
  const identity = await q(
    'select lead_id from lead_identities where tenant_id = $1 and channel = $2 and external_id = $3',
    [tenantId, channel, options.externalId],
  );
  let leadId: string = identity.rows[0]?.lead_id;
  if (!leadId) {
    const lead = await q('insert into leads (tenant_id, origin_channel) values ($1, $2) returning id', [
      tenantId,
      channel,
    ]);
    leadId = lead.rows[0].id;
    await q(
      'insert into lead_identities (tenant_id, lead_id, channel, external_id) values ($1, $2, $3, $4)',
      [tenantId, leadId, channel, options.externalId],
    );
  }
  const open = await q(
    "select id from conversations where lead_id = $1 and channel = $2 and status in ('active', 'pending')",
    [leadId, channel],
  );
  let conversationId: string = open.rows[0]?.id;
  if (!conversationId) {
    const created = await q(
      'insert into conversations (tenant_id, lead_id, channel, external_thread_id) values ($1, $2, $3, $4) returning id',
      [tenantId, leadId, channel, options.externalThreadId ?? null],
    );
    conversationId = created.rows[0].id;
  }
  const message = await q(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text,
       platform_message_id, delivery_status, sent_at)
     values ($1, $2, $3, $4, 'outbound', $5, $6, $7, $8, $9) returning id`,
    [
      tenantId,
      conversationId,
      leadId,
      channel,
      options.sender ?? 'ai',
      options.text ?? 'Respuesta',
      options.platformMessageId ?? null,
      options.status ?? 'sent',
      options.sentAt ??
        (options.status === 'queued' || options.status === 'sending' ? null : '2026-07-29T08:00:05Z'),
    ],
  );
  return { messageId: message.rows[0].id, conversationId, leadId };
}
