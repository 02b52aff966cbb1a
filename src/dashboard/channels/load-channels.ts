import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// What the channels page shows: secrets only as "••••abcd" hints, never ciphertext or plaintext.
export type ChannelsPage = ResultOf<'dashboard_channels'>;
export type ChannelCard = ChannelsPage['connections'][number];
export type WebhookDelivery = ChannelsPage['deliveries'][number];

export function loadChannels(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<ChannelsPage> {
  return db.rpc('dashboard_channels', { p_tenant_id: tenant.id }, { as: staff });
}
