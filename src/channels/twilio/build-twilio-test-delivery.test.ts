import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { describe, expect, it } from 'vitest';
import type { ChannelAccount } from '@/src/channels/channel-account';
import { buildTwilioTestDelivery } from './build-twilio-test-delivery';
import { parseTwilioForm } from './parse-twilio-form';
import { twilioFormSchema } from './twilio-webhook-schema';

const account = {
  business_account_id: 'AC0123456789abcdef0123456789abcdef',
  phone_number_id: 'whatsapp:+14155238886',
} as ChannelAccount;
const url = 'https://inbox.example.com/api/webhook/twilio/clinica';

function build(sender?: string) {
  return buildTwilioTestDelivery({
    account,
    secret: 'auth-token',
    text: 'Hola',
    sender,
    now: new Date(),
    url,
  });
}

describe('buildTwilioTestDelivery', () => {
  it.each([
    ['5215500000091', '5215500000091'],
    ['+5215500000091', '5215500000091'],
    ['whatsapp:+5215500000091', '5215500000091'],
  ])(
    '%s: WaId and From name the same phone, the form passes our schema and the SDK signature check',
    (given, digits) => {
      const delivery = build(given);
      const form = parseTwilioForm(delivery.body);
      expect(delivery.sender).toBe(digits);
      expect(form).toMatchObject({ WaId: digits, From: `whatsapp:+${digits}`, To: 'whatsapp:+14155238886' });
      expect(twilioFormSchema.safeParse(form).success).toBe(true);
      expect(validateRequest('auth-token', delivery.headers['x-twilio-signature']!, url, form)).toBe(true);
    },
  );

  it('refuses a sender that is no phone number, as Twilio never posts one', () => {
    expect(() => build('cli-twilio-1')).toThrow(/phone number/);
  });
});
