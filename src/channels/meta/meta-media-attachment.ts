import type { MediaContent } from '@/src/channels/outbound-content';
import type { MediaDelivery, PreparedMedia } from '@/src/channels/send-types';

// Messenger and Instagram files (PLATFORMS-2.md §5.2): `message.attachment` with the type and a
// public HTTPS URL Meta fetches (our short-lived signed link). The Send API carries either text
// or an attachment, so a file goes without a caption.

export const metaMediaDelivery: MediaDelivery = { by: 'link' };

const attachmentTypes = { image: 'image', document: 'file', audio: 'audio', video: 'video' } as const;

export function metaMediaAttachment(content: MediaContent, media: PreparedMedia): Record<string, unknown> {
  const url = 'link' in media ? media.link : '';
  return { type: attachmentTypes[content.mediaType], payload: { url, is_reusable: true } };
}
