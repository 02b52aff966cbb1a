import { createHash, randomBytes } from 'node:crypto';

// A calendar feed's URL carries a random token; the database keeps only its sha256 (hex), like
// staff invitations, so a leaked table cannot be turned into working feeds.

export function createFeedToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashFeedToken(token) };
}

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Tokens we issue: 43 base64url characters (a trailing ".ics" is allowed in the URL). */
export function feedTokenFromPath(segment: string): string | null {
  const token = segment.endsWith('.ics') ? segment.slice(0, -4) : segment;
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export function feedUrl(baseUrl: string, token: string): string {
  return new URL(`/api/calendar/${token}.ics`, baseUrl).toString();
}
