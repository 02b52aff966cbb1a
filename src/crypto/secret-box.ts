import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// AES-256-GCM for channel secrets at rest. Format: "v2:<key id>:<iv>:<tag>:<ciphertext>" (base64
// parts; "v1:<iv>:<tag>:<ciphertext>" from before key ids is still read). The key id says which
// key sealed a value, so during a rotation (`npm run cli -- secrets rotate`) values sealed with
// the previous key still open. The AAD binds a ciphertext to its place (tenant + channel +
// field), so a value copied into another tenant's row does not decrypt.

const ivBytes = 12;
// Pinned: a shorter tag given with a forged value would otherwise be accepted by GCM.
const tagBytes = 16;

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return key;
}

/** A short public name for a key: the first 8 bytes of its SHA-256, hex. */
export function keyId(base64Key: string): string {
  return createHash('sha256').update(keyFrom(base64Key)).digest('hex').slice(0, 16);
}

export function encryptSecret(plaintext: string, base64Key: string, aad: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(base64Key), iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64'));
  return ['v2', keyId(base64Key), ...parts].join(':');
}

/** The id of the key that sealed a value (undefined for the older format, which names none). */
export function sealedKeyId(sealed: string): string | undefined {
  const [version, id] = sealed.split(':');
  return version === 'v2' ? id : undefined;
}

function open(parts: string[], base64Key: string, aad: string): string {
  const [iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64'));
  if (!iv || iv.length !== ivBytes || !tag || tag.length !== tagBytes || !data) {
    throw new Error('Unrecognised secret format');
  }
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(base64Key), iv, { authTagLength: tagBytes });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** Opens a value with whichever of `keys` sealed it (the current key first, then the previous). */
export function decryptSecret(sealed: string, keys: string | readonly string[], aad: string): string {
  const candidates = typeof keys === 'string' ? [keys] : keys;
  const parts = sealed.split(':');
  if (parts[0] === 'v2' && parts.length === 5) {
    const key = candidates.find((candidate) => keyId(candidate) === parts[1]);
    if (!key) throw new Error(`Sealed with another key (id ${parts[1]}): set ENCRYPTION_KEY_PREVIOUS to it`);
    return open(parts.slice(2), key, aad);
  }
  if (parts[0] !== 'v1' || parts.length !== 4) throw new Error('Unrecognised secret format');
  let failure: unknown;
  for (const key of candidates) {
    try {
      return open(parts.slice(1), key, aad);
    } catch (error) {
      failure = error;
    }
  }
  throw failure ?? new Error('No key to open the secret with');
}

/** Where a secret lives, used as its AAD. */
export function secretPlace(tenantId: string, channel: string, field: string): string {
  return `${tenantId}/${channel}/${field}`;
}

export function secretHint(plaintext: string): string {
  return plaintext.length <= 8 ? '' : plaintext.slice(-4);
}
