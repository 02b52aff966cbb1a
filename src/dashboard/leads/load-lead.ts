import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { parseId } from '../inbox/load-thread';
import type { TenantContext } from '../tenants/resolve-tenant';

export type LeadDetail = ResultOf<'dashboard_lead'>;

export function loadLead(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  leadId: unknown,
): Promise<LeadDetail> {
  return db.rpc(
    'dashboard_lead',
    { p_tenant_id: tenant.id, p_lead_id: parseId(leadId, 'Lead') },
    { as: staff },
  );
}
