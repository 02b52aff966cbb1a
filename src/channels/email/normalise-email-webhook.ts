import type { MessageEvent, NormalisedDelivery, StatusEvent } from '@/src/channels/inbound-event';
import { parseOrReject } from '@/src/channels/parse-or-reject';
import { AppError } from '@/src/shared/app-error';
import { autoReplyReason } from './detect-auto-reply';
import { bareAddress, mailboxOf } from './email-address';
import { attachmentList } from './email-attachments';
import { headerValue, messageIds } from './email-headers';
import { baseSubject, encodeThread } from './email-thread';
import {
  type PostmarkBounce,
  type PostmarkInbound,
  postmarkBounceSchema,
  postmarkInboundSchema,
} from './postmark-webhook-schema';
import { htmlToText, sanitiseEmailHtml } from './sanitise-email-html';
import { stripQuotedReply } from './strip-quoted-reply';

// Postmark's webhooks for one server, all posted to the connection's URL: Inbound (a customer
// wrote; no RecordType, or "Inbound"), Bounce and SpamComplaint (about a message we sent, by
// Postmark's MessageID: the message becomes failed with the reason). Other record types
// (Delivery, Open, Click…) are counted, not stored.
//
// Routing: an inbound mail names the connection by the address it was sent to (OriginalRecipient,
// else the first To), a bounce by the From we sent it with.

function addressedTo(mail: PostmarkInbound): string {
  const candidates = [mail.OriginalRecipient, ...mail.ToFull.map((to) => to.Email), mail.To];
  for (const candidate of candidates) {
    const address = candidate ? bareAddress(candidate) : null;
    if (address) return mailboxOf(address);
  }
  throw new AppError('bad_request', 'the mail names no recipient');
}

const maxTextLength = 20_000;
const maxRawLength = 100_000;

function cap(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function readableText(mail: PostmarkInbound, isReply: boolean): string {
  const body =
    mail.StrippedTextReply.trim() ||
    stripQuotedReply(mail.TextBody) ||
    stripQuotedReply(htmlToText(mail.HtmlBody));
  const subject = mail.Subject.trim();
  const attachments = mail.Attachments.map((file) => `[Adjunto: ${file.Name || file.ContentType}]`);
  // A new thread's subject is often the question itself ("Precio de limpieza"): the AI reads it.
  const parts = [!isReply && subject ? `Asunto: ${subject}` : '', body, ...attachments].filter(Boolean);
  const text = parts.join('\n\n') || subject || '[Correo sin texto]';
  // A mail can be megabytes (a forwarded thread, a pasted log): the inbox and the AI read the
  // first part, as long as the longest reply we send; the raw mail keeps the rest.
  return cap(text, maxTextLength);
}

/** The mail's own Message-ID, else Postmark's id: what a retried delivery is recognised by. */
export function emailPlatformId(mail: PostmarkInbound): string {
  return messageIds(headerValue(mail.Headers, 'message-id'))[0] ?? `postmark:${mail.MessageID}`;
}

function inboundEvent(mail: PostmarkInbound, account: string): MessageEvent {
  const from = bareAddress(mail.FromFull?.Email || mail.From);
  if (!from) throw new AppError('bad_request', 'the mail has no sender address');
  const inReplyTo = messageIds(headerValue(mail.Headers, 'in-reply-to'))[0];
  const references = messageIds(headerValue(mail.Headers, 'references'));
  const platformId = emailPlatformId(mail);
  const autoReply = autoReplyReason(mail.Headers, mailboxOf(from), account);
  const html = mail.HtmlBody ? sanitiseEmailHtml(mail.HtmlBody) : '';
  const { RawEmail: _raw, Attachments, HtmlBody: _html, ...kept } = mail;
  // Listed for the media pipeline (messages_inbound_media); the bytes are stored after the
  // transaction by store-email-attachments.ts, never in the database.
  const attachments = attachmentList(Attachments);
  return {
    kind: 'message',
    platform_message_id: platformId,
    direction: 'inbound',
    sender: 'lead',
    contact: { external_id: from, name: mail.FromFull?.Name || mail.FromName || undefined, username: from },
    message_type: 'text',
    text: readableText(mail, Boolean(inReplyTo)),
    media: attachments.length > 0 ? { attachments } : null,
    reply_to_platform_message_id: inReplyTo ?? null,
    platform_timestamp: null,
    external_thread_id: encodeThread({
      root: references[0] ?? inReplyTo ?? platformId,
      last: platformId,
      subject: baseSubject(mail.Subject),
    }),
    own_message_id: null,
    answerable: autoReply === null,
    raw: {
      ...kept,
      // Only the sanitised HTML is kept: what the dashboard may show. Bodies are kept up to a
      // size staff can read; megabytes of pasted logs would only slow every write and search.
      TextBody: cap(kept.TextBody, maxRawLength),
      StrippedTextReply: cap(kept.StrippedTextReply, maxRawLength),
      HtmlBody: cap(html, maxRawLength),
      Attachments: Attachments.map(({ Content: _content, ...file }) => file),
      ...(autoReply ? { auto_reply: autoReply } : {}),
    },
  };
}

function bounceEvent(bounce: PostmarkBounce): StatusEvent {
  const spam = bounce.RecordType === 'SpamComplaint';
  const reason = [bounce.Description, bounce.Details].filter(Boolean).join(' ').slice(0, 500);
  return {
    kind: 'status',
    platform_message_id: bounce.MessageID,
    status: 'failed',
    status_at: bounce.BouncedAt ?? null,
    error_code: spam ? 'email_spam_complaint' : `email_bounce_${bounce.Type || bounce.TypeCode || 'unknown'}`,
    error_message: spam
      ? 'El cliente marcó el correo como spam.'
      : `El correo rebotó${reason ? `: ${reason}` : '.'}`,
  };
}

export function normaliseEmailWebhook(body: unknown): NormalisedDelivery {
  const recordType =
    body && typeof body === 'object' ? (body as { RecordType?: unknown }).RecordType : undefined;
  if (recordType === 'Bounce' || recordType === 'SpamComplaint') {
    const bounce = parseOrReject(postmarkBounceSchema, body);
    const from = bareAddress(bounce.From);
    if (!from) throw new AppError('bad_request', 'the bounce names no sender');
    return { events: [{ ...bounceEvent(bounce), account_id: mailboxOf(from) }], ignored: [] };
  }
  if (recordType !== undefined && recordType !== 'Inbound') {
    return { events: [], ignored: [`record:${String(recordType)}`] };
  }
  const mail = parseOrReject(postmarkInboundSchema, body);
  const account = addressedTo(mail);
  return { events: [{ ...inboundEvent(mail, account), account_id: account }], ignored: [] };
}
