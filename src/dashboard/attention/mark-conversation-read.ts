import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { parseId } from '../inbox/load-thread';
import type { TenantContext } from '../tenants/resolve-tenant';

// The member has the conversation open: its messages until now are read (for this member only).
export async function markConversationRead(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  conversationId: unknown,
): Promise<void> {
  await db.rpc(
    'dashboard_mark_conversation_read',
    { p_tenant_id: tenant.id, p_conversation_id: parseId(conversationId, 'Conversation') },
    { as: staff },
  );
}
