import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import { quickReplyLimits } from '@/src/channels/choice-limits';
import { buildMessagingTestDelivery } from '@/src/channels/meta/build-messaging-test-delivery';
import { messagingReplyWindow } from '@/src/channels/meta/messaging-reply-window';
import { metaInbound } from '@/src/channels/meta/meta-inbound';
import { instagramProfileFetcher } from './fetch-profile-instagram';
import { instagramTokenHealth } from './instagram-token-health';
import { normaliseInstagramWebhook } from './normalise-instagram-webhook';
import { instagramSender } from './send-instagram';

// Instagram messaging (PLATFORMS.md §3). Meta counts the 1000 limit in UTF-8 bytes.
export const instagramAdapter: ChannelAdapter = {
  inbound: {
    ...metaInbound,
    normalise: normaliseInstagramWebhook,
    buildTestDelivery: (input) =>
      buildMessagingTestDelivery(
        'instagram',
        input.account.instagram_account_id ?? '',
        '9100000000000001',
        input,
      ),
  },
  sender: instagramSender,
  profile: instagramProfileFetcher,
  textLimit: { max: 1000, unit: 'utf8_bytes' },
  choices: quickReplyLimits(1000),
  tokenHealth: instagramTokenHealth,
  replyWindow: messagingReplyWindow,
};
