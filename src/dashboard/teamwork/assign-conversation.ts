import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// Assign a conversation to a member, or (empty assignee) leave it to the team. The SQL checks the
// assignee belongs to the tenant and records who assigned it and when.

const assignSchema = z.object({
  conversationId: z.uuid(),
  assignee: z.union([z.literal('').transform(() => null), z.uuid()]),
});

export async function assignConversation(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<{ id: string; assigned_to: string | null }> {
  const parsed = assignSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid assignment', { reason: 'not_a_member' });
  const result = await db.rpc(
    'dashboard_assign_conversation',
    {
      p_tenant_id: tenant.id,
      p_conversation_id: parsed.data.conversationId,
      p_assignee: parsed.data.assignee,
    },
    { as: staff },
  );
  log.info('dashboard.conversation_assigned', {
    tenantId: tenant.id,
    conversationId: result.id,
    assigned: result.assigned_to !== null,
  });
  return result;
}
