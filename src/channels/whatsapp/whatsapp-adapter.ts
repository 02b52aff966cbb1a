import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import { whatsappChoiceLimits } from '@/src/channels/choice-limits';
import { metaInbound } from '@/src/channels/meta/meta-inbound';
import { metaTokenHealth } from '@/src/channels/meta/meta-token-health';
import { ensureWabaSubscription } from '@/src/channels/meta/restore-meta-subscription';
import { buildWhatsappTestDelivery } from './build-whatsapp-test-delivery';
import { normaliseWhatsappWebhook } from './normalise-whatsapp-webhook';
import { whatsappSender } from './send-whatsapp';
import { whatsappReplyWindow } from './whatsapp-reply-window';

// WhatsApp Cloud API (PLATFORMS.md §2). Names come with each message: no profile lookup.
export const whatsappAdapter: ChannelAdapter = {
  inbound: {
    ...metaInbound,
    normalise: normaliseWhatsappWebhook,
    buildTestDelivery: buildWhatsappTestDelivery,
  },
  sender: whatsappSender,
  textLimit: { max: 4096, unit: 'characters' },
  choices: whatsappChoiceLimits,
  tokenHealth: metaTokenHealth(ensureWabaSubscription),
  replyWindow: whatsappReplyWindow,
};
