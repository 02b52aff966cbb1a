import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export type Overview = ResultOf<'dashboard_overview'>;

export function loadOverview(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<Overview> {
  return db.rpc('dashboard_overview', { p_tenant_id: tenant.id }, { as: staff });
}
