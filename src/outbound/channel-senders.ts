import type { Channel } from '@/src/channels/channel-names';
import { facebookSender } from '@/src/channels/facebook/send-facebook';
import { instagramSender } from '@/src/channels/instagram/send-instagram';
import { tiktokSender } from '@/src/channels/tiktok/send-tiktok';
import { whatsappSender } from '@/src/channels/whatsapp/send-whatsapp';
import type { ChannelSender } from './send-types';

export const channelSenders: Record<Channel, ChannelSender> = {
  whatsapp: whatsappSender,
  facebook: facebookSender,
  instagram: instagramSender,
  tiktok: tiktokSender,
};
