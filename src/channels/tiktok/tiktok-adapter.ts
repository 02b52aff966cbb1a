import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import { numberedChoiceLimits } from '@/src/channels/choice-limits';
import { parseJsonBody } from '@/src/channels/parse-json-body';
import { buildTiktokTestDelivery } from './build-tiktok-test-delivery';
import { normaliseTiktokWebhook } from './normalise-tiktok-webhook';
import { tiktokSender } from './send-tiktok';
import { tiktokReplyWindow } from './tiktok-reply-window';
import { tiktokTokenHealth } from './tiktok-token-health';
import { verifyTiktokSignature } from './verify-tiktok-signature';

// TikTok Business Messaging (PLATFORMS.md §4). TikTok documents no GET handshake and no
// deployment-wide secret: each connection signs with its own client secret.
export const tiktokAdapter: ChannelAdapter = {
  inbound: {
    verifySignature: ({ rawBody, headers }, secrets, env) =>
      verifyTiktokSignature(rawBody, headers, secrets, {
        now: new Date(),
        toleranceSeconds: env.TIKTOK_SIGNATURE_TOLERANCE_SECONDS,
      }),
    fallbackSecret: (env) => env.TIKTOK_CLIENT_SECRET,
    parseBody: parseJsonBody,
    normalise: normaliseTiktokWebhook,
    buildTestDelivery: buildTiktokTestDelivery,
  },
  sender: tiktokSender,
  textLimit: { max: 6000, unit: 'characters' },
  choices: numberedChoiceLimits,
  tokenHealth: tiktokTokenHealth,
  replyWindow: tiktokReplyWindow,
};
