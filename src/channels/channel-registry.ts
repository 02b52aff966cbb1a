import { z } from 'zod';
import type { ChannelAdapter } from './channel-adapter';
import { emailAdapter } from './email/email-adapter';
import { facebookAdapter } from './facebook/facebook-adapter';
import { instagramAdapter } from './instagram/instagram-adapter';
import { tiktokAdapter } from './tiktok/tiktok-adapter';
import { twilioAdapter } from './twilio/twilio-adapter';
import { whatsappAdapter } from './whatsapp/whatsapp-adapter';

// The only list of channels. A new channel is its folder, one line here, a migration widening
// the channel checks, the dashboard's labels and its tests (ARCHITECTURE.md).
const adapters = {
  whatsapp: whatsappAdapter,
  instagram: instagramAdapter,
  facebook: facebookAdapter,
  tiktok: tiktokAdapter,
  twilio: twilioAdapter,
  email: emailAdapter,
} as const satisfies Record<string, ChannelAdapter>;

export type Channel = keyof typeof adapters;
export const channelNames = Object.keys(adapters) as [Channel, ...Channel[]];
export const channelSchema = z.enum(channelNames);

export function channelAdapter(channel: Channel): ChannelAdapter {
  return adapters[channel];
}
