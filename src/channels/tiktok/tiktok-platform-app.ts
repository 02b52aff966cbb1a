import type { PlatformApp } from '@/src/channels/platform-app';
import { tiktokAdapter } from './tiktok-adapter';

// The platform's TikTok app: every delivery is a TikTok one, routed by its business id.
export const tiktokPlatformApp: PlatformApp = {
  secret: (env) => env.TIKTOK_CLIENT_SECRET,
  verifySignature: tiktokAdapter.inbound.verifySignature,
  parseBody: tiktokAdapter.inbound.parseBody,
  channelOf: () => 'tiktok',
  defaultChannel: 'tiktok',
};
