import { AppError } from '@/src/shared/app-error';
import type {
  InboundEvent,
  MessageEvent,
  NormalisedDelivery,
  StatusEvent,
} from '@/src/webhooks/inbound-event';
import { ownMessageIdFrom } from '@/src/webhooks/own-send-marker';
import { parseOrReject } from '@/src/webhooks/parse-or-reject';
import { isoFromSeconds } from '@/src/webhooks/platform-time';
import { describeWhatsappMessage } from './describe-whatsapp-message';
import {
  type WhatsappContact,
  type WhatsappMessage,
  whatsappEnvelopeSchema,
  whatsappMessagesValueSchema,
} from './whatsapp-webhook-schema';

// Every entry, every change, every message and status of a WhatsApp delivery. The routing
// key is metadata.phone_number_id of each change; leads are keyed by wa_id, or by the
// business-scoped user id (BSUID) when the user hides their phone behind a username.

const statuses = new Set(['sent', 'delivered', 'read', 'played', 'failed']);

function contactFor(message: WhatsappMessage, contacts: WhatsappContact[]): WhatsappContact | undefined {
  const exact = contacts.find(
    (contact) =>
      (message.from !== undefined && contact.wa_id === message.from) ||
      (message.from_user_id !== undefined && contact.user_id === message.from_user_id),
  );
  return exact ?? (contacts.length === 1 ? contacts[0] : undefined);
}

function toMessageEvent(message: WhatsappMessage, contacts: WhatsappContact[], path: string): MessageEvent {
  const contact = contactFor(message, contacts);
  const waId = contact?.wa_id ?? message.from;
  const externalId = waId ?? message.from_user_id ?? contact?.user_id;
  if (!externalId)
    throw new AppError('bad_request', `malformed payload: ${path}: no sender id (from, wa_id or user_id)`);
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

export function normaliseWhatsappWebhook(body: unknown): NormalisedDelivery {
  const envelope = parseOrReject(whatsappEnvelopeSchema, body);
  const accountIds = new Set<string>();
  const events: InboundEvent[] = [];
  const ignored: string[] = [];
  envelope.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      const path = `entry.${e}.changes.${c}.value`;
      if (change.field !== 'messages') {
        ignored.push(`field:${change.field}`);
        return;
      }
      const value = parseOrReject(whatsappMessagesValueSchema, change.value, path);
      if (!value.metadata) throw new AppError('bad_request', `malformed payload: ${path}.metadata: required`);
      accountIds.add(value.metadata.phone_number_id);
      const contacts = value.contacts ?? [];
      (value.messages ?? []).forEach((message, m) => {
        events.push(toMessageEvent(message, contacts, `${path}.messages.${m}`));
      });
      for (const status of value.statuses ?? []) {
        if (statuses.has(status.status)) events.push(toStatusEvent(status));
        else ignored.push(`status:${status.status}`);
      }
      for (const _error of value.errors ?? []) ignored.push('errors');
    });
  });
  return { accountIds: [...accountIds], events, ignored };
}
