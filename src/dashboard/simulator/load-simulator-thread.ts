import type { Channel } from '@/src/channels/channel-registry';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

type SimulatorMessage = {
  id: string;
  direction: 'inbound' | 'outbound';
  sender: 'lead' | 'ai' | 'human' | 'system';
  message_type: string;
  text: string | null;
  generated_by: 'claude' | 'offline' | null;
  delivery_status: string;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  outbox: { recipient: string; platform_message_id: string; created_at: string } | null;
};

export type SimulatorThread = {
  conversation_id: string | null;
  lead: { id: string; name: string | null; score: number; classification: 'hot' | 'warm' | 'cold' } | null;
  messages: SimulatorMessage[];
};

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
