import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, secretHint, secretPlace } from './secret-box';

const key = randomBytes(32).toString('base64');
const place = secretPlace('t1', 'whatsapp', 'access_token');

describe('secret box', () => {
  it('round-trips unicode secrets and never stores the plaintext', () => {
    const sealed = encryptSecret('EAAG-tökén-🦷', key, place);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('EAAG');
    expect(decryptSecret(sealed, key, place)).toBe('EAAG-tökén-🦷');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', key, place)).not.toBe(encryptSecret('same', key, place));
  });

  it('refuses another key, another place, or a tampered ciphertext', () => {
    const sealed = encryptSecret('secret-value', key, place);
    expect(() => decryptSecret(sealed, randomBytes(32).toString('base64'), place)).toThrow();
    expect(() => decryptSecret(sealed, key, secretPlace('t2', 'whatsapp', 'access_token'))).toThrow();
    const parts = sealed.split(':');
    const data = Buffer.from(parts[3]!, 'base64');
    data[0] = (data[0]! + 1) % 256;
    parts[3] = data.toString('base64');
    expect(() => decryptSecret(parts.join(':'), key, place)).toThrow();
  });

  it('hints only the last four characters of long secrets', () => {
    expect(secretHint('abcdefghijkl')).toBe('ijkl');
    expect(secretHint('short')).toBe('');
  });
});
