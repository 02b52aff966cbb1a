import { createHash, randomBytes } from 'node:crypto';

// API keys: "ik_" and 40 base64url characters. The database keeps only the sha256 (hex) and the
// first characters to recognise a key in the list; the key itself is shown once, when made.

const keyPattern = /^ik_[A-Za-z0-9_-]{40}$/;

export function createApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = `ik_${randomBytes(30).toString('base64url')}`;
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, 10).replace(/-/g, '_') };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key of `Authorization: Bearer <key>`, or null when absent or not one of ours. */
export function bearerApiKey(request: Request): string | null {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !keyPattern.test(match[1])) return null;
  return match[1];
}
