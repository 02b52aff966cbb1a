import type { z } from 'zod';
import type { MessageEvent, NormalisedDelivery } from '@/src/channels/inbound-event';
import { MalformedItem, malformedReason, parseItem } from '@/src/channels/malformed-item';
import { labelled } from '@/src/channels/message-labels';
import { parseJsonBody } from '@/src/channels/parse-json-body';
import { parseOrReject } from '@/src/channels/parse-or-reject';
import { isoFromMillis } from '@/src/channels/platform-time';
import { routeEvents } from '@/src/channels/route-events';
import {
  type TiktokMessageContent,
  tiktokEnvelopeSchema,
  tiktokMessageContentSchema,
  tiktokReadContentSchema,
} from './tiktok-webhook-schema';

// im_receive_msg (a customer wrote), im_send_msg (the business sent: our API or TikTok's own
// app) and im_mark_read_msg (the customer read the thread). Replies go to content.conversation_id,
// kept as the conversation's external_thread_id. Other events (tiktok.ping, comments,
// im_receive_msg_eu whose shape is undocumented) are counted, not stored.
//
// One event per POST. A body without an event name or business id is refused (400); an event
// whose content cannot be read is answered 200 and counted in `ignored` (src/inbound/
// malformed-item.ts): TikTok's retries would bring the same bytes for 72 hours. Its user_openid
// is still checked against this tenant's connection.

function parseContent<S extends z.ZodType>(schema: S, content: unknown): z.infer<S> {
  if (typeof content !== 'string') throw new MalformedItem(malformedReason('content', 'not a string'));
  let json: unknown;
  try {
    json = parseJsonBody(content);
  } catch {
    throw new MalformedItem(malformedReason('content', 'not a JSON string'));
  }
  const parsed = parseItem(schema, json, 'content');
  if (!parsed.ok) throw new MalformedItem(parsed.reason);
  return parsed.data;
}

type Described = Pick<MessageEvent, 'message_type' | 'text' | 'media'> & { answerable?: false };

function describe(content: TiktokMessageContent): Described {
  switch (content.type) {
    case 'text':
      return { message_type: 'text', text: content.text?.body || labelled('other'), media: null };
    case 'image':
      return {
        message_type: 'image',
        text: labelled('image'),
        media: { kind: 'image', media_id: content.image?.media_id ?? null },
      };
    case 'sticker':
      return {
        message_type: 'sticker',
        text: labelled('sticker'),
        media: { kind: 'sticker', media_id: content.sticker?.media_id ?? null },
      };
    case 'share_post':
      return {
        message_type: 'share_post',
        text: labelled('share', content.share_post?.embed_url),
        media: { kind: 'share_post', ...content.share_post },
      };
    default:
      // A type nobody knows: stored, not answered (the AI would be replying to something it
      // cannot read), as on WhatsApp, Messenger and Instagram.
      return {
        message_type: content.type,
        text: labelled('other', content.type),
        media: null,
        answerable: false,
      };
  }
}

// The customer is the recipient of what the business sent and the sender of the rest, but never
// the business account itself: an im_send_msg whose sender is the customer is read the other
// way round, so the business never becomes its own lead.
function customerOf(content: TiktokMessageContent, outbound: boolean, business: string): string {
  const sides = outbound
    ? [content.to_user?.id, content.from_user.id]
    : [content.from_user.id, content.to_user?.id];
  const customer = sides.find((id) => id !== undefined && id !== business);
  if (!customer)
    throw new MalformedItem(
      malformedReason(outbound ? 'content.to_user.id' : 'content.from_user.id', 'required'),
    );
  return customer;
}

function messageEvent(content: TiktokMessageContent, outbound: boolean, business: string): MessageEvent {
  const customer = customerOf(content, outbound, business);
  const { answerable = true, ...described } = describe(content);
  return {
    kind: 'message',
    platform_message_id: content.message_id,
    direction: outbound ? 'outbound' : 'inbound',
    sender: outbound ? 'human' : 'lead',
    contact: { external_id: customer, name: outbound ? content.to : content.from },
    ...described,
    reply_to_platform_message_id: content.referenced_message_info?.referenced_message_id ?? null,
    platform_timestamp: isoFromMillis(content.timestamp),
    external_thread_id: content.conversation_id,
    own_message_id: null,
    answerable: !outbound && answerable,
    raw: content,
  };
}

function normaliseEvent(event: string, business: string, content: unknown): NormalisedDelivery {
  if (event === 'im_receive_msg' || event === 'im_send_msg') {
    const message = parseContent(tiktokMessageContentSchema, content);
    return {
      events: routeEvents([messageEvent(message, event === 'im_send_msg', business)], business),
      ignored: [],
    };
  }
  const read = parseContent(tiktokReadContentSchema, content);
  const watermark = isoFromMillis(read.read.last_read_timestamp);
  // The business reading its own inbox says nothing about our messages.
  if (read.from_user?.id === business || !watermark) {
    return { events: [], ignored: ['event:im_mark_read_msg'] };
  }
  return {
    events: routeEvents(
      [{ kind: 'watermark', status: 'read', watermark, external_thread_id: read.conversation_id }],
      business,
    ),
    ignored: [],
  };
}

export function normaliseTiktokWebhook(body: unknown): NormalisedDelivery {
  const envelope = parseOrReject(tiktokEnvelopeSchema, body);
  const business = envelope.user_openid;
  const { event } = envelope;
  if (event !== 'im_receive_msg' && event !== 'im_send_msg' && event !== 'im_mark_read_msg') {
    return { events: [], ignored: [`event:${event}`] };
  }
  try {
    return normaliseEvent(event, business, envelope.content);
  } catch (error) {
    if (!(error instanceof MalformedItem)) throw error;
    return { events: [], ignored: [error.reason] };
  }
}
