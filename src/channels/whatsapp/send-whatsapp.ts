import { z } from 'zod';
import { ownSendMarker } from '@/src/channels/own-send-marker';
import type { ChannelSender } from '@/src/channels/send-types';
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

export const whatsappSender: ChannelSender = {
  recipientOf: ({ externalId }) => externalId,
  buildRequest(input, accessToken, env) {
    const content = input.content;
    // A file goes by the id the pre-send upload got (deliver-outbound-message's media step).
    const message =
      content?.kind === 'media' && input.media
        ? whatsappMediaMessage(content, input.media, input.text)
        : content?.kind === 'choices'
          ? whatsappInteractivePart(content)
          : { type: 'text', text: { preview_url: false, body: input.text } };
    return {
      method: 'POST',
      url: `${env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(input.account.phone_number_id ?? '')}/messages`,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        ...recipientField(input.recipientId),
        ...message,
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
