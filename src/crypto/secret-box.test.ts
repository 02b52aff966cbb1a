import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, keyId, sealedKeyId, secretHint, secretPlace } from './secret-box';

const key = randomBytes(32).toString('base64');
const otherKey = randomBytes(32).toString('base64');
const place = secretPlace('t1', 'whatsapp', 'access_token');

/** The format before key ids, sealed as the old code did. */
function sealV1(plaintext: string, base64Key: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', ...[iv, cipher.getAuthTag(), data].map((part) => part.toString('base64'))].join(':');
}

describe('secret box', () => {
  it('round-trips unicode secrets, names its key and never stores the plaintext', () => {
    const sealed = encryptSecret('EAAG-tökén-🦷', key, place);
    expect(sealed).toMatch(/^v2:[0-9a-f]{16}:/);
    expect(sealedKeyId(sealed)).toBe(keyId(key));
    expect(sealed).not.toContain('EAAG');
    expect(decryptSecret(sealed, key, place)).toBe('EAAG-tökén-🦷');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', key, place)).not.toBe(encryptSecret('same', key, place));
  });

  it('refuses another key, another place, or a tampered ciphertext', () => {
    const sealed = encryptSecret('secret-value', key, place);
    expect(() => decryptSecret(sealed, otherKey, place)).toThrow(/another key/);
    expect(() => decryptSecret(sealed, key, secretPlace('t2', 'whatsapp', 'access_token'))).toThrow();
    const parts = sealed.split(':');
    const data = Buffer.from(parts[4]!, 'base64');
    data[0] = (data[0]! + 1) % 256;
    parts[4] = data.toString('base64');
    expect(() => decryptSecret(parts.join(':'), key, place)).toThrow();
  });

  it('refuses a shortened authentication tag (GCM would otherwise check fewer bytes)', () => {
    const parts = encryptSecret('secret-value', key, place).split(':');
    parts[3] = Buffer.from(parts[3]!, 'base64').subarray(0, 4).toString('base64');
    expect(() => decryptSecret(parts.join(':'), key, place)).toThrow(/format/);
  });

  it('opens with whichever of the given keys sealed it, including the format without key ids', () => {
    const sealed = encryptSecret('old-token', otherKey, place);
    expect(decryptSecret(sealed, [key, otherKey], place)).toBe('old-token');
    const legacy = sealV1('legacy-token', otherKey, place);
    expect(sealedKeyId(legacy)).toBeUndefined();
    expect(decryptSecret(legacy, [key, otherKey], place)).toBe('legacy-token');
    expect(() => decryptSecret(legacy, [key], place)).toThrow();
  });

  it('hints only the last four characters of long secrets', () => {
    expect(secretHint('abcdefghijkl')).toBe('ijkl');
    expect(secretHint('short')).toBe('');
  });
});
