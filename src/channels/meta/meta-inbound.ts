import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import { parseJsonBody } from '@/src/channels/parse-json-body';
import { checkMetaVerification } from './check-meta-verification';
import { verifyMetaSignature } from './verify-meta-signature';

// What WhatsApp, Messenger and Instagram share on the way in: the hub.challenge handshake, the
// X-Hub-Signature-256 check and the platform app's secret and verify token.
export const metaInbound = {
  handshake: {
    answer: checkMetaVerification,
    fallbackToken: (env) => env.META_VERIFY_TOKEN,
  },
  verifySignature: ({ rawBody, headers }, secrets) => verifyMetaSignature(rawBody, headers, secrets),
  fallbackSecret: (env) => env.META_APP_SECRET,
  parseBody: parseJsonBody,
} satisfies Omit<ChannelAdapter['inbound'], 'normalise' | 'buildTestDelivery'>;
