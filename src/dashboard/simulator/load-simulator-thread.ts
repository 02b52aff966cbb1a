import type { Channel } from '@/src/channels/channel-registry';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export type SimulatorThread = ResultOf<'dashboard_simulator_thread'>;

export function loadSimulatorThread(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  channel: Channel,
  externalId: string,
): Promise<SimulatorThread> {
  return db.rpc(
    'dashboard_simulator_thread',
    { p_tenant_id: tenant.id, p_channel: channel, p_external_id: externalId },
    { as: staff },
  );
}
