import type { MessageEvent, NormalisedDelivery, StatusEvent } from '@/src/channels/inbound-event';
import { type LabelKind, labelled } from '@/src/channels/message-labels';
import { parseOrReject } from '@/src/channels/parse-or-reject';
import { routeEvents } from '@/src/channels/route-events';
import { type TwilioForm, twilioFormSchema } from './twilio-webhook-schema';

// One Twilio form post is one event: an inbound WhatsApp message, or a status callback about
// one we sent (MessageStatus). Events are routed by AccountSid, the connection's account.
// Media stay at Twilio's URLs; the fetch_media job downloads them with the account's
// credentials (internal.media_refs reads media.items).

const maxMedia = 10;
const statusMap: Record<string, StatusEvent['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};

function withoutPrefix(address: string | undefined): string | undefined {
  const digits = address?.replace(/^whatsapp:/, '').replace(/^\+/, '');
  return digits && /^\d{4,20}$/.test(digits) ? digits : undefined;
}

function mediaKind(mime: string): 'image' | 'audio' | 'video' | 'document' | 'sticker' {
  if (mime === 'image/webp') return 'sticker';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'document';
}

function mediaItems(form: TwilioForm): Array<{ url: string; mime_type: string; kind: string }> {
  const count = Math.min(Number(form.NumMedia ?? 0), maxMedia);
  const items = [];
  for (let n = 0; n < count; n++) {
    const url = form[`MediaUrl${n}`];
    const mime = form[`MediaContentType${n}`];
    if (typeof url !== 'string' || !url.startsWith('https://') || url.length > 4000) continue;
    const mimeType = typeof mime === 'string' ? mime.slice(0, 200) : 'application/octet-stream';
    items.push({ url, mime_type: mimeType, kind: mediaKind(mimeType) });
  }
  return items;
}

type Described = Pick<MessageEvent, 'message_type' | 'text' | 'media'>;

function describe(form: TwilioForm): Described {
  const body = form.Body?.trim() || undefined;
  const items = mediaItems(form);
  if (items.length > 0) {
    const kind = items[0]!.kind as LabelKind;
    return { message_type: kind, text: labelled(kind, body), media: { kind, items } };
  }
  if (form.ButtonPayload !== undefined || form.ButtonText !== undefined) {
    return {
      message_type: 'button',
      text: form.ButtonText || body || labelled('buttons'),
      media: { kind: 'button', payload: form.ButtonPayload ?? null },
    };
  }
  if (form.Latitude && form.Longitude) {
    const place = [form.Label, form.Address].filter(Boolean).join(', ');
    return {
      message_type: 'location',
      text: labelled('location', place || `${form.Latitude}, ${form.Longitude}`),
      media: { kind: 'location', latitude: form.Latitude, longitude: form.Longitude },
    };
  }
  return { message_type: 'text', text: body ?? labelled('other'), media: null };
}

function messageEvent(form: TwilioForm): MessageEvent | null {
  const customer = form.WaId ?? withoutPrefix(form.From);
  if (!customer) return null;
  return {
    kind: 'message',
    platform_message_id: form.MessageSid,
    direction: 'inbound',
    sender: 'lead',
    contact: { external_id: customer, name: form.ProfileName || undefined, phone: `+${customer}` },
    ...describe(form),
    reply_to_platform_message_id: form.OriginalRepliedMessageSid ?? null,
    // Twilio sends no timestamp with an inbound message: our clock it is.
    platform_timestamp: null,
    external_thread_id: null,
    own_message_id: null,
    answerable: true,
    raw: form,
  };
}

function statusEvent(form: TwilioForm, status: StatusEvent['status']): StatusEvent {
  return {
    kind: 'status',
    platform_message_id: form.MessageSid,
    status,
    status_at: null,
    error_code: form.ErrorCode || null,
    error_message: form.ErrorMessage?.slice(0, 500) || null,
  };
}

export function normaliseTwilioWebhook(body: unknown): NormalisedDelivery {
  const form = parseOrReject(twilioFormSchema, body);
  const status = form.MessageStatus;
  if (status !== undefined && status !== 'received') {
    const mapped = statusMap[status];
    // queued, accepted, sending, scheduled…: nothing our rows do not already say.
    if (!mapped) return { events: [], ignored: [`status:${status}`] };
    return { events: routeEvents([statusEvent(form, mapped)], form.AccountSid), ignored: [] };
  }
  const message = messageEvent(form);
  if (!message) return { events: [], ignored: ['message:no_sender'] };
  return { events: routeEvents([message], form.AccountSid), ignored: [] };
}
