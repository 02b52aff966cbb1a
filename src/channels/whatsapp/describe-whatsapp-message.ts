import { labelled } from '@/src/channels/message-labels';
import type { WhatsappContent } from './whatsapp-webhook-schema';

// Every WhatsApp message type as a stored kind: type, readable text, media reference (media is
// downloaded later by a job, never on the ack path) and whether the AI should answer it:
// not reactions, system notices, revokes, `unsupported` messages nor types nobody has seen.

export type DescribedMessage = {
  message_type: string;
  text: string;
  media: Record<string, unknown> | null;
  reply_to: string | null;
  sender: 'lead' | 'system';
  answerable: boolean;
};

type Media = NonNullable<WhatsappContent['image']>;
type Base = Pick<DescribedMessage, 'reply_to' | 'sender' | 'answerable' | 'media'>;

const maxFields = 20;
const maxValue = 200;

/**
 * "12", "Ana, Luis", "fecha 2026-08-03, hora 10:00" (an object's fields, two levels deep), or
 * undefined when nothing in it reads.
 */
function readableValue(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.trim().slice(0, maxValue) || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (depth > 2 || value === null || typeof value !== 'object') return undefined;
  const items = Array.isArray(value)
    ? value.map((item) => readableValue(item, depth + 1))
    : Object.entries(value).map(([key, item]) => {
        const readable = readableValue(item, depth + 1);
        return readable === undefined ? undefined : `${key.slice(0, 64)} ${readable}`;
      });
  const read = items.filter(Boolean).slice(0, maxFields);
  return read.length > 0 ? read.join(', ').slice(0, maxValue) : undefined;
}

/** response_json of a Flow reply: a JSON object string, or anything else (then null). */
function parseResponse(json: string | undefined): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

// A Flow (or address message) reply: Meta's body is a fixed "Sent"; what the customer filled
// in is response_json. Its fields read "name: value" (flow_token is ours, not theirs).
function describeFlowReply(message: WhatsappContent, base: Base): DescribedMessage {
  const reply = message.interactive?.nfm_reply;
  const response = parseResponse(reply?.response_json);
  const fields = Object.entries(response ?? {})
    .filter(([key]) => key !== 'flow_token')
    .map(([key, value]) => {
      const readable = readableValue(value);
      return readable === undefined ? undefined : `${key.slice(0, 64)}: ${readable}`;
    })
    .filter((field): field is string => field !== undefined)
    .slice(0, maxFields);
  const address = reply?.name === 'address_message';
  return {
    ...base,
    message_type: address ? 'address_reply' : 'flow_reply',
    text: labelled(address ? 'address' : 'flow_reply', fields.join('; ')),
    media: { kind: address ? 'address_reply' : 'flow_reply', name: reply?.name ?? null, response },
  };
}

function amount(value: number | string | undefined): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return number !== undefined && Number.isFinite(number) ? number : undefined;
}

function money(value: number): string {
  return String(Math.round(value * 100) / 100);
}

// A catalog order: each line "2 × sku (7.99 USD c/u)", the total when every line has a price
// in one currency, then the customer's note.
function describeOrder(message: WhatsappContent, base: Base): DescribedMessage {
  const order = message.order;
  const items = order?.product_items ?? [];
  const lines = items.slice(0, maxFields).map((item) => {
    const price = amount(item.item_price);
    const each =
      price === undefined ? '' : ` (${money(price)}${item.currency ? ` ${item.currency}` : ''} c/u)`;
    return `${item.quantity ?? 1} × ${item.product_retailer_id ?? '?'}${each}`;
  });
  const currencies = new Set(items.map((item) => item.currency));
  const subtotals = items.map((item) => {
    const price = amount(item.item_price);
    const quantity = amount(item.quantity ?? 1);
    return price === undefined || quantity === undefined ? undefined : price * quantity;
  });
  const total =
    items.length > 0 && currencies.size === 1 && subtotals.every((value) => value !== undefined)
      ? `Total: ${money(subtotals.reduce<number>((sum, value) => sum + value!, 0))}${
          items[0]!.currency ? ` ${items[0]!.currency}` : ''
        }`
      : undefined;
  return {
    ...base,
    message_type: 'order',
    text: labelled('order', [lines.join('; '), total, order?.text?.trim()].filter(Boolean).join(' — ')),
    media: {
      kind: 'order',
      catalog_id: order?.catalog_id ?? null,
      product_items: items,
    },
  };
}

const typeName = /^[a-z][a-z0-9_]{0,63}$/;

function mediaOf(kind: string, media: Media | undefined): Record<string, unknown> {
  return {
    kind,
    id: media?.id ?? null,
    mime_type: media?.mime_type ?? null,
    sha256: media?.sha256 ?? null,
    caption: media?.caption ?? null,
    filename: media?.filename ?? null,
    voice: media?.voice ?? null,
    animated: media?.animated ?? null,
  };
}

function describeMedia(message: WhatsappContent): DescribedMessage | undefined {
  const base = { reply_to: message.context?.id ?? null, sender: 'lead' as const, answerable: true };
  switch (message.type) {
    case 'image':
      return {
        ...base,
        message_type: 'image',
        text: labelled('image', message.image?.caption),
        media: mediaOf('image', message.image),
      };
    case 'video':
      return {
        ...base,
        message_type: 'video',
        text: labelled('video', message.video?.caption),
        media: mediaOf('video', message.video),
      };
    case 'audio':
      return {
        ...base,
        message_type: 'audio',
        text: labelled(message.audio?.voice ? 'voice' : 'audio'),
        media: mediaOf('audio', message.audio),
      };
    case 'document':
      return {
        ...base,
        message_type: 'document',
        text: labelled('document', message.document?.filename, message.document?.caption),
        media: mediaOf('document', message.document),
      };
    case 'sticker':
      return {
        ...base,
        message_type: 'sticker',
        text: labelled('sticker'),
        media: mediaOf('sticker', message.sticker),
      };
    default:
      return undefined;
  }
}

// The object each type's content lives in. A message of one of these types without it (Meta
// sends such messages with value-level `errors`, e.g. 131000) cannot be read: stored as
// unsupported and not answered, rather than as an empty form or a blank text.
const contentKeys: Record<string, keyof WhatsappContent> = {
  text: 'text',
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  contacts: 'contacts',
  interactive: 'interactive',
  button: 'button',
  order: 'order',
  reaction: 'reaction',
};

function unreadable(message: WhatsappContent): DescribedMessage | undefined {
  const key = contentKeys[message.type];
  if (key === undefined || message[key] != null) return undefined;
  return {
    message_type: 'unsupported',
    text: labelled('unsupported', message.type),
    media: null,
    reply_to: message.context?.id ?? null,
    sender: 'lead',
    answerable: false,
  };
}

function describeOther(message: WhatsappContent): DescribedMessage {
  const base = {
    reply_to: message.context?.id ?? null,
    sender: 'lead' as const,
    answerable: true,
    media: null,
  };
  switch (message.type) {
    case 'text':
      return { ...base, message_type: 'text', text: message.text?.body ?? '' };
    case 'location': {
      const place = message.location;
      const coordinates =
        place?.latitude !== undefined ? `(${place.latitude}, ${place.longitude})` : undefined;
      return {
        ...base,
        message_type: 'location',
        text: labelled('location', place?.name, place?.address, coordinates),
        media: place ? { kind: 'location', ...place } : null,
      };
    }
    case 'contacts': {
      const cards = (message.contacts ?? []).map((card) =>
        [card.name?.formatted_name, ...(card.phones ?? []).map((phone) => phone.phone)]
          .filter(Boolean)
          .join(' '),
      );
      return { ...base, message_type: 'contacts', text: labelled('contacts', cards.join('; ')) };
    }
    case 'interactive': {
      const reply = message.interactive;
      if (reply?.button_reply)
        return { ...base, message_type: 'button_reply', text: reply.button_reply.title ?? '' };
      if (reply?.list_reply) {
        const { title, description } = reply.list_reply;
        return {
          ...base,
          message_type: 'list_reply',
          text: [title, description].filter(Boolean).join(' — '),
        };
      }
      return describeFlowReply(message, base);
    }
    case 'order':
      return describeOrder(message, base);
    case 'request_welcome':
      // The customer opened the chat for the first time (Meta: "triggers a customer service
      // window"); it exists so the business greets them: answered like a first "hola".
      return { ...base, message_type: 'request_welcome', text: labelled('request_welcome') };
    case 'button':
      return { ...base, message_type: 'button', text: message.button?.text ?? message.button?.payload ?? '' };
    case 'reaction': {
      const emoji = message.reaction?.emoji;
      return {
        ...base,
        message_type: 'reaction',
        text: emoji ? labelled('reaction', emoji) : labelled('reaction_removed'),
        reply_to: message.reaction?.message_id ?? null,
        answerable: false,
      };
    }
    case 'system':
      return {
        ...base,
        message_type: 'system',
        text: message.system?.body ?? '',
        sender: 'system',
        answerable: false,
      };
    case 'unsupported':
      // WhatsApp could not show us what the customer sent (an edit, a poll, …): stored for the
      // inbox, not answered (the AI would be replying to a message it cannot read).
      return {
        ...base,
        message_type: 'unsupported',
        text: labelled('unsupported', message.unsupported?.type),
        answerable: false,
      };
    case 'revoke':
      return { ...base, message_type: 'revoke', text: labelled('revoke'), answerable: false };
    default: {
      // A type nobody has seen yet: stored as itself (as "unknown" when it does not even read
      // like a type name), not answered, for the same reason as `unsupported`.
      const type = typeName.test(message.type) ? message.type : 'unknown';
      return {
        ...base,
        message_type: type,
        text: labelled('other', type === 'unknown' ? undefined : type),
        answerable: false,
      };
    }
  }
}

// A Click-to-WhatsApp ad the customer came from: the message keeps its own kind and words; a
// second line names the ad, and the ad's fields are kept next to any media.
function withReferral(message: WhatsappContent, described: DescribedMessage): DescribedMessage {
  const referral = message.referral;
  if (!referral) return described;
  const line = labelled('ad_referral', referral.headline, referral.source_url);
  return {
    ...described,
    text: described.text ? `${described.text}\n${line}` : line,
    media: { ...(described.media ?? { kind: 'referral' }), referral },
  };
}

export function describeWhatsappMessage(message: WhatsappContent): DescribedMessage {
  const described = withReferral(
    message,
    unreadable(message) ?? describeMedia(message) ?? describeOther(message),
  );
  // An empty line would read as nothing in the inbox: say what arrived instead.
  return described.text ? described : { ...described, text: labelled('other', described.message_type) };
}
