import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// Staff hand a conversation to a person with a written reason: the same state as an automatic
// escalation, the reason kept as "by staff: …" (shown in words by escalationReasonText).

const escalateSchema = z.object({ conversationId: z.uuid(), reason: z.string().trim().min(1).max(500) });

export async function escalateConversation(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<{ id: string; status: string }> {
  const parsed = escalateSchema.safeParse(input);
  if (!parsed.success) {
    if (parsed.error.issues[0]?.path[0] === 'conversationId') {
      throw new AppError('bad_request', 'Invalid conversation id');
    }
    throw new AppError('bad_request', 'Write a reason of 1 to 500 characters', { reason: 'reason_length' });
  }
  const result = await db.rpc(
    'dashboard_escalate_conversation',
    { p_tenant_id: tenant.id, p_conversation_id: parsed.data.conversationId, p_reason: parsed.data.reason },
    { as: staff },
  );
  log.info('dashboard.conversation_escalated', { tenantId: tenant.id, conversationId: result.id });
  return result;
}
