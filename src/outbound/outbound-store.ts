import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import { outboundContentSchema } from '@/src/channels/outbound-content';
import type { DbPort } from '@/src/db/rpc-port';

// Typed calls of the outbound SQL functions (supabase/migrations/*_outbound_functions.sql).

const nullableString = z.string().nullable();

const sendContextSchema = z.object({
  action: z.literal('send'),
  now: z.coerce.date(),
  message: z.object({
    id: z.string(),
    tenant_id: z.string(),
    conversation_id: z.string(),
    lead_id: z.string(),
    channel: channelSchema,
    sender: z.enum(['ai', 'human', 'system', 'lead']),
    message_type: z.string(),
    text: nullableString,
    content: outboundContentSchema.nullable().catch(null),
    send_attempts: z.number(),
  }),
  conversation: z.object({
    id: z.string(),
    last_inbound_at: z.coerce.date().nullable(),
    external_thread_id: nullableString,
  }),
  recipient: z.object({ external_id: z.string(), phone: nullableString }).nullable(),
  connection: z
    .object({
      mode: z.enum(['live', 'sandbox']),
      status: z.string(),
      phone_number_id: nullableString,
      page_id: nullableString,
      instagram_account_id: nullableString,
      tiktok_business_id: nullableString,
      email_address: nullableString.optional(),
      access_token_encrypted: nullableString,
    })
    .nullable(),
  replies_last_24h: z.number(),
});

const beginSendSchema = z.discriminatedUnion('action', [
  sendContextSchema,
  z.object({ action: z.literal('missing') }),
  z.object({ action: z.literal('not_sendable'), channel: z.string(), direction: z.string() }),
  z.object({ action: z.literal('already_sent'), platform_message_id: nullableString }),
  z.object({ action: z.literal('already_failed'), error_code: nullableString }),
  z.object({ action: z.literal('superseded') }),
  z.object({
    action: z.literal('unconfirmed'),
    tenant_id: z.string(),
    channel: channelSchema,
    seconds_since_send: z.coerce.number(),
  }),
]);

export type SendContext = z.infer<typeof sendContextSchema>;
export type BeginSendResult = z.infer<typeof beginSendSchema>;

export type RecordSentResult = {
  recorded: boolean;
  platform_message_id: string;
  delivery_status: string;
  id_conflict?: boolean;
};

export async function beginSend(
  db: DbPort,
  message: { id: string; tenantId: string; channel: string },
): Promise<BeginSendResult> {
  const result = await db.rpc('outbound_begin_send', {
    p_message_id: message.id,
    p_tenant_id: message.tenantId,
    p_channel: message.channel,
  });
  return beginSendSchema.parse(result);
}

export function recordSent(
  db: DbPort,
  messageId: string,
  platformMessageId: string,
): Promise<RecordSentResult> {
  return db.rpc('outbound_record_sent', {
    p_message_id: messageId,
    p_platform_message_id: platformMessageId,
  });
}

export function recordSendFailure(
  db: DbPort,
  messageId: string,
  failure: { code: string; staffMessage: string; final: boolean; connectionStatus?: 'needs_reauth' },
): Promise<{ recorded: boolean; delivery_status: string }> {
  return db.rpc('outbound_record_send_failure', {
    p_message_id: messageId,
    p_error_code: failure.code,
    p_error_message: failure.staffMessage,
    p_final: failure.final,
    p_connection_status: failure.connectionStatus,
  });
}

export function deliverToSandbox(
  db: DbPort,
  messageId: string,
  recipient: string,
  request: Record<string, unknown>,
): Promise<RecordSentResult> {
  return db.rpc('outbound_deliver_sandbox', {
    p_message_id: messageId,
    p_recipient: recipient,
    p_request: request,
  });
}
