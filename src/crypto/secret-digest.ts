import { createHmac } from 'node:crypto';

// A connection's own webhook secret as HMAC-SHA256 keyed with ENCRYPTION_KEY's 32 bytes (hex):
// equal secrets give equal digests, so SQL can refuse one secret for two tenants (unique index)
// while the digest alone reveals nothing and, unlike a plain hash, cannot be brute-forced offline.
export function secretDigest(secret: string, base64Key: string): string {
  return createHmac('sha256', Buffer.from(base64Key, 'base64')).update(secret, 'utf8').digest('hex');
}
