import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export const inboxFilterSchema = z.object({
  status: z.enum(['open', 'resolved', 'closed', 'all']).catch('open'),
  channel: channelSchema.optional().catch(undefined),
  handledBy: z.enum(['ai', 'human']).optional().catch(undefined),
});
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export type InboxItem = ResultOf<'dashboard_conversations'>[number];

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
