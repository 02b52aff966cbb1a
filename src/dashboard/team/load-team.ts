import type { DatabaseFunctions } from '@/src/db/database-functions';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export type TeamView = DatabaseFunctions['dashboard_team']['returns'];

// Members, pending invitations and the last changes, read as the signed-in admin or owner.
export async function loadTeam(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<TeamView> {
  return db.rpc('dashboard_team', { p_tenant_id: tenant.id }, { as: staff });
}
