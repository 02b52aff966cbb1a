import type {
  InboundEvent,
  MessageEvent,
  NormalisedDelivery,
  RoutedEvent,
  StatusEvent,
} from '@/src/channels/inbound-event';
import { MalformedItem, malformedReason, parseItem, rawId } from '@/src/channels/malformed-item';
import { ownMessageIdFrom } from '@/src/channels/own-send-marker';
import { parseOrReject } from '@/src/channels/parse-or-reject';
import { isoFromSeconds } from '@/src/channels/platform-time';
import { routeEvents } from '@/src/channels/route-events';
import { describeWhatsappMessage } from './describe-whatsapp-message';
import {
  type WhatsappContact,
  type WhatsappMessage,
  whatsappChangeSchema,
  whatsappContactSchema,
  whatsappEntrySchema,
  whatsappEnvelopeSchema,
  whatsappMessageSchema,
  whatsappMessagesValueSchema,
  whatsappStatusSchema,
} from './whatsapp-webhook-schema';

// Every entry, every change, every message and status of a WhatsApp delivery. The routing
// key is metadata.phone_number_id of each change; leads are keyed by wa_id, or by the
// business-scoped user id (BSUID) when the user hides their phone behind a username.
//
// Only a body that is not a WhatsApp webhook at all is refused (400). A malformed entry, change,
// contact, message or status is skipped and counted in `ignored` (src/channels/malformed-item.ts).
// Every event carries the phone_number_id of its change, read from the raw change: ingest
// stores it under the tenant that owns that number, or skips it.

const statuses = new Set(['sent', 'delivered', 'read', 'played', 'failed']);

/** The change's contacts by position; a malformed one is undefined (and counted by the caller). */
type Contacts = ReadonlyArray<WhatsappContact | undefined>;

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

function toMessageEvent(message: WhatsappMessage, contacts: Contacts, path: string): MessageEvent {
  const contact = contactFor(message, contacts);
  const waId = contact?.wa_id ?? message.from;
  const userId = message.from_user_id ?? contact?.user_id;
  const externalId = waId ?? userId;
  if (!externalId) throw new MalformedItem(malformedReason(path, 'no sender id (from, wa_id or user_id)'));
  const described = describeWhatsappMessage(message);
  return {
    kind: 'message',
    platform_message_id: message.id,
    direction: 'inbound',
    sender: described.sender,
    contact: {
      external_id: externalId,
      name: contact?.profile?.name,
      phone: waId && /^\d{6,20}$/.test(waId) ? `+${waId}` : undefined,
      username: contact?.profile?.username,
      // Keyed by the phone, the BSUID too finds this lead once the customer hides the phone.
      alias_ids: userId && userId !== externalId ? [userId] : undefined,
    },
    message_type: described.message_type,
    text: described.text,
    media: described.media,
    reply_to_platform_message_id: described.reply_to,
    platform_timestamp: isoFromSeconds(message.timestamp),
    external_thread_id: null,
    own_message_id: null,
    answerable: described.answerable,
    raw: message,
  };
}

function toStatusEvent(status: {
  id: string;
  status: string;
  timestamp?: string | number;
  biz_opaque_callback_data?: string;
  errors?: Array<{
    code?: string | number;
    title?: string;
    message?: string;
    error_data?: { details?: string };
  }>;
}): StatusEvent {
  const error = status.status === 'failed' ? status.errors?.[0] : undefined;
  return {
    kind: 'status',
    platform_message_id: status.id,
    status: status.status as StatusEvent['status'],
    status_at: isoFromSeconds(status.timestamp),
    error_code: error?.code === undefined ? null : String(error.code),
    error_message: error ? (error.error_data?.details ?? error.message ?? error.title ?? null) : null,
    own_message_id: ownMessageIdFrom(status.biz_opaque_callback_data),
  };
}

type Batch = { events: RoutedEvent[]; ignored: string[] };

function normaliseMessagesValue(
  value: unknown,
  path: string,
  batch: { events: InboundEvent[]; ignored: string[] },
): void {
  const parsed = parseItem(whatsappMessagesValueSchema, value, path);
  if (!parsed.ok) {
    batch.ignored.push(parsed.reason);
    return;
  }
  const contacts = (parsed.data.contacts ?? []).map((raw, k) => {
    const contact = parseItem(whatsappContactSchema, raw, `${path}.contacts.${k}`);
    if (contact.ok) return contact.data;
    batch.ignored.push(contact.reason);
    return undefined;
  });
  (parsed.data.messages ?? []).forEach((raw, m) => {
    const itemPath = `${path}.messages.${m}`;
    const message = parseItem(whatsappMessageSchema, raw, itemPath);
    if (!message.ok) {
      batch.ignored.push(message.reason);
      return;
    }
    const revoked = message.data.type === 'revoke' ? message.data.revoke?.original_message_id : undefined;
    if (revoked) {
      // The customer deleted an earlier message (Coexistence numbers): that message is marked
      // deleted and loses its text, as an Instagram unsend does; a revoke that names no message
      // is stored as a notice below.
      batch.events.push({
        kind: 'status',
        platform_message_id: revoked,
        status: 'deleted',
        status_at: isoFromSeconds(message.data.timestamp),
        error_code: null,
        error_message: null,
      });
      return;
    }
    try {
      batch.events.push(toMessageEvent(message.data, contacts, itemPath));
    } catch (error) {
      if (!(error instanceof MalformedItem)) throw error;
      batch.ignored.push(error.reason);
    }
  });
  (parsed.data.statuses ?? []).forEach((raw, s) => {
    const status = parseItem(whatsappStatusSchema, raw, `${path}.statuses.${s}`);
    if (!status.ok) batch.ignored.push(status.reason);
    else if (statuses.has(status.data.status)) batch.events.push(toStatusEvent(status.data));
    else batch.ignored.push(`status:${status.data.status}`);
  });
  for (const _error of parsed.data.errors ?? []) batch.ignored.push('errors');
}

function normaliseChange(raw: unknown, path: string, batch: Batch): void {
  const change = parseItem(whatsappChangeSchema, raw, path);
  if (!change.ok) {
    batch.ignored.push(change.reason);
    return;
  }
  if (change.data.field !== 'messages') {
    batch.ignored.push(`field:${change.data.field}`);
    return;
  }
  // The routing key, read from the raw change: without it nothing here can reach a tenant.
  const phoneNumberId = rawId(raw, 'value', 'metadata', 'phone_number_id');
  if (phoneNumberId === undefined) {
    batch.ignored.push(malformedReason(`${path}.value.metadata.phone_number_id`, 'required'));
    return;
  }
  const events: InboundEvent[] = [];
  normaliseMessagesValue(change.data.value, `${path}.value`, { events, ignored: batch.ignored });
  batch.events.push(...routeEvents(events, phoneNumberId));
}

export function normaliseWhatsappWebhook(body: unknown): NormalisedDelivery {
  const envelope = parseOrReject(whatsappEnvelopeSchema, body);
  const batch: Batch = { events: [], ignored: [] };
  envelope.entry.forEach((raw, e) => {
    // Fails only when the entry is not an object or its changes not a list: nothing in it can
    // be read, routed or stored.
    const entry = parseItem(whatsappEntrySchema, raw, `entry.${e}`);
    if (!entry.ok) {
      batch.ignored.push(entry.reason);
      return;
    }
    entry.data.changes.forEach((change, c) => {
      normaliseChange(change, `entry.${e}.changes.${c}`, batch);
    });
  });
  return batch;
}
