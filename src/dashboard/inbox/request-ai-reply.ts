import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// "Responder ahora con la IA": after a hand-back the AI waits for the customer's next message;
// this asks it to answer the latest one now. The SQL decides whether there is anything to answer.

const requestSchema = z.object({ conversationId: z.uuid() });

export type AiReplyRequest =
  | { outcome: 'queued'; message_id: string }
  | { outcome: 'human_handled' | 'conversation_closed' | 'nothing_to_answer' | 'already_answered' };

export async function requestAiReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<AiReplyRequest> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid conversation id');
  const result = await db.rpc(
    'dashboard_request_ai_reply',
    { p_tenant_id: tenant.id, p_conversation_id: parsed.data.conversationId },
    { as: staff },
  );
  log.info('dashboard.ai_reply_requested', {
    tenantId: tenant.id,
    conversationId: parsed.data.conversationId,
    outcome: result.outcome,
  });
  return result;
}
