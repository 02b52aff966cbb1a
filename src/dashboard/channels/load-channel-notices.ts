import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// What the platforms told us about the channels that staff must act on (a Page blocked by Meta).
export type ChannelNotices = ResultOf<'dashboard_channel_notices'>;

export function loadChannelNotices(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<ChannelNotices> {
  return db.rpc('dashboard_channel_notices', { p_tenant_id: tenant.id }, { as: staff });
}
