import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM for channel secrets at rest. Format: "v1:<iv>:<tag>:<ciphertext>" (base64 parts).
// The AAD binds a ciphertext to its place (tenant + channel + field), so a value copied into
// another tenant's row does not decrypt.

const version = 'v1';

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return key;
}

export function encryptSecret(plaintext: string, base64Key: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(base64Key), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64'));
  return [version, ...parts].join(':');
}

export function decryptSecret(sealed: string, base64Key: string, aad: string): string {
  const [tag, iv, authTag, data] = sealed.split(':');
  if (tag !== version || !iv || !authTag || data === undefined) throw new Error('Unrecognised secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(base64Key), Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(authTag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** Where a secret lives, used as its AAD. */
export function secretPlace(tenantId: string, channel: string, field: string): string {
  return `${tenantId}/${channel}/${field}`;
}

export function secretHint(plaintext: string): string {
  return plaintext.length <= 8 ? '' : plaintext.slice(-4);
}
