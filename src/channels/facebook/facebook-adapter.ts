import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import { quickReplyLimits } from '@/src/channels/choice-limits';
import { buildMessagingTestDelivery } from '@/src/channels/meta/build-messaging-test-delivery';
import { messagingReplyWindow } from '@/src/channels/meta/messaging-reply-window';
import { metaInbound } from '@/src/channels/meta/meta-inbound';
import { metaTokenHealth } from '@/src/channels/meta/meta-token-health';
import { ensurePageSubscription } from '@/src/channels/meta/restore-meta-subscription';
import { facebookProfileFetcher } from './fetch-profile-facebook';
import { normaliseFacebookWebhook } from './normalise-facebook-webhook';
import { facebookSender } from './send-facebook';

// Facebook Messenger through a Page (PLATFORMS.md §3).
export const facebookAdapter: ChannelAdapter = {
  inbound: {
    ...metaInbound,
    normalise: normaliseFacebookWebhook,
    buildTestDelivery: (input) =>
      buildMessagingTestDelivery('page', input.account.page_id ?? '', '9000000000000001', input),
  },
  sender: facebookSender,
  profile: facebookProfileFetcher,
  textLimit: { max: 2000, unit: 'characters' },
  choices: quickReplyLimits(2000),
  tokenHealth: metaTokenHealth(ensurePageSubscription),
  replyWindow: messagingReplyWindow,
};
