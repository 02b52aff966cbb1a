import type { EditEvent, InboundEvent, MessageEvent } from '@/src/channels/inbound-event';
import { MalformedItem, malformedReason } from '@/src/channels/malformed-item';
import { isoFromSeconds } from '@/src/channels/platform-time';
import { describeWhatsappMessage } from './describe-whatsapp-message';
import { type WhatsappContact, type WhatsappMessage, whatsappContentSchema } from './whatsapp-webhook-schema';

// One WhatsApp message (or Coexistence echo) as the events ingest stores. Leads are keyed by
// wa_id, or by the business-scoped user id (BSUID) when the user hides their phone behind a
// username.
//
// Echoes (smb_message_echoes) are what the business typed in the WhatsApp Business app: stored as
// staff messages (outbound, sender 'human'), never answered. Their customer is `to`; an echo
// whose `from` is the customer and `to` the business's own number is read the other way round,
// so the business's number never becomes a lead.

/** The change's contacts by position; a malformed one is undefined (and counted by the caller). */
export type Contacts = ReadonlyArray<WhatsappContact | undefined>;

export type MessageSide = {
  echo: boolean;
  /** The business's number, digits only (metadata.display_phone_number). */
  businessNumber: string | undefined;
  path: string;
};

function contactFor(message: WhatsappMessage, contacts: Contacts): WhatsappContact | undefined {
  const exact = contacts.find(
    (contact) =>
      contact !== undefined &&
      ((message.from !== undefined && contact.wa_id === message.from) ||
        (message.from_user_id !== undefined && contact.user_id === message.from_user_id)),
  );
  // The only contact of the change is the sender's; a malformed neighbour makes it not the only one.
  return exact ?? (contacts.length === 1 ? contacts[0] : undefined);
}

function phoneOf(waId: string | undefined): string | undefined {
  return waId && /^\d{6,20}$/.test(waId) ? `+${waId}` : undefined;
}

/** The customer's ids: the sender of a message, the recipient of an echo (whichever is not us). */
function customerOf(message: WhatsappMessage, contacts: Contacts, side: MessageSide) {
  if (!side.echo) {
    const contact = contactFor(message, contacts);
    return {
      waId: contact?.wa_id ?? message.from,
      userId: message.from_user_id ?? contact?.user_id,
      contact,
    };
  }
  const ours = (id: string | undefined) => id !== undefined && id === side.businessNumber;
  const reversed = ours(message.to) && message.from !== undefined && !ours(message.from);
  return {
    waId: reversed ? message.from : ours(message.to) ? undefined : message.to,
    userId: reversed ? message.from_user_id : message.to_user_id,
    contact: undefined,
  };
}

function contactOf(message: WhatsappMessage, contacts: Contacts, side: MessageSide): MessageEvent['contact'] {
  const { waId, userId, contact } = customerOf(message, contacts, side);
  const externalId = waId ?? userId;
  if (!externalId) {
    throw new MalformedItem(malformedReason(side.path, `no ${side.echo ? 'recipient' : 'sender'} id`));
  }
  // user_changed_number: the new wa_id is the same person (same lead), and replies go there.
  const newWaId =
    message.type === 'system' ? (message.system?.wa_id ?? message.system?.new_wa_id) : undefined;
  return {
    external_id: externalId,
    name: contact?.profile?.name,
    phone: phoneOf(waId),
    username: contact?.profile?.username,
    // Keyed by the phone, the BSUID too finds this lead once the customer hides the phone.
    alias_ids: userId && userId !== externalId ? [userId] : undefined,
    changed_to:
      newWaId && newWaId !== externalId && !side.echo
        ? { external_id: newWaId, phone: phoneOf(newWaId) }
        : undefined,
  };
}

function messageEvent(message: WhatsappMessage, contacts: Contacts, side: MessageSide): MessageEvent {
  const contact = contactOf(message, contacts, side);
  const described = describeWhatsappMessage(message);
  return {
    kind: 'message',
    platform_message_id: message.id,
    direction: side.echo ? 'outbound' : 'inbound',
    sender: side.echo ? 'human' : described.sender,
    contact,
    message_type: described.message_type,
    text: described.text,
    media: described.media,
    reply_to_platform_message_id: described.reply_to,
    platform_timestamp: isoFromSeconds(message.timestamp),
    external_thread_id: null,
    own_message_id: null,
    answerable: !side.echo && described.answerable,
    raw: message,
  };
}

// An edit (Coexistence numbers, …/messages/edit): edit.message is the new version, described as
// any message is. Only its words are taken: an edited caption's media object names no media id,
// so the original's media stays. The edit's own id keeps a redelivery from adding a second
// history entry.
function editEvent(message: WhatsappMessage, original: string, side: MessageSide): EditEvent {
  const parsed = whatsappContentSchema.safeParse(message.edit?.message ?? {});
  const described = describeWhatsappMessage(parsed.success ? parsed.data : { type: 'unknown' });
  return {
    kind: 'edit',
    platform_message_id: original,
    edit_id: message.id,
    direction: side.echo ? 'outbound' : 'inbound',
    text: described.text,
    media: null,
    edited_at: isoFromSeconds(message.timestamp),
    edit_seq: null,
    raw: message,
  };
}

export function whatsappMessageEvents(
  message: WhatsappMessage,
  contacts: Contacts,
  side: MessageSide,
): InboundEvent[] {
  const revoked = message.type === 'revoke' ? message.revoke?.original_message_id : undefined;
  if (revoked) {
    // The customer deleted an earlier message (Coexistence numbers): that message is marked
    // deleted and loses its text, as an Instagram unsend does; a revoke that names no message
    // is stored as a notice.
    return [
      {
        kind: 'status',
        platform_message_id: revoked,
        status: 'deleted',
        status_at: isoFromSeconds(message.timestamp),
        error_code: null,
        error_message: null,
      },
    ];
  }
  const edited = message.type === 'edit' ? message.edit?.original_message_id : undefined;
  if (edited) return [editEvent(message, edited, side)];
  return [messageEvent(message, contacts, side)];
}
