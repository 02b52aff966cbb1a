import { labelled } from '@/src/webhooks/message-labels';
import type { WhatsappMessage } from './whatsapp-webhook-schema';

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

type Media = NonNullable<WhatsappMessage['image']>;

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

function describeMedia(message: WhatsappMessage): DescribedMessage | undefined {
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

function describeOther(message: WhatsappMessage): DescribedMessage {
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
      return { ...base, message_type: 'flow_reply', text: labelled('flow_reply', reply?.nfm_reply?.body) };
    }
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
    case 'order':
      return { ...base, message_type: 'order', text: labelled('order') };
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

export function describeWhatsappMessage(message: WhatsappMessage): DescribedMessage {
  const described = describeMedia(message) ?? describeOther(message);
  // An empty line would read as nothing in the inbox: say what arrived instead.
  return described.text ? described : { ...described, text: labelled('other', described.message_type) };
}
