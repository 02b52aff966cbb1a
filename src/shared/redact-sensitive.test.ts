import { describe, expect, it } from 'vitest';
import { isSensitiveKey, redactCredentials, redactNumbers, redactSensitiveText } from './redact-sensitive';

const metaToken = `EAAG${'a1B2c3D4'.repeat(6)}`;
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6InNlcnZpY2Vfcm9sZSJ9.c2lnbmF0dXJl';
const sealed = 'v2:0123456789abcdef:AAECAwQFBgcICQoL:AAECAwQFBgcICQoLDA0ODw==:c2VjcmV0';

describe('redactCredentials', () => {
  it.each([
    ['Authorization: Bearer abc.def.ghi', 'abc.def.ghi'],
    ['authorization=Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['GET /me?access_token=short123&fields=id', 'short123'],
    ['{"client_secret":"shh-it-is-secret"}', 'shh-it-is-secret'],
    [`Graph said: Malformed access token ${metaToken}`, metaToken],
    ['key sk-ant-api03-abcdefghijklmnop_QRSTUV rejected', 'sk-ant-api03-abcdefghijklmnop_QRSTUV'],
    ['openai sk-proj-abcdefghijklmnopqrstu', 'sk-proj-abcdefghijklmnopqrstu'],
    ['supabase sb_secret_0123456789abcdefghij', 'sb_secret_0123456789abcdefghij'],
    [`session ${jwt}`, jwt],
    [`stored ${sealed} could not open`, sealed],
    ['v1:AAECAwQFBgcICQoL:AAECAwQFBgcICQoLDA0ODw==:c2VjcmV0', 'c2VjcmV0'],
    ['postgres://app:hunter2pass@db.example.com:5432/app', 'hunter2pass'],
    ['tiktok act.example1234567890abcdefghij!5678.va', 'act.example1234567890'],
  ])('cuts the credential out of %s', (text, secret) => {
    const out = redactCredentials(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('keeps ordinary words and ids', () => {
    const text = 'job 550e8400-e29b-41d4-a716-446655440000 took 1200 ms; the key was missing';
    expect(redactCredentials(text)).toBe(text);
  });
});

describe('redactNumbers', () => {
  it.each(['+34612345678', '+34 612 345 678', '612-345-678', '(612) 345.678', '34612345678'])(
    'replaces the phone number %s',
    (phone) => {
      const out = redactNumbers(`from ${phone} at noon`);
      expect(out).toContain('[number] at noon');
      expect(out).not.toMatch(/\d/);
    },
  );

  it('keeps UUIDs, ISO dates and short numbers', () => {
    const text =
      'tenant 550e8400-e29b-41d4-a716-446655440000 on 2026-01-05T10:00:00.000Z, 3 tries, port 5432';
    expect(redactNumbers(text)).toBe(text);
  });
});

describe('redactSensitiveText', () => {
  it('cuts credentials, email addresses and phone numbers together', () => {
    const out = redactSensitiveText(`ana.perez+clinic@example.com (+34 612 345 678) sent ${metaToken}`);
    expect(out).toBe('[email] ([number]) sent [redacted]');
  });
});

describe('isSensitiveKey', () => {
  it.each([
    'body',
    'message_body',
    'text',
    'content',
    'caption',
    'access_token',
    'appSecret',
    'password',
    'authorization',
    'cookie',
    'x-hub-signature-256',
    'phone',
    'wa_id',
    'email',
    'from',
    'to',
  ])('treats %s as sensitive', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
  });

  it.each(['tenantId', 'channel', 'jobId', 'total', 'customer', 'content-type', 'content-length', 'status'])(
    'keeps %s',
    (key) => {
      expect(isSensitiveKey(key)).toBe(false);
    },
  );
});
