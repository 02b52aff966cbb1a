import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpResponse, http } from 'msw';

// A fake Supabase Auth (GoTrue) at the HTTP edge, for msw: HS256 access tokens signed with a
// project secret, rotating refresh tokens behind POST /auth/v1/token?grant_type=refresh_token,
// and GET /auth/v1/user, which is what getClaims() asks about an HS256 token. Error bodies use
// the 2024-01-01 API version shape ({ code, message } + X-Supabase-Api-Version), as GoTrue
// answers clients that send that header (supabase-js always does).
//
// Also the cookie format @supabase/ssr uses for the session: `sb-<project-ref>-auth-token`,
// value `base64-<base64url(JSON)>`, split into `.0`, `.1`, ... above 3180 characters.

export type FakeUser = { id: string; email: string; user_metadata?: Record<string, unknown> };

/** The body of a GoTrue token response, which is also what supabase-js stores as the session. */
export type FakeSession = {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
};

const apiVersion = '2024-01-01';
const ssrChunkSize = 3180;

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function signJwt(payload: Record<string, unknown>, secret: Buffer): string {
  const body = `${base64urlJson({ alg: 'HS256', typ: 'JWT' })}.${base64urlJson(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

function authError(status: number, code: string, message: string) {
  return HttpResponse.json({ code, message }, { status, headers: { 'X-Supabase-Api-Version': apiVersion } });
}

export function createFakeSupabaseAuth(options: { url: string; anonKey: string }) {
  const jwtSecret = randomBytes(32);
  const users = new Map<string, FakeUser>();
  const refreshTokens = new Map<string, { userId: string; sessionId: string }>();
  const refreshRequests: { refreshToken: string; apikey: string | null }[] = [];
  const userRequests: { token: string; status: number }[] = [];

  function userJson(user: FakeUser) {
    return {
      id: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: user.user_metadata ?? {},
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      is_anonymous: false,
    };
  }

  /**
   * The token response GoTrue gives on sign-in and refresh, for a one-hour token that expires
   * `expiresIn` seconds from now (negative: expired that long ago).
   */
  function issueSession(
    user: FakeUser,
    opts: { expiresIn?: number; sessionId?: string; secret?: Buffer } = {},
  ): FakeSession {
    users.set(user.id, user);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + (opts.expiresIn ?? 3600);
    const sessionId = opts.sessionId ?? randomUUID();
    const accessToken = signJwt(
      {
        iss: `${options.url}/auth/v1`,
        sub: user.id,
        aud: 'authenticated',
        role: 'authenticated',
        email: user.email,
        exp: expiresAt,
        iat: expiresAt - 3600,
        session_id: sessionId,
        aal: 'aal1',
        is_anonymous: false,
      },
      opts.secret ?? jwtSecret,
    );
    const refreshToken = randomBytes(9).toString('base64url');
    // A session signed with another key (a forgery) is one this Auth never issued.
    if (!opts.secret) refreshTokens.set(refreshToken, { userId: user.id, sessionId });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: 3600,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }

  /** The user an access token stands for, when this Auth signed it and it has not expired. */
  function verify(token: string): FakeUser | null {
    const [header, payload, signature, extra] = token.split('.');
    if (!header || !payload || !signature || extra !== undefined) return null;
    const expected = createHmac('sha256', jwtSecret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = jwtPayload(token);
    if (typeof claims.exp !== 'number' || claims.exp <= Date.now() / 1000) return null;
    return users.get(String(claims.sub)) ?? null;
  }

  const handlers = [
    http.post(`${options.url}/auth/v1/token`, async ({ request }) => {
      const grantType = new URL(request.url).searchParams.get('grant_type');
      if (grantType !== 'refresh_token') {
        return authError(400, 'validation_failed', `unsupported grant_type in this fake: ${grantType}`);
      }
      const body = (await request.json()) as { refresh_token?: string };
      const refreshToken = body.refresh_token ?? '';
      refreshRequests.push({ refreshToken, apikey: request.headers.get('apikey') });
      if (request.headers.get('apikey') !== options.anonKey) {
        return HttpResponse.json({ message: 'Invalid API key' }, { status: 401 });
      }
      const grant = refreshTokens.get(refreshToken);
      if (!grant)
        return authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      // Rotation: a refresh token is good for one refresh.
      refreshTokens.delete(refreshToken);
      const user = users.get(grant.userId)!;
      return HttpResponse.json(issueSession(user, { sessionId: grant.sessionId }), {
        headers: { 'X-Supabase-Api-Version': apiVersion },
      });
    }),
    http.get(`${options.url}/auth/v1/user`, ({ request }) => {
      const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      const user = request.headers.get('apikey') === options.anonKey ? verify(token) : null;
      userRequests.push({ token, status: user ? 200 : 403 });
      if (!user) {
        return authError(
          403,
          'bad_jwt',
          'invalid JWT: unable to parse or verify signature, token is invalid',
        );
      }
      return HttpResponse.json(userJson(user), { headers: { 'X-Supabase-Api-Version': apiVersion } });
    }),
  ];

  return {
    handlers,
    issueSession,
    /** Auth forgets a refresh token (signed out elsewhere, revoked, or already used). */
    revokeRefreshToken: (refreshToken: string) => refreshTokens.delete(refreshToken),
    refreshRequests,
    userRequests,
    reset() {
      refreshRequests.length = 0;
      userRequests.length = 0;
    },
  };
}

export type FakeSupabaseAuth = ReturnType<typeof createFakeSupabaseAuth>;

/** `sb-<project-ref>-auth-token`, the cookie @supabase/ssr keeps the session in. */
export function sessionCookieName(supabaseUrl: string): string {
  return `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;
}

/** The session as @supabase/ssr writes it to cookies (base64url encoding, chunked when long). */
export function encodeSessionCookies(name: string, session: FakeSession): { name: string; value: string }[] {
  const value = `base64-${base64urlJson(session)}`;
  if (value.length <= ssrChunkSize) return [{ name, value }];
  const chunks: { name: string; value: string }[] = [];
  for (let i = 0; i * ssrChunkSize < value.length; i++) {
    chunks.push({ name: `${name}.${i}`, value: value.slice(i * ssrChunkSize, (i + 1) * ssrChunkSize) });
  }
  return chunks;
}

/** The session in a cookie jar, read back the way @supabase/ssr reads it; null when absent. */
export function decodeSessionCookies(
  name: string,
  cookies: { name: string; value: string }[],
): FakeSession | null {
  const byName = new Map(cookies.filter((c) => c.value).map((c) => [c.name, c.value]));
  let value = byName.get(name);
  if (!value) {
    const chunks: string[] = [];
    for (let i = 0; byName.has(`${name}.${i}`); i++) chunks.push(byName.get(`${name}.${i}`)!);
    value = chunks.join('');
  }
  if (!value) return null;
  if (!value.startsWith('base64-')) throw new Error(`session cookie is not base64- encoded: ${value}`);
  return JSON.parse(Buffer.from(value.slice('base64-'.length), 'base64url').toString('utf8'));
}
