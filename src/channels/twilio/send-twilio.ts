import { z } from 'zod';
import type { ChannelSender } from '@/src/channels/send-types';
import { twilioContentVariables } from './twilio-content-variables';
import { basicAuthorization, readTwilioCredentials } from './twilio-credentials';
import { classifyTwilioSendError } from './twilio-send-errors';

// Twilio Messages API (PLATFORMS.md §5): POST /2010-04-01/Accounts/{AccountSid}/Messages.json,
// form fields, Basic auth. The sender is the connection's `phone_number_id`: a WhatsApp address
// ("whatsapp:+1…") goes as From, a Messaging Service SID (MG…) as MessagingServiceSid. Text as
// Body; a file as MediaUrl (our signed link) with its caption; a template as ContentSid +
// ContentVariables, never Body. Choices go as numbered text (messages.text already has them).

const answerSchema = z.looseObject({ sid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/), status: z.string() });
const errorSchema = z.looseObject({ code: z.coerce.number().optional(), message: z.string().optional() });

const sandboxAccount = 'AC00000000000000000000000000000000';

function senderFields(sender: string | null): Record<string, string> {
  if (sender && /^MG[0-9a-fA-F]{32}$/.test(sender)) return { MessagingServiceSid: sender };
  return { From: sender ?? '' };
}

export const twilioSender: ChannelSender = {
  recipientOf: ({ externalId }) => externalId,
  buildRequest(input, accessToken, env) {
    // The sandbox passes no credentials: the outbox shows the request as it would go.
    const credentials = readTwilioCredentials(accessToken);
    const accountSid = credentials?.accountSid ?? sandboxAccount;
    const form: Record<string, string> = {
      To: `whatsapp:+${input.recipientId}`,
      ...senderFields(input.account.phone_number_id),
    };
    const content = input.content;
    if (content?.kind === 'template') {
      form.ContentSid = content.name;
      const variables = twilioContentVariables(content);
      if (variables) form.ContentVariables = variables;
    } else {
      if (input.text) form.Body = input.text;
      if (content?.kind === 'media' && input.media && 'link' in input.media) form.MediaUrl = input.media.link;
    }
    return {
      method: 'POST',
      url: `${env.TWILIO_API_BASE_URL}/2010-04-01/Accounts/${accountSid}/Messages.json`,
      headers: {
        ...(credentials ? { authorization: basicAuthorization(credentials) } : {}),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form,
      encoding: 'form',
    };
  },
  readResponse(status, body, retryAfterMs) {
    if (status >= 200 && status < 300) {
      const parsed = answerSchema.safeParse(body);
      if (parsed.success) return { ok: true, platformMessageId: parsed.data.sid };
      // A 2xx we cannot read may still be a message Twilio took: never a definite refusal.
      return { ok: 'unknown', detail: `Twilio answered ${status} without a message sid` };
    }
    const parsed = errorSchema.safeParse(body);
    return {
      ok: false,
      failure: classifyTwilioSendError(status, parsed.success ? parsed.data : null, retryAfterMs),
    };
  },
  media: { by: 'link' },
};
