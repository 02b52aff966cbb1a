// First, as in Next's own server: expose AsyncLocalStorage before any other Next module loads.
// Without it, next/server's modules fall back to a fake one, and Next's console patch (loaded
// with the matcher test utility) throws whenever supabase-js logs an error.
import 'next/dist/server/node-environment-baseline';
import { randomBytes, randomUUID } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest, type NextResponse } from 'next/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { config, proxy } from '@/proxy';
import { devSessionCookieName, openDevSession, sealDevSession } from '@/src/auth/dev-session-cookie';
import { getEnv, setEnvForProcess } from '@/src/env';
import {
  createFakeSupabaseAuth,
  decodeSessionCookies,
  encodeSessionCookies,
  type FakeSession,
  jwtPayload,
  sessionCookieName,
} from './fake-supabase-auth';

// The deployed sign-in path through Next 16's proxy.ts, end to end: real NextRequests into the
// exported proxy(), production mode from the environment (getEnv), @supabase/ssr and supabase-js
// unmocked, and a fake Supabase Auth speaking its HTTP API behind msw.

const siteUrl = 'https://inbox.example.com';
const supabaseUrl = 'https://abcdefghij.supabase.co';
const anonKey = 'anon-key-for-tests';
const cookieName = sessionCookieName(supabaseUrl);
const auth = createFakeSupabaseAuth({ url: supabaseUrl, anonKey });
const server = setupServer(...auth.handlers);

const productionEnv = {
  APP_MODE: 'production',
  NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
  APP_BASE_URL: siteUrl,
  CRON_SECRET: 'cron-secret-long-enough',
  DATABASE_URL: 'postgres://unused',
};
const previousEnv = Object.fromEntries(Object.keys(productionEnv).map((key) => [key, process.env[key]]));

function newUser() {
  const id = randomUUID();
  return { id, email: `${id.slice(0, 8)}@tenant-a.example` };
}

/** A browser's cookie jar for the site: sends what it holds, keeps what responses set. */
class Browser {
  readonly jar = new Map<string, string>();

  constructor(cookies: { name: string; value: string }[] = []) {
    for (const { name, value } of cookies) this.jar.set(name, value);
  }

  static withSession(session: FakeSession): Browser {
    return new Browser(encodeSessionCookies(cookieName, session));
  }

  request(path: string, init: { method?: string; headers?: Record<string, string> } = {}): NextRequest {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) {
      headers.set('cookie', [...this.jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    return new NextRequest(new URL(path, siteUrl), { method: init.method ?? 'GET', headers });
  }

  async visit(path: string): Promise<NextResponse> {
    const response = await proxy(this.request(path));
    for (const cookie of response.cookies.getAll()) {
      if (cookie.value === '' || cookie.maxAge === 0) this.jar.delete(cookie.name);
      else this.jar.set(cookie.name, cookie.value);
    }
    return response;
  }

  session(): FakeSession | null {
    return decodeSessionCookies(
      cookieName,
      [...this.jar].map(([name, value]) => ({ name, value })),
    );
  }
}

function expectRedirectToLogin(response: NextResponse) {
  expect(response.status).toBe(307);
  expect(response.headers.get('location')).toBe(`${siteUrl}/login`);
  expect(response.headers.get('x-middleware-next')).toBeNull();
}

function expectPassedThrough(response: NextResponse) {
  expect(response.status).toBe(200);
  expect(response.headers.get('x-middleware-next')).toBe('1');
  expect(response.headers.get('location')).toBeNull();
}

/** Session cookies the response sets (not the ones it clears). */
function sessionCookiesSet(response: NextResponse) {
  return response.cookies.getAll().filter((c) => c.name.startsWith(cookieName) && c.value !== '');
}

beforeAll(() => {
  setEnvForProcess(productionEnv);
  server.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => auth.reset());
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  // Put back exactly what was there: a variable that was unset is removed, not set to ''.
  for (const [key, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[key];
  }
  setEnvForProcess(
    Object.fromEntries(
      Object.entries(previousEnv).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  );
});

describe('proxy.ts, deployed (Supabase Auth)', () => {
  it('runs in production mode with Supabase configured, from the environment', () => {
    expect(getEnv()).toMatchObject({
      appMode: 'production',
      NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
    });
  });

  it('sends a signed-out visitor of /t/<slug>/inbox to /login; /login and /api/... pass', async () => {
    const browser = new Browser();
    expectRedirectToLogin(await browser.visit('/t/tenant-a/inbox?conversation=42'));
    expectRedirectToLogin(await browser.visit('/t'));
    expectPassedThrough(await browser.visit('/login'));
    // Next never runs the proxy for /api/... (matcher); if it did, the route would still pass.
    expect(unstable_doesMiddlewareMatch({ config, url: '/api/webhooks/meta' })).toBe(false);
    expect(unstable_doesMiddlewareMatch({ config, url: '/t/tenant-a/inbox' })).toBe(true);
    expect(unstable_doesMiddlewareMatch({ config, url: '/login' })).toBe(true);
    expectPassedThrough(await browser.visit('/api/webhooks/meta'));
    // No session cookie: nothing to ask Auth about.
    expect(auth.refreshRequests).toEqual([]);
    expect(auth.userRequests).toEqual([]);
  });

  it('lets a visitor with a valid session through, vouched for by Auth, without refreshing', async () => {
    const session = auth.issueSession(newUser());
    const browser = Browser.withSession(session);
    const response = await browser.visit('/t/tenant-a/inbox');
    expectPassedThrough(response);
    expect(auth.userRequests).toEqual([{ token: session.access_token, status: 200 }]);
    expect(auth.refreshRequests).toEqual([]);
    expect(sessionCookiesSet(response)).toEqual([]);
  });

  it('refreshes an expired access token: the visitor passes and gets the new session cookies', async () => {
    const user = newUser();
    const stale = auth.issueSession(user, { expiresIn: -120 });
    const browser = Browser.withSession(stale);
    const response = await browser.visit('/t/tenant-a/inbox');

    expectPassedThrough(response);
    expect(auth.refreshRequests).toEqual([{ refreshToken: stale.refresh_token, apikey: anonKey }]);
    const [set] = sessionCookiesSet(response);
    expect(set).toMatchObject({ name: cookieName, path: '/', sameSite: 'lax' });
    expect(set!.value.startsWith('base64-')).toBe(true);
    expect(set!.maxAge).toBeGreaterThan(0);
    // What the browser now holds is the session Auth issued on refresh...
    const fresh = browser.session()!;
    expect(fresh.access_token).not.toBe(stale.access_token);
    expect(fresh.refresh_token).not.toBe(stale.refresh_token);
    expect(jwtPayload(fresh.access_token)).toMatchObject({ sub: user.id });
    expect(fresh.expires_at).toBeGreaterThan(Date.now() / 1000);
    // ...and it is the token Auth was asked to vouch for.
    expect(auth.userRequests).toEqual([{ token: fresh.access_token, status: 200 }]);
    // The page rendered behind the proxy sees the new cookie too (request override)...
    expect(response.headers.get('x-middleware-request-cookie')).toContain(set!.value);
    // ...and a response that sets a session is not cacheable.
    expect(response.headers.get('cache-control')).toContain('no-store');

    // The next page: the refreshed cookie is enough, no second refresh.
    auth.reset();
    expectPassedThrough(await browser.visit('/t/tenant-a/inbox'));
    expect(auth.refreshRequests).toEqual([]);
    expect(auth.userRequests).toEqual([{ token: fresh.access_token, status: 200 }]);
  });

  it('reads and rewrites a chunked session cookie (.0, .1, ...) on refresh', async () => {
    const user = { ...newUser(), user_metadata: { signature: 'x'.repeat(4000) } };
    const stale = auth.issueSession(user, { expiresIn: -120 });
    const browser = Browser.withSession(stale);
    const sent = [...browser.jar.keys()];
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent).toEqual(sent.map((_, i) => `${cookieName}.${i}`));

    const response = await browser.visit('/t/tenant-a/inbox');
    expectPassedThrough(response);
    expect(auth.refreshRequests).toEqual([{ refreshToken: stale.refresh_token, apikey: anonKey }]);
    const chunks = sessionCookiesSet(response).map((c) => c.name);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks).toEqual(chunks.map((_, i) => `${cookieName}.${i}`));
    const fresh = browser.session()!;
    expect(fresh.access_token).not.toBe(stale.access_token);
    expect(fresh.user).toMatchObject({ id: user.id, user_metadata: user.user_metadata });
    expect(auth.userRequests).toEqual([{ token: fresh.access_token, status: 200 }]);
  });

  it('sends an expired session whose refresh token Auth rejects to /login, signed in to nothing', async () => {
    const stale = auth.issueSession(newUser(), { expiresIn: -120 });
    auth.revokeRefreshToken(stale.refresh_token);
    const browser = Browser.withSession(stale);
    // supabase-js logs the refusal; it read Auth's answer as the refresh_token_not_found error.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    const response = await browser.visit('/t/tenant-a/inbox');
    expectRedirectToLogin(response);
    expect(auth.refreshRequests).toEqual([{ refreshToken: stale.refresh_token, apikey: anonKey }]);
    expect(auth.userRequests).toEqual([]);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'AuthApiError', status: 400, code: 'refresh_token_not_found' }),
    );
    logged.mockRestore();
    expect(sessionCookiesSet(response)).toEqual([]);
    expect(response.cookies.get(cookieName)).toMatchObject({ value: '', maxAge: 0, path: '/' });
    // The dead session is cleared on the way to /login, so the browser stops presenting it.
    expect(browser.session()).toBeNull();

    auth.reset();
    expectRedirectToLogin(await browser.visit('/t/tenant-a/settings'));
    expect(auth.refreshRequests).toEqual([]);
  });

  it('keeps the rotated session when Auth refreshes but then fails to vouch for it', async () => {
    const user = newUser();
    const stale = auth.issueSession(user, { expiresIn: -120 });
    const browser = Browser.withSession(stale);
    server.use(
      http.get(
        `${supabaseUrl}/auth/v1/user`,
        () => HttpResponse.json({ message: 'upstream' }, { status: 503 }),
        {
          once: true,
        },
      ),
    );

    // Auth hiccups after the refresh: the visitor goes to /login...
    expectRedirectToLogin(await browser.visit('/t/tenant-a/inbox'));
    expect(auth.refreshRequests).toEqual([{ refreshToken: stale.refresh_token, apikey: anonKey }]);
    // ...but with the session Auth rotated to: the old refresh token is spent.
    const fresh = browser.session()!;
    expect(fresh.refresh_token).not.toBe(stale.refresh_token);
    expect(jwtPayload(fresh.access_token)).toMatchObject({ sub: user.id });

    // Auth is back: the next page passes on that session, with no further refresh.
    auth.reset();
    expectPassedThrough(await browser.visit('/t/tenant-a/inbox'));
    expect(auth.refreshRequests).toEqual([]);
    expect(auth.userRequests).toEqual([{ token: fresh.access_token, status: 200 }]);
  });

  it('sends a forged session cookie (a token signed with another key) to /login', async () => {
    const session = auth.issueSession(newUser(), { secret: randomBytes(32) });
    const browser = Browser.withSession(session);
    const response = await browser.visit('/t/tenant-a/inbox');
    expectRedirectToLogin(response);
    expect(auth.userRequests).toEqual([{ token: session.access_token, status: 403 }]);
    expect(auth.refreshRequests).toEqual([]);
    expect(sessionCookiesSet(response)).toEqual([]);
  });

  it('ignores a genuine local dev-session cookie: deployed, only Supabase Auth signs in', async () => {
    const devCookie = sealDevSession(
      { sub: randomUUID(), email: 'owner@tenant-a.example' },
      getEnv().ENCRYPTION_KEY!,
    );
    expect(openDevSession(devCookie, getEnv().ENCRYPTION_KEY!)).not.toBeNull();
    const browser = new Browser([{ name: devSessionCookieName, value: devCookie }]);
    expectRedirectToLogin(await browser.visit('/t/tenant-a/inbox'));
    expect(auth.userRequests).toEqual([]);
  });

  it('gives every page its own CSP nonce, on the response and on the request the page renders', async () => {
    const nonceOf = (csp: string | null) => csp?.match(/script-src [^;]*'nonce-([^']+)'/)?.[1];
    const signedIn = Browser.withSession(auth.issueSession(newUser()));
    const pages = [await signedIn.visit('/t/tenant-a/inbox'), await new Browser().visit('/login')];
    const nonces = pages.map((response) => {
      expectPassedThrough(response);
      const csp = response.headers.get('content-security-policy');
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
      expect(csp?.split('; ').find((d) => d.startsWith('script-src'))).not.toContain('unsafe-inline');
      // Next.js takes the nonce for its scripts from the CSP on the request it renders.
      expect(response.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
      return nonceOf(csp);
    });
    expect(new Set(nonces).size).toBe(2);
  });

  it('answers 413 to a server action that declares a body over 1 MB, before asking Auth', async () => {
    const browser = Browser.withSession(auth.issueSession(newUser()));
    const action = (length: number, headers: Record<string, string> = { 'next-action': 'abc123' }) =>
      browser.request('/t/tenant-a/inbox', {
        method: 'POST',
        headers: { ...headers, 'content-length': String(length) },
      });

    const refused = await proxy(action(1_000_001));
    expect(refused.status).toBe(413);
    expect(await refused.text()).toBe('Payload Too Large');
    expect(auth.userRequests).toEqual([]);

    // At the limit, or a large POST that is not a server action, goes on to the session check.
    expectPassedThrough(await proxy(action(1_000_000)));
    expectPassedThrough(await proxy(action(5_000_000, {})));
    expect(auth.userRequests).toHaveLength(2);
  });
});
