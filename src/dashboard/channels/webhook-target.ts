import type { Channel } from '@/src/channels/channel-registry';
import type { AppEnv } from '@/src/env';
import type { ChannelCard } from './load-channels';

// Where a connection's webhooks go and with which verify token: a connection on its own app
// uses the per-tenant route and its own token; one on the platform's app is reached through the
// app-level route (/api/webhook/meta or /api/webhook/tiktok) with the deployment's token.

export type WebhookTarget = { url: string; verifyToken: string | null; platform: boolean };

export function webhookTarget(
  base: string,
  tenantSlug: string,
  channel: Channel,
  card: ChannelCard | undefined,
  env: Pick<AppEnv, 'META_VERIFY_TOKEN'>,
): WebhookTarget {
  // Twilio and email have no app-level route: each tenant's own URL, whatever the app kind.
  if (card?.app_kind === 'own' || !card || channel === 'twilio' || channel === 'email') {
    return {
      url: `${base}/api/webhook/${channel}/${tenantSlug}`,
      verifyToken: card?.verify_token ?? null,
      platform: false,
    };
  }
  return channel === 'tiktok'
    ? { url: `${base}/api/webhook/tiktok`, verifyToken: null, platform: true }
    : { url: `${base}/api/webhook/meta`, verifyToken: env.META_VERIFY_TOKEN ?? null, platform: true };
}
