import type { ChannelAccount } from '@/src/channels/channel-account';
import type { Channel } from '@/src/channels/channel-registry';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// What the channels page shows: secrets only as "••••abcd" hints, never ciphertext or plaintext.
export type ChannelCard = ChannelAccount & {
  id: string;
  channel: Channel;
  mode: 'live' | 'sandbox';
  status: 'connected' | 'disconnected' | 'needs_reauth' | 'error';
  ai_enabled: boolean;
  display_name: string | null;
  access_token: string | null;
  webhook_secret: string | null;
  verify_token: string | null;
  last_error: string | null;
  last_webhook_at: string | null;
  updated_at: string;
};

export type WebhookDelivery = {
  id: string;
  channel: string;
  outcome: string;
  http_status: number;
  event_count: number;
  stored_count: number;
  detail: string | null;
  received_at: string;
};

export type ChannelsPage = { connections: ChannelCard[]; deliveries: WebhookDelivery[] };

export function loadChannels(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<ChannelsPage> {
  return db.rpc('dashboard_channels', { p_tenant_id: tenant.id }, { as: staff });
}
