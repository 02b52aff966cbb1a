import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// Reply as a person: send_human_reply (the outbound part of the app) stores the message and its
// send job in one call, checking membership, the conversation's tenant, the channel's text limit
// and its human-reply window. The sender is always the signed-in member, never a form field.

// The longest any channel allows (TikTok); send_human_reply checks the conversation's own limit.
const replySchema = z.object({ conversationId: z.uuid(), text: z.string().trim().min(1).max(6000) });

export type SentReply = { id: string; delivery_status: string; conversation_id: string };

export async function sendReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<SentReply> {
  const parsed = replySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === 'conversationId') throw new AppError('bad_request', 'Invalid conversation id');
    const reason = issue?.code === 'too_big' ? 'reply_too_long' : 'reply_empty';
    throw new AppError('bad_request', 'Write a reply of 1 to 6000 characters', { fields: ['text'], reason });
  }
  const message = await db.rpc(
    'send_human_reply',
    {
      p_tenant_id: tenant.id,
      p_conversation_id: parsed.data.conversationId,
      p_user_id: staff.claims.sub,
      p_text: parsed.data.text,
    },
    { as: staff },
  );
  log.info('dashboard.human_reply_queued', { tenantId: tenant.id, conversationId: message.conversation_id });
  return message;
}
