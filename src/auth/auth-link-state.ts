import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieStore } from './cookie-store';

// A nonce bound to the browser that asked for an email link (sign-in link, password reset). The
// link carries it as `state`; the landing accepts a token_hash link of those kinds only when the
// same browser still holds the cookie, so nobody can mail a victim a link that signs them into
// the attacker's account. (PKCE `code` links are bound already: the verifier is a cookie too.)

export const authStateCookieName = 'inbox_auth_state';
const maxAgeSeconds = 60 * 60;

export function issueAuthLinkState(cookies: CookieStore, secure: boolean): string {
  const state = randomBytes(24).toString('base64url');
  cookies.set(authStateCookieName, state, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/auth',
    maxAge: maxAgeSeconds,
  });
  return state;
}

export function authLinkStateMatches(cookies: CookieStore, state: string | null): boolean {
  const held = cookies.getAll().find((cookie) => cookie.name === authStateCookieName)?.value;
  if (!held || !state || held.length !== state.length) return false;
  return timingSafeEqual(Buffer.from(held), Buffer.from(state));
}

export function clearAuthLinkState(cookies: CookieStore): void {
  cookies.set(authStateCookieName, '', { httpOnly: true, sameSite: 'lax', path: '/auth', maxAge: 0 });
}
