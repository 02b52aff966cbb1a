import type { Channel } from '@/src/channels/channel-registry';
import type { SniffedType } from './sniff-file-type';

// Which files staff may send on each channel, and how big. WhatsApp: PLATFORMS-2.md §5.1 (image
// jpeg/png 5 MB; documents txt, PDF, Word, Excel 100 MB). Instagram: Meta's "Upload Media for
// Instagram Messaging" page (image png/jpeg 8 MB, file PDF only 25 MB). Messenger: the same
// figures, with Word, Excel and text files too (Messenger's Send API takes any file). TikTok's
// media upload is not documented clearly enough (PLATFORMS.md §4.1): no files there.
// Every file passes through this server's memory once, so nothing above 25 MB is accepted.

const mb = 1024 * 1024;
export const maxUploadBytes = 25 * mb;

const officeTypes: readonly SniffedType[] = [
  'application/pdf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
];
const imageTypes: readonly SniffedType[] = ['image/jpeg', 'image/png'];

type KindRule = { types: readonly SniffedType[]; maxBytes: number };
export type ChannelMediaRules = { image: KindRule; document: KindRule; caption: boolean };

const rules: Partial<Record<Channel, ChannelMediaRules>> = {
  whatsapp: {
    image: { types: imageTypes, maxBytes: 5 * mb },
    document: { types: officeTypes, maxBytes: Math.min(100 * mb, maxUploadBytes) },
    caption: true,
  },
  facebook: {
    image: { types: imageTypes, maxBytes: 8 * mb },
    document: { types: officeTypes, maxBytes: 25 * mb },
    caption: false,
  },
  instagram: {
    image: { types: imageTypes, maxBytes: 8 * mb },
    document: { types: ['application/pdf'], maxBytes: 25 * mb },
    caption: false,
  },
};

/** The channel's rules, or undefined when files cannot be sent there (TikTok). */
export function outboundMediaRules(channel: Channel): ChannelMediaRules | undefined {
  return rules[channel];
}

export function mediaKindOf(type: SniffedType): 'image' | 'document' {
  return type.startsWith('image/') ? 'image' : 'document';
}
