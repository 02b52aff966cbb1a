import type { Channel } from '@/src/channels/channel-names';
import { normaliseFacebookWebhook } from '@/src/channels/facebook/normalise-facebook-webhook';
import { normaliseInstagramWebhook } from '@/src/channels/instagram/normalise-instagram-webhook';
import { verifyMetaSignature } from '@/src/channels/meta/verify-meta-signature';
import { normaliseTiktokWebhook } from '@/src/channels/tiktok/normalise-tiktok-webhook';
import { verifyTiktokSignature } from '@/src/channels/tiktok/verify-tiktok-signature';
import { normaliseWhatsappWebhook } from '@/src/channels/whatsapp/normalise-whatsapp-webhook';
import type { AppEnv } from '@/src/env';
import type { ChannelNormaliser } from './inbound-event';
import type { SignatureCheck } from './signature-check';

// What the shared pipeline needs from each channel folder.

export type WebhookChannel = {
  verifySignature: (
    rawBody: Buffer,
    headers: Headers,
    secrets: readonly string[],
    env: AppEnv,
  ) => SignatureCheck;
  normalise: ChannelNormaliser;
  /** The deployment-wide secret accepted besides the connection's own (Meta's app secret). */
  fallbackSecret: (env: AppEnv) => string | undefined;
  /** Meta's GET hub.challenge handshake; TikTok documents none. */
  verification: 'meta' | 'none';
};

const meta = {
  verifySignature: (rawBody: Buffer, headers: Headers, secrets: readonly string[]) =>
    verifyMetaSignature(rawBody, headers, secrets),
  fallbackSecret: (env: AppEnv) => env.META_APP_SECRET,
  verification: 'meta' as const,
};

export const webhookChannels: Record<Channel, WebhookChannel> = {
  whatsapp: { ...meta, normalise: normaliseWhatsappWebhook },
  facebook: { ...meta, normalise: normaliseFacebookWebhook },
  instagram: { ...meta, normalise: normaliseInstagramWebhook },
  tiktok: {
    verifySignature: (rawBody, headers, secrets, env) =>
      verifyTiktokSignature(rawBody, headers, secrets, {
        now: new Date(),
        toleranceSeconds: env.TIKTOK_SIGNATURE_TOLERANCE_SECONDS,
      }),
    normalise: normaliseTiktokWebhook,
    fallbackSecret: () => undefined,
    verification: 'none',
  },
};
