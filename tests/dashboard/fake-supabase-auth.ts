import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpResponse, http } from 'msw';

// A fake Supabase Auth (GoTrue) at the HTTP edge, for msw: HS256 access tokens signed with a
// project secret, rotating refresh tokens behind POST /auth/v1/token?grant_type=refresh_token,
// and GET /auth/v1/user, which is what getClaims() asks about an HS256 token. Error bodies use
// the 2024-01-01 API version shape ({ code, message } + X-Supabase-Api-Version), as GoTrue
// answers clients that send that header (supabase-js always does).
//
// Also the cookie format @supabase/ssr uses for the session: `sb-<project-ref>-auth-token`,
// value `base64-<base64url(JSON)>`, split into `.0`, `.1`, ... above 3180 characters.

export type FakeUser = {
  id: string;
  email: string;
  user_metadata?: Record<string, unknown>;
  password?: string;
  email_confirmed_at?: string | null;
};

/**
 * An email GoTrue would send. `tokenHash` is what `{{ .TokenHash }}` renders in a template;
 * `code` is the PKCE auth code GoTrue's GET /verify appends to `redirectTo` when the request
 * carried a code_challenge (the default `{{ .ConfirmationURL }}` link).
 */
export type FakeEmail = {
  to: string;
  type: 'magiclink' | 'recovery' | 'invite' | 'signup';
  redirectTo: string | null;
  tokenHash: string;
  code: string | null;
};

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

export function createFakeSupabaseAuth(options: { url: string; anonKey: string; serviceRoleKey?: string }) {
  const jwtSecret = randomBytes(32);
  const users = new Map<string, FakeUser>();
  const refreshTokens = new Map<string, { userId: string; sessionId: string }>();
  const refreshRequests: { refreshToken: string; apikey: string | null }[] = [];
  const userRequests: { token: string; status: number }[] = [];
  const mailbox: FakeEmail[] = [];
  // token_hash -> the user and type it verifies; auth code -> user, challenge and type (PKCE).
  const tokenHashes = new Map<string, { userId: string; type: FakeEmail['type'] }>();
  const flowStates = new Map<
    string,
    { userId: string; challenge: string; method: string; type: FakeEmail['type'] }
  >();

  function userByEmail(email: string): FakeUser | undefined {
    return [...users.values()].find((user) => user.email === email.toLowerCase());
  }

  function sendEmail(
    user: FakeUser,
    type: FakeEmail['type'],
    redirectTo: string | null,
    pkce: { challenge?: string; method?: string },
  ): void {
    const tokenHash = randomBytes(28).toString('hex');
    tokenHashes.set(tokenHash, { userId: user.id, type });
    let code: string | null = null;
    if (pkce.challenge) {
      code = randomUUID();
      flowStates.set(code, {
        userId: user.id,
        challenge: pkce.challenge,
        method: pkce.method ?? 's256',
        type,
      });
    }
    mailbox.push({ to: user.email, type, redirectTo, tokenHash, code });
  }

  function sessionResponse(user: FakeUser) {
    return HttpResponse.json(issueSession(user), { headers: { 'X-Supabase-Api-Version': apiVersion } });
  }

  function bearerUser(request: Request): FakeUser | null {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    return request.headers.get('apikey') === options.anonKey ? verify(token) : null;
  }

  function userJson(user: FakeUser) {
    return {
      id: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      email_confirmed_at: user.email_confirmed_at ?? null,
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
      if (request.headers.get('apikey') !== options.anonKey) {
        return HttpResponse.json({ message: 'Invalid API key' }, { status: 401 });
      }
      if (grantType === 'password') {
        const body = (await request.json()) as { email?: string; password?: string };
        const user = userByEmail(body.email ?? '');
        if (!user?.password || user.password !== body.password) {
          return authError(400, 'invalid_credentials', 'Invalid login credentials');
        }
        if (!user.email_confirmed_at) return authError(400, 'email_not_confirmed', 'Email not confirmed');
        return sessionResponse(user);
      }
      if (grantType === 'pkce') {
        const body = (await request.json()) as { auth_code?: string; code_verifier?: string };
        const flow = flowStates.get(body.auth_code ?? '');
        if (!flow)
          return authError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
        const challenge =
          flow.method === 'plain'
            ? (body.code_verifier ?? '')
            : createHash('sha256')
                .update(body.code_verifier ?? '')
                .digest('base64url');
        if (!body.code_verifier || challenge !== flow.challenge) {
          return authError(
            400,
            'bad_code_verifier',
            'code challenge does not match previously saved code verifier',
          );
        }
        flowStates.delete(body.auth_code ?? '');
        const user = users.get(flow.userId)!;
        user.email_confirmed_at ??= new Date().toISOString();
        return sessionResponse(user);
      }
      if (grantType !== 'refresh_token') {
        return authError(400, 'validation_failed', `unsupported grant_type in this fake: ${grantType}`);
      }
      const body = (await request.json()) as { refresh_token?: string };
      const refreshToken = body.refresh_token ?? '';
      refreshRequests.push({ refreshToken, apikey: request.headers.get('apikey') });
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
    // Sign-up with email confirmation on (Supabase's default): an unconfirmed user, a
    // confirmation email, no session. An address that exists gets the same answer (GoTrue
    // returns an obfuscated user rather than telling who has an account) and no email.
    http.post(`${options.url}/auth/v1/signup`, async ({ request }) => {
      if (request.headers.get('apikey') !== options.anonKey) {
        return HttpResponse.json({ message: 'Invalid API key' }, { status: 401 });
      }
      const body = (await request.json()) as {
        email?: string;
        password?: string;
        data?: Record<string, unknown>;
        code_challenge?: string;
        code_challenge_method?: string;
      };
      if ((body.password ?? '').length < 6) {
        return authError(422, 'weak_password', 'Password should be at least 6 characters.');
      }
      const existing = userByEmail(body.email ?? '');
      const user = existing ?? {
        id: randomUUID(),
        email: (body.email ?? '').toLowerCase(),
        password: body.password,
        user_metadata: body.data ?? {},
        email_confirmed_at: null,
      };
      if (!existing) {
        users.set(user.id, user);
        sendEmail(user, 'signup', new URL(request.url).searchParams.get('redirect_to'), {
          challenge: body.code_challenge,
          method: body.code_challenge_method,
        });
      }
      return HttpResponse.json(existing ? { ...userJson(user), id: randomUUID() } : userJson(user), {
        headers: { 'X-Supabase-Api-Version': apiVersion },
      });
    }),
    // Admin invite (inviteUserByEmail): service role only; a new, unconfirmed user and an
    // invite email (no PKCE for admin calls); an existing address is refused with email_exists.
    http.post(`${options.url}/auth/v1/invite`, async ({ request }) => {
      const key = request.headers.get('authorization')?.replace(/^Bearer /, '');
      if (!options.serviceRoleKey || key !== options.serviceRoleKey) {
        return authError(403, 'not_admin', 'User not allowed');
      }
      const body = (await request.json()) as { email?: string; data?: Record<string, unknown> };
      if (userByEmail(body.email ?? '')) {
        return authError(422, 'email_exists', 'A user with this email address has already been registered');
      }
      const user: FakeUser = {
        id: randomUUID(),
        email: (body.email ?? '').toLowerCase(),
        user_metadata: body.data ?? {},
        email_confirmed_at: null,
      };
      users.set(user.id, user);
      sendEmail(user, 'invite', new URL(request.url).searchParams.get('redirect_to'), {});
      return HttpResponse.json(userJson(user), { headers: { 'X-Supabase-Api-Version': apiVersion } });
    }),
    // Magic link (signInWithOtp). create_user false and no such user: GoTrue refuses (422).
    http.post(`${options.url}/auth/v1/otp`, async ({ request }) => {
      const body = (await request.json()) as {
        email?: string;
        create_user?: boolean;
        code_challenge?: string;
        code_challenge_method?: string;
      };
      const user = userByEmail(body.email ?? '');
      if (!user) return authError(422, 'otp_disabled', 'Signups not allowed for otp');
      sendEmail(user, 'magiclink', new URL(request.url).searchParams.get('redirect_to'), {
        challenge: body.code_challenge,
        method: body.code_challenge_method,
      });
      return HttpResponse.json({}, { headers: { 'X-Supabase-Api-Version': apiVersion } });
    }),
    // Password recovery: 200 whether or not the address has an account.
    http.post(`${options.url}/auth/v1/recover`, async ({ request }) => {
      const body = (await request.json()) as {
        email?: string;
        code_challenge?: string;
        code_challenge_method?: string;
      };
      const user = userByEmail(body.email ?? '');
      if (user) {
        sendEmail(user, 'recovery', new URL(request.url).searchParams.get('redirect_to'), {
          challenge: body.code_challenge,
          method: body.code_challenge_method,
        });
      }
      return HttpResponse.json({}, { headers: { 'X-Supabase-Api-Version': apiVersion } });
    }),
    // verifyOtp({ token_hash, type }): single use; confirms the address.
    http.post(`${options.url}/auth/v1/verify`, async ({ request }) => {
      const body = (await request.json()) as { token_hash?: string; type?: string };
      const entry = tokenHashes.get(body.token_hash ?? '');
      const sameKind =
        entry &&
        (entry.type === body.type || (body.type === 'email' && ['magiclink', 'signup'].includes(entry.type)));
      if (!entry || !sameKind) return authError(403, 'otp_expired', 'Email link is invalid or has expired');
      tokenHashes.delete(body.token_hash ?? '');
      const user = users.get(entry.userId)!;
      user.email_confirmed_at ??= new Date().toISOString();
      return sessionResponse(user);
    }),
    http.put(`${options.url}/auth/v1/user`, async ({ request }) => {
      const user = bearerUser(request);
      if (!user) return authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
      const body = (await request.json()) as { password?: string };
      if (body.password !== undefined) {
        if (body.password.length < 6) {
          return authError(422, 'weak_password', 'Password should be at least 6 characters.');
        }
        if (body.password === user.password) {
          return authError(422, 'same_password', 'New password should be different from the old password.');
        }
        user.password = body.password;
      }
      return HttpResponse.json(userJson(user), { headers: { 'X-Supabase-Api-Version': apiVersion } });
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
    mailbox,
    /** A user as the admin API (createUser / inviteUserByEmail) would make one. */
    addUser(user: FakeUser): FakeUser {
      users.set(user.id, user);
      return user;
    },
    /** What inviteUserByEmail sends: an invite email for a new, unconfirmed user. */
    invite(user: FakeUser, redirectTo: string): FakeEmail {
      users.set(user.id, user);
      sendEmail(user, 'invite', redirectTo, {});
      return mailbox.at(-1)!;
    },
    user: (id: string) => users.get(id),
    /** Every account this Auth holds (a browser test mirrors them into auth.users). */
    users: () => [...users.values()],
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
