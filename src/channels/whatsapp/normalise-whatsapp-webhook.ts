import type {
  InboundEvent,
  NormalisedDelivery,
  RoutedEvent,
  StatusEvent,
} from '@/src/channels/inbound-event';
import { MalformedItem, malformedReason, parseItem, rawId } from '@/src/channels/malformed-item';
import { ownMessageIdFrom } from '@/src/channels/own-send-marker';
import { parseOrReject } from '@/src/channels/parse-or-reject';
import { isoFromSeconds } from '@/src/channels/platform-time';
import { routeEvents } from '@/src/channels/route-events';
import { normaliseWhatsappAccountChange } from './normalise-whatsapp-account-change';
import { type Contacts, whatsappMessageEvents } from './whatsapp-message-events';
import {
  whatsappChangeSchema,
  whatsappContactSchema,
  whatsappEntrySchema,
  whatsappEnvelopeSchema,
  whatsappMessageSchema,
  whatsappMessagesValueSchema,
  whatsappStatusSchema,
} from './whatsapp-webhook-schema';

// Every entry, every change, every message, echo and status of a WhatsApp delivery. The routing
// key is metadata.phone_number_id of each change; account-level changes (quality, account
// updates) are routed by the entry's WABA id.
//
// Only a body that is not a WhatsApp webhook at all is refused (400). A malformed entry, change,
// contact, message or status is skipped and counted in `ignored` (src/channels/malformed-item.ts).
// Every event carries the account of its change, read from the raw change: ingest stores it
// under the tenant that owns that account, or skips it.

const statuses = new Set(['sent', 'delivered', 'read', 'played', 'failed']);
const messageFields = new Set(['messages', 'smb_message_echoes']);

function toStatusEvent(status: {
  id: string;
  status: string;
  timestamp?: string | number | null;
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
  const contacts: Contacts = (parsed.data.contacts ?? []).map((raw, k) => {
    const contact = parseItem(whatsappContactSchema, raw, `${path}.contacts.${k}`);
    if (contact.ok) return contact.data;
    batch.ignored.push(contact.reason);
    return undefined;
  });
  const businessNumber = parsed.data.metadata.display_phone_number?.replace(/\D/g, '') || undefined;
  const lists = [
    { items: parsed.data.messages ?? [], echo: false, name: 'messages' },
    { items: parsed.data.message_echoes ?? [], echo: true, name: 'message_echoes' },
  ];
  for (const list of lists) {
    list.items.forEach((raw, m) => {
      const itemPath = `${path}.${list.name}.${m}`;
      const message = parseItem(whatsappMessageSchema, raw, itemPath);
      if (!message.ok) {
        batch.ignored.push(message.reason);
        return;
      }
      try {
        batch.events.push(
          ...whatsappMessageEvents(message.data, contacts, {
            echo: list.echo,
            businessNumber,
            path: itemPath,
          }),
        );
      } catch (error) {
        if (!(error instanceof MalformedItem)) throw error;
        batch.ignored.push(error.reason);
      }
    });
  }
  (parsed.data.statuses ?? []).forEach((raw, s) => {
    const status = parseItem(whatsappStatusSchema, raw, `${path}.statuses.${s}`);
    if (!status.ok) batch.ignored.push(status.reason);
    else if (statuses.has(status.data.status)) batch.events.push(toStatusEvent(status.data));
    else batch.ignored.push(`status:${status.data.status}`);
  });
  for (const _error of parsed.data.errors ?? []) batch.ignored.push('errors');
}

function normaliseChange(
  raw: unknown,
  path: string,
  entry: { raw: unknown; time: unknown },
  batch: Batch,
): void {
  const change = parseItem(whatsappChangeSchema, raw, path);
  if (!change.ok) {
    batch.ignored.push(change.reason);
    return;
  }
  const { field } = change.data;
  const account = normaliseWhatsappAccountChange(field, change.data.value, `${path}.value`, entry.time);
  if (account) {
    batch.ignored.push(...account.ignored);
    const waba = rawId(entry.raw, 'id');
    if (account.event && waba) batch.events.push(...routeEvents([account.event], waba, 'business_account'));
    else if (account.event) batch.ignored.push(malformedReason(`${path}: entry.id`, 'required'));
    return;
  }
  if (!messageFields.has(field)) {
    batch.ignored.push(`field:${field}`);
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
      normaliseChange(change, `entry.${e}.changes.${c}`, { raw, time: entry.data.time }, batch);
    });
  });
  return batch;
}
