import { z } from 'zod';
import type { TwilioConnectionInput } from '@/src/channels/twilio/twilio-connection-values';

// The Twilio part of the channel form, checked field by field so the page can point at the one
// to fix. One "sender" box takes what staff copy from the console: a WhatsApp number
// ("whatsapp:+52 55…", "+52…") or a Messaging Service SID (MG…). Blank secrets keep the stored ones.

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const sid = (prefix: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`))
      .optional(),
  );
const secret = z.preprocess(blankToUndefined, z.string().max(4096).optional());

const serviceSid = /^MG[0-9a-fA-F]{32}$/;

export const twilioFormFieldsSchema = z
  .object({
    accountSid: sid('AC'),
    authToken: secret,
    apiKeySid: sid('SK'),
    apiKeySecret: secret,
    sender: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
  })
  .superRefine((form, context) => {
    const issue = (path: string) => context.addIssue({ code: 'custom', path: [path], message: path });
    if (form.sender !== undefined && !serviceSid.test(form.sender) && whatsappAddress(form.sender) === null)
      issue('sender');
    if ((form.apiKeySid === undefined) !== (form.apiKeySecret === undefined))
      issue(form.apiKeySid === undefined ? 'apiKeySid' : 'apiKeySecret');
    // Twilio signs its webhooks with the Auth Token even when sends use a key.
    if (form.apiKeySid !== undefined && form.authToken === undefined) issue('authToken');
    if ((form.authToken !== undefined || form.apiKeySid !== undefined) && form.accountSid === undefined)
      issue('accountSid');
  });

/** "whatsapp:+52 55 1234-5678", "+5255…", "5255…" → "whatsapp:+5255…"; null when no phone. */
function whatsappAddress(sender: string): string | null {
  const digits = sender
    .replace(/^whatsapp:/i, '')
    .replace(/[\s().-]/g, '')
    .replace(/^\+/, '');
  return /^\d{6,20}$/.test(digits) ? `whatsapp:+${digits}` : null;
}

export function twilioConnectionInput(form: z.infer<typeof twilioFormFieldsSchema>): TwilioConnectionInput {
  const { sender, ...rest } = form;
  const senderField =
    sender === undefined
      ? {}
      : serviceSid.test(sender)
        ? { messagingServiceSid: sender }
        : { from: whatsappAddress(sender)! };
  return Object.fromEntries(
    Object.entries({ ...rest, ...senderField }).filter(([, value]) => value !== undefined),
  ) as TwilioConnectionInput;
}
