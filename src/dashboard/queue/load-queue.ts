import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export type QueueView = ResultOf<'dashboard_queue'>;

export function loadQueue(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<QueueView> {
  return db.rpc('dashboard_queue', { p_tenant_id: tenant.id }, { as: staff });
}
