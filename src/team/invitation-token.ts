import { createHash, randomBytes } from 'node:crypto';

// An invitation link carries a random token; the database keeps only its sha256 (hex), so a
// leaked table cannot be turned into working links.

export function createInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Tokens we issue: 43 base64url characters. Anything else is not worth a database call. */
export function isInvitationTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function invitationUrl(baseUrl: string, token: string): string {
  return new URL(`/invite/${token}`, baseUrl).toString();
}
