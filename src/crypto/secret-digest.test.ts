import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretDigest } from './secret-digest';

describe('secretDigest', () => {
  it('is the hex HMAC-SHA256 of the secret keyed with the decoded encryption key', () => {
    const key = randomBytes(32);
    const expected = createHmac('sha256', key).update('app-secret-1').digest('hex');
    expect(secretDigest('app-secret-1', key.toString('base64'))).toBe(expected);
    expect(secretDigest('app-secret-1', key.toString('base64'))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs between secrets and between deployments', () => {
    const key = randomBytes(32).toString('base64');
    const other = randomBytes(32).toString('base64');
    expect(secretDigest('a', key)).not.toBe(secretDigest('b', key));
    expect(secretDigest('a', key)).not.toBe(secretDigest('a', other));
  });
});
