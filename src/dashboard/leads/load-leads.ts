import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export const leadsFilterSchema = z.object({
  classification: z.enum(['hot', 'warm', 'cold']).optional().catch(undefined),
  channel: channelSchema.optional().catch(undefined),
});
export type LeadsFilter = z.infer<typeof leadsFilterSchema>;

export type LeadRow = ResultOf<'dashboard_leads'>[number];

export function loadLeads(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  filter: LeadsFilter,
): Promise<LeadRow[]> {
  return db.rpc(
    'dashboard_leads',
    {
      p_tenant_id: tenant.id,
      p_classification: filter.classification ?? null,
      p_channel: filter.channel ?? null,
    },
    { as: staff },
  );
}
