import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { channelAdapter, channelSchema } from '@/src/channels/channel-registry';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { deliverAsPlatform } from '../simulator/deliver-as-platform';
import type { TenantContext } from '../tenants/resolve-tenant';
import { loadChannels } from './load-channels';

// "Send test" on a channel card, always through the real webhook route:
// - local mode (sandbox connections): a signed test message, as the platform would send it;
// - deployed: Meta's subscription handshake (GET hub.challenge with the stored verify token)
//   against the public URL — proves the route and token without inventing a customer.

const testSchema = z.object({ channel: channelSchema });

export type ChannelTestResult = { kind: 'signed_message' | 'verification'; status: number; ok: boolean };

export async function sendChannelTest(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: unknown,
  text: string,
  options: { fetch?: typeof fetch } = {},
): Promise<ChannelTestResult> {
  const parsed = testSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Unknown channel');
  const { channel } = parsed.data;
  if (env.appMode === 'local') {
    const delivered = await deliverAsPlatform(db, staff, tenant, env, { channel, text }, options);
    return { kind: 'signed_message', status: delivered.status, ok: delivered.status === 200 };
  }
  if (!channelAdapter(channel).inbound.handshake) {
    throw new AppError('not_available', `${channel} has no verification handshake`);
  }
  if (!env.APP_BASE_URL) throw new AppError('unavailable', 'APP_BASE_URL is not set');
  const card = (await loadChannels(db, staff, tenant)).connections.find((c) => c.channel === channel);
  if (!card?.verify_token) throw new AppError('not_found', `No ${channel} verify token`);
  const challenge = randomBytes(8).toString('hex');
  const url = new URL(`/api/webhook/${channel}/${tenant.slug}`, env.APP_BASE_URL);
  url.search = new URLSearchParams({
    'hub.mode': 'subscribe',
    'hub.verify_token': card.verify_token,
    'hub.challenge': challenge,
  }).toString();
  const response = await (options.fetch ?? fetch)(url.toString(), { method: 'GET' });
  const body = await response.text();
  return { kind: 'verification', status: response.status, ok: response.status === 200 && body === challenge };
}
