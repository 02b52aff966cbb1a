import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// Each connection's health (token expiry, last inbound and send, WhatsApp quality): the channel
// cards and the layout's banner read it. No secrets in it.
export type ChannelHealth = ResultOf<'dashboard_channel_health'>[number];

export function loadChannelHealth(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<ChannelHealth[]> {
  return db.rpc('dashboard_channel_health', { p_tenant_id: tenant.id }, { as: staff });
}
