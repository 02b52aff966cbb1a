import { z } from 'zod';
import { ownSendMarker } from '@/src/channels/own-send-marker';
import type { ChannelSender, SendInput } from '@/src/channels/send-types';
import { whatsappInteractivePart } from './whatsapp-interactive-body';
import { whatsappMediaDelivery, whatsappMediaMessage } from './whatsapp-media';
import { classifyWhatsAppSendError } from './whatsapp-send-errors';

// WhatsApp Cloud API text message: POST /{version}/{phone_number_id}/messages (PLATFORMS.md 2.4).
// biz_opaque_callback_data comes back on status webhooks, tying them to our message (and
// confirming a send whose answer was cut off).

const successSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });

// A business-scoped user id (e.g. "US.1349…") goes in `recipient`; a phone/wa_id in `to`.
function recipientField(recipientId: string): { to: string } | { recipient: string } {
  return /^\+?\d+$/.test(recipientId) ? { to: recipientId } : { recipient: recipientId };
}

// The message itself: a template (name, language, the send components built when it was queued,
// PLATFORMS-2.md §3.4), a file by the id the pre-send upload got (deliver-outbound-message's
// media step), or plain text.
function messageFields(input: SendInput): Record<string, unknown> {
  if (input.content?.kind === 'media' && input.media) {
    return whatsappMediaMessage(input.content, input.media, input.text);
  }
  if (input.content?.kind === 'choices') return whatsappInteractivePart(input.content);
  if (input.content?.kind === 'template') {
    const { name, language, components } = input.content;
    return {
      type: 'template',
      template: { name, language: { code: language }, ...(components.length ? { components } : {}) },
    };
  }
  return { type: 'text', text: { preview_url: false, body: input.text } };
}

export const whatsappSender: ChannelSender = {
  recipientOf: ({ externalId }) => externalId,
  buildRequest(input, accessToken, env) {
    return {
      method: 'POST',
      url: `${env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(input.account.phone_number_id ?? '')}/messages`,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        ...recipientField(input.recipientId),
        ...messageFields(input),
        biz_opaque_callback_data: ownSendMarker(input.messageId),
      },
    };
  },
  readResponse(status, body, retryAfterMs) {
    if (status >= 200 && status < 300) {
      const parsed = successSchema.safeParse(body);
      if (parsed.success) return { ok: true, platformMessageId: parsed.data.messages[0]!.id };
      return { ok: 'unknown', detail: `WhatsApp answered ${status} without a message id` };
    }
    return { ok: false, failure: classifyWhatsAppSendError(status, body, retryAfterMs) };
  },
  media: whatsappMediaDelivery,
};
