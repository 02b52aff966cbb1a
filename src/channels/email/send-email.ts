import { z } from 'zod';
import type { ChannelSender, SendInput } from '@/src/channels/send-types';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { signUnsubscribeToken, unsubscribeUrl } from '@/src/unsubscribe/unsubscribe-token';
import { domainOf } from './email-address';
import { baseSubject, decodeThread } from './email-thread';
import { classifyPostmarkError } from './postmark-send-errors';

// Replies go out through Postmark's HTTP API (POST /email with X-Postmark-Server-Token;
// https://postmarkapp.com/developer/user-guide/sending-with-api): a serverless function keeps no
// SMTP connection, and Postmark's MessageID is what its bounce webhook names later.
// From: the connection's address (its domain verified in Postmark). Threading (RFC 5322
// §3.6.4): our own Message-ID, In-Reply-To the customer's last mail, References root + last,
// "Re: " + the thread's subject.

const okSchema = z.object({ ErrorCode: z.number(), MessageID: z.string().min(1) }).loose();
const errorSchema = z.object({ ErrorCode: z.number().optional(), Message: z.string().optional() }).loose();

/** The Message-ID we give a reply: ours, unique, on the tenant's own domain. */
export function outboundMessageId(messageId: string, from: string): string {
  return `<inbox-${messageId}@${domainOf(from)}>`;
}

/**
 * RFC 8058 one-click unsubscribe, only on automated mail (the AI's replies, automations): a
 * person's reply is a conversation, not a mailing. Needs APP_BASE_URL (where the link points)
 * and ENCRYPTION_KEY (what signs it); without them the header is left out.
 */
function unsubscribeHeaders(input: SendInput, env: AppEnv): Array<{ Name: string; Value: string }> {
  const origin = input.origin;
  if (!origin || (origin.sender !== 'ai' && origin.sender !== 'system')) return [];
  if (!env.APP_BASE_URL || !env.ENCRYPTION_KEY) return [];
  const token = signUnsubscribeToken(
    { tenantId: origin.tenantId, leadId: origin.leadId },
    env.ENCRYPTION_KEY,
  );
  return [
    { Name: 'List-Unsubscribe', Value: `<${unsubscribeUrl(env.APP_BASE_URL, token)}>` },
    { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
  ];
}

export const emailSender: ChannelSender = {
  // The customer's address is the lead's id on this channel.
  recipientOf: ({ externalId }) => externalId,
  buildRequest(input, accessToken, env) {
    const from = input.account.email_address;
    if (!from) throw new AppError('bad_request', 'the email connection has no address');
    const thread = decodeThread(input.threadId ?? null);
    const subject = thread?.subject ? `Re: ${baseSubject(thread.subject)}` : 'Re: tu mensaje';
    const headers = [{ Name: 'Message-ID', Value: outboundMessageId(input.messageId, from) }];
    if (thread) {
      const references = [...new Set([thread.root, thread.last])].map((id) => `<${id}>`).join(' ');
      headers.push(
        { Name: 'In-Reply-To', Value: `<${thread.last}>` },
        { Name: 'References', Value: references },
      );
    }
    headers.push(...unsubscribeHeaders(input, env));
    return {
      method: 'POST',
      url: `${env.POSTMARK_API_BASE_URL}/email`,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-postmark-server-token': accessToken,
      },
      body: {
        From: from,
        To: input.recipientId,
        Subject: subject,
        TextBody: input.text,
        Headers: headers,
        MessageStream: 'outbound',
        // Our message id comes back in bounce webhooks' Metadata too.
        Metadata: { inbox_message_id: input.messageId },
      },
    };
  },
  readResponse(status, body, retryAfterMs) {
    if (status >= 200 && status < 300) {
      const parsed = okSchema.safeParse(body);
      if (parsed.success && parsed.data.ErrorCode === 0)
        return { ok: true, platformMessageId: parsed.data.MessageID };
      return { ok: 'unknown', detail: `Postmark answered ${status} without a MessageID we could read` };
    }
    const parsed = errorSchema.safeParse(body);
    return {
      ok: false,
      failure: classifyPostmarkError(status, parsed.success ? parsed.data : null, retryAfterMs),
    };
  },
};
