import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export const inboxFilterSchema = z.object({
  status: z.enum(['open', 'resolved', 'closed', 'all']).catch('open'),
  channel: channelSchema.optional().catch(undefined),
  handledBy: z.enum(['ai', 'human']).optional().catch(undefined),
});
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export type InboxItem = {
  id: string;
  channel: string;
  status: 'active' | 'pending' | 'resolved' | 'closed';
  handled_by: 'ai' | 'human';
  escalated_at: string | null;
  escalation_reason: string | null;
  last_message_at: string | null;
  last_inbound_at: string | null;
  lead: { id: string; name: string | null; score: number; classification: 'hot' | 'warm' | 'cold' };
  last_message: {
    text: string | null;
    message_type: string;
    sender: string;
    delivery_status: string;
    created_at: string;
  } | null;
};

export function loadInbox(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  filter: InboxFilter,
): Promise<InboxItem[]> {
  return db.rpc(
    'dashboard_conversations',
    {
      p_tenant_id: tenant.id,
      p_status: filter.status === 'all' ? null : filter.status,
      p_channel: filter.channel ?? null,
      p_handled_by: filter.handledBy ?? null,
    },
    { as: staff },
  );
}
