import { z } from 'zod';
import { describeGraphError, parseGraphError } from '@/src/channels/meta/graph-error';
import type { MediaContent } from '@/src/channels/outbound-content';
import type { MediaDelivery, PreparedMedia } from '@/src/channels/send-types';
import { classifyWhatsAppSendError } from './whatsapp-send-errors';

// WhatsApp files (PLATFORMS-2.md §5.1): upload the bytes to POST /{phone_number_id}/media
// (multipart: messaging_product=whatsapp and the file with its type) → {"id"}, then send the
// message by that id. Meta keeps uploaded media 30 days.

const uploadSchema = z.object({ id: z.string().min(1) });

export const whatsappMediaDelivery: MediaDelivery = {
  by: 'upload',
  keptForMs: 30 * 24 * 3_600_000,
  buildUpload(file, account, accessToken, env) {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', file.mimeType);
    form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
    return {
      url: `${env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(account.phone_number_id ?? '')}/media`,
      headers: { authorization: `Bearer ${accessToken}` },
      form,
    };
  },
  readUpload(status, body, retryAfterMs) {
    if (status >= 200 && status < 300) {
      const parsed = uploadSchema.safeParse(body);
      if (parsed.success) return { ok: true, platformMediaId: parsed.data.id };
      return {
        ok: false,
        failure: {
          kind: 'retryable',
          code: 'upload_no_id',
          staffMessage: 'WhatsApp took the file without an id; retrying.',
        },
      };
    }
    const error = parseGraphError(body);
    if (error?.code === 131053) {
      return {
        ok: false,
        failure: {
          kind: 'permanent',
          code: '131053',
          staffMessage: `WhatsApp could not take this file (wrong type or damaged): send it as another format. (${describeGraphError(error, status)})`,
        },
      };
    }
    return { ok: false, failure: classifyWhatsAppSendError(status, body, retryAfterMs) };
  },
};

/** The message part of a file send: `{"type":"image","image":{"id","caption"}}`; documents add filename. */
export function whatsappMediaMessage(
  content: MediaContent,
  media: PreparedMedia,
  caption: string,
): Record<string, unknown> {
  const source = 'platformMediaId' in media ? { id: media.platformMediaId } : { link: media.link };
  const captioned = caption && content.mediaType !== 'audio' ? { caption } : {};
  const named = content.mediaType === 'document' && content.filename ? { filename: content.filename } : {};
  return { type: content.mediaType, [content.mediaType]: { ...source, ...captioned, ...named } };
}
