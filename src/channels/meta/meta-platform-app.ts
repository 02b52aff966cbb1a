import type { Channel } from '@/src/channels/channel-registry';
import type { PlatformApp } from '@/src/channels/platform-app';
import { metaInbound } from './meta-inbound';

// One Meta app for WhatsApp, Messenger and Instagram: the body's `object` says which.
const channelByObject: Record<string, Channel> = {
  whatsapp_business_account: 'whatsapp',
  page: 'facebook',
  instagram: 'instagram',
};

export const metaPlatformApp: PlatformApp = {
  secret: (env) => env.META_APP_SECRET,
  handshake: {
    answer: metaInbound.handshake.answer,
    verifyToken: (env) => env.META_VERIFY_TOKEN,
  },
  verifySignature: metaInbound.verifySignature,
  parseBody: metaInbound.parseBody,
  channelOf: (body) => {
    const object = (body as { object?: unknown } | null)?.object;
    return typeof object === 'string' && Object.hasOwn(channelByObject, object)
      ? channelByObject[object]
      : undefined;
  },
  defaultChannel: 'whatsapp',
};
