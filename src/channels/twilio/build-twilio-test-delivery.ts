import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import type { TestDelivery, TestDeliveryInput } from '@/src/channels/test-delivery';
import { AppError } from '@/src/shared/app-error';

// An inbound WhatsApp message as Twilio posts it (PLATFORMS.md §5): a form signed with
// X-Twilio-Signature over the URL it is posted to + the sorted fields, keyed by the Auth Token.

const hex = (length: number) =>
  Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');

// Twilio's WaId is the customer's phone number in digits: "whatsapp:+52…", "+52…" and "52…"
// all name the same customer, anything else is no WhatsApp sender Twilio would ever post.
function senderDigits(sender: string): string {
  const digits = sender.replace(/^whatsapp:/, '').replace(/^\+/, '');
  if (!/^\d{6,20}$/.test(digits)) {
    throw new AppError(
      'bad_request',
      "A WhatsApp customer through Twilio is a phone number: give it as digits, '+<digits>' or 'whatsapp:+<digits>'",
    );
  }
  return digits;
}

export function buildTwilioTestDelivery(input: TestDeliveryInput): TestDelivery {
  const sender = senderDigits(input.sender ?? '5215500000001');
  const accountSid = input.account.business_account_id ?? `AC${'0'.repeat(32)}`;
  const to = input.account.phone_number_id?.startsWith('whatsapp:')
    ? input.account.phone_number_id
    : `whatsapp:+${input.account.display_phone_number ?? '14155238886'}`;
  const fields: Record<string, string> = {
    SmsMessageSid: '',
    NumMedia: '0',
    ProfileName: 'Cliente de prueba',
    MessageType: 'text',
    SmsSid: '',
    WaId: sender,
    SmsStatus: 'received',
    Body: input.text,
    To: to,
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: `SM${hex(32)}`,
    AccountSid: accountSid,
    From: `whatsapp:+${sender}`,
    ApiVersion: '2010-04-01',
  };
  fields.SmsMessageSid = fields.MessageSid!;
  fields.SmsSid = fields.MessageSid!;
  const body = new URLSearchParams(fields).toString();
  const signature = getExpectedTwilioSignature(input.secret, input.url, fields);
  return {
    body,
    sender,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  };
}
