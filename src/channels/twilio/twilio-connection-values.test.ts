import { describe, expect, it } from 'vitest';
import { twilioColumns } from './twilio-connection-values';
import { readTwilioCredentials } from './twilio-credentials';

const account = 'AC0123456789abcdef0123456789abcdef';
const key = 'SK0123456789abcdef0123456789abcdef';

describe('twilioColumns', () => {
  it('Auth Token: it signs webhooks and sends, sealed with the Account SID', () => {
    const columns = twilioColumns({ accountSid: account, authToken: 'tok', from: 'whatsapp:+14155238886' });
    expect(columns).toMatchObject({
      businessAccountId: account,
      phoneNumberId: 'whatsapp:+14155238886',
      displayPhoneNumber: '14155238886',
      appSecret: 'tok',
    });
    expect(readTwilioCredentials(columns.accessToken!)).toEqual({
      accountSid: account,
      username: account,
      password: 'tok',
    });
  });

  it('API key: sends with the key, still verifies webhooks with the Auth Token', () => {
    const columns = twilioColumns({
      accountSid: account,
      authToken: 'tok',
      apiKeySid: key,
      apiKeySecret: 'key-secret',
      messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
    });
    expect(columns.appSecret).toBe('tok');
    expect(columns.phoneNumberId).toBe('MG0123456789abcdef0123456789abcdef');
    expect(readTwilioCredentials(columns.accessToken!)).toEqual({
      accountSid: account,
      username: key,
      password: 'key-secret',
    });
  });

  it.each([
    [{ accountSid: 'AC123', authToken: 'tok' }, /--account-sid/],
    [{ accountSid: account, authToken: 'tok', from: '+14155238886' }, /whatsapp:/],
    [{ authToken: 'tok' }, /give --account-sid/],
    [{ accountSid: account, apiKeySid: key, apiKeySecret: 's' }, /Auth Token/],
    [{ accountSid: account, authToken: 't', apiKeySid: key }, /both/],
    [
      {
        accountSid: account,
        authToken: 't',
        from: 'whatsapp:+14155238886',
        messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
      },
      /not both/,
    ],
  ])('refuses %o', (input, message) => {
    expect(() => twilioColumns(input)).toThrow(message);
  });
});
