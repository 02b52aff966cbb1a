import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// Take over / hand back to the AI, and resolve / close / reopen. Both SQL functions match the
// conversation on (id, tenant): another tenant's id is simply "not found".

export type ConversationState = {
  id: string;
  handled_by: 'ai' | 'human';
  status: string;
  escalated_at: string | null;
};

const changeSchema = z.discriminatedUnion('change', [
  z.object({ change: z.literal('handler'), conversationId: z.uuid(), handledBy: z.enum(['ai', 'human']) }),
  z.object({
    change: z.literal('status'),
    conversationId: z.uuid(),
    status: z.enum(['active', 'pending', 'resolved', 'closed']),
  }),
]);

export async function changeConversation(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<ConversationState> {
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid conversation change');
  const value = parsed.data;
  const state =
    value.change === 'handler'
      ? await db.rpc(
          'dashboard_set_conversation_handler',
          { p_tenant_id: tenant.id, p_conversation_id: value.conversationId, p_handled_by: value.handledBy },
          { as: staff },
        )
      : await db.rpc(
          'dashboard_set_conversation_status',
          { p_tenant_id: tenant.id, p_conversation_id: value.conversationId, p_status: value.status },
          { as: staff },
        );
  log.info('dashboard.conversation_changed', {
    tenantId: tenant.id,
    conversationId: state.id,
    handledBy: state.handled_by,
    status: state.status,
  });
  return state;
}
