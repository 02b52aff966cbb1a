import { createHash } from 'node:crypto';
import { baseMimeType, type MediaKind } from '@/src/media/media-limits';
import type { PostmarkInbound } from './postmark-webhook-schema';

// A mail's attachments as media: the kind follows the declared type (anything that is not an
// image, audio or video is a document, so a refused type still shows as a refused file).

/** Why a listed attachment has no bytes (staff read it in the thread). */
export const emailAttachmentMissing = 'el correo no trajo el archivo';

type PostmarkAttachment = PostmarkInbound['Attachments'][number];

export type EmailAttachmentRef = {
  index: string;
  kind: Exclude<MediaKind, 'sticker'>;
  mime_type: string | null;
  filename: string | null;
  sha256: string;
};

export function attachmentKind(contentType: string): EmailAttachmentRef['kind'] {
  const mime = baseMimeType(contentType) ?? '';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'document';
}

export function attachmentBytes(file: PostmarkAttachment): Buffer {
  return Buffer.from(file.Content ?? '', 'base64');
}

export function attachmentList(files: readonly PostmarkAttachment[]): EmailAttachmentRef[] {
  return files.map((file, index) => ({
    index: String(index),
    kind: attachmentKind(file.ContentType),
    mime_type: baseMimeType(file.ContentType),
    filename: file.Name || null,
    sha256: createHash('sha256').update(attachmentBytes(file)).digest('hex'),
  }));
}
