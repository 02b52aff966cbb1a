import { randomBytes, randomUUID } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendMagicLink } from '@/src/auth/magic-link';
import { signInWithPassword } from '@/src/auth/password-sign-in';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, parseEnv } from '@/src/env';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { jwtPayload, signJwt } from './fake-supabase-auth';
import { createMemoryCookies } from './memory-cookies';

// Deployed sign-in against a fake Supabase Auth at the HTTP edge (msw). The identity comes from
// a token verified through getClaims(); tenancy comes from tenant_members, whatever the token's
// metadata says.

const supabaseUrl = 'https://abcdefghij.supabase.co';
const env: AppEnv = parseEnv({
  APP_MODE: 'production',
  NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key-for-tests',
  APP_BASE_URL: 'https://inbox.example.com',
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  CRON_SECRET: 'cron-secret-long-enough',
  DATABASE_URL: 'postgres://unused',
});
const jwtSecret = randomBytes(32);
const issued = new Set<string>();
const otpRequests: unknown[] = [];

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;

const jwt = (payload: Record<string, unknown>, secret = jwtSecret) => signJwt(payload, secret);

function userOf(token: string) {
  const payload = jwtPayload(token) as { sub: string; email: string; app_metadata: unknown };
  return {
    id: payload.sub,
    aud: 'authenticated',
    role: 'authenticated',
    email: payload.email,
    app_metadata: payload.app_metadata,
    user_metadata: {},
  };
}

const server = setupServer(
  http.post(`${supabaseUrl}/auth/v1/token`, async ({ request }) => {
    const body = (await request.json()) as { email: string; password: string };
    if (body.password !== 'correct horse') {
      return HttpResponse.json(
        { code: 'invalid_credentials', msg: 'Invalid login credentials' },
        { status: 400 },
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const token = jwt({
      sub: a.userId,
      email: body.email,
      role: 'authenticated',
      aud: 'authenticated',
      exp: now + 3600,
      iat: now,
      session_id: randomUUID(),
      // What an attacker might put in user-editable metadata: ignored by design.
      app_metadata: { tenant_id: b.tenantId, tenant_slug: 'tenant-b', role: 'owner' },
      user_metadata: { tenant_id: b.tenantId },
    });
    issued.add(token);
    return HttpResponse.json({
      access_token: token,
      token_type: 'bearer',
      expires_in: 3600,
      expires_at: now + 3600,
      refresh_token: 'refresh-token',
      user: userOf(token),
    });
  }),
  // getClaims() on an HS256 token asks Auth to vouch for it (GET /user).
  http.get(`${supabaseUrl}/auth/v1/user`, ({ request }) => {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!issued.has(token))
      return HttpResponse.json({ code: 'bad_jwt', msg: 'invalid JWT' }, { status: 401 });
    return HttpResponse.json(userOf(token));
  }),
  http.post(`${supabaseUrl}/auth/v1/otp`, async ({ request }) => {
    otpRequests.push({ url: request.url, body: await request.json() });
    return HttpResponse.json({});
  }),
  http.post(`${supabaseUrl}/auth/v1/logout`, () => new HttpResponse(null, { status: 204 })),
);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'tenant-a');
  b = await createTenantWithStaff(test, 'tenant-b');
});
afterEach(() => {
  otpRequests.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

describe('Supabase Auth sign-in (deployed)', () => {
  it('password sign-in stores the session in cookies and getClaims() identifies the user', async () => {
    const cookies = createMemoryCookies();
    await signInWithPassword(env, cookies, { email: 'owner@tenant-a.example', password: 'correct horse' });
    expect(cookies.getAll().some((cookie) => cookie.name.startsWith('sb-abcdefghij-auth-token'))).toBe(true);
    const staff = await readStaffIdentity(env, cookies);
    expect(staff?.claims).toMatchObject({ sub: a.userId, role: 'authenticated' });
    expect(issued.has(staff!.accessToken!)).toBe(true);
  });

  it('tenancy comes from tenant_members, not from the token’s metadata', async () => {
    const cookies = createMemoryCookies();
    await signInWithPassword(env, cookies, { email: 'owner@tenant-a.example', password: 'correct horse' });
    const staff = (await readStaffIdentity(env, cookies))!;
    expect(staff.claims.app_metadata).toMatchObject({ tenant_id: b.tenantId });
    expect((await resolveTenant(test.db, staff, 'tenant-a')).id).toBe(a.tenantId);
    await expect(resolveTenant(test.db, staff, 'tenant-b')).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      test.db.rpc('dashboard_overview', { p_tenant_id: b.tenantId }, { as: staff }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a wrong password is refused and sets no session', async () => {
    const cookies = createMemoryCookies();
    await expect(
      signInWithPassword(env, cookies, { email: 'owner@tenant-a.example', password: 'wrong' }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await readStaffIdentity(env, cookies)).toBeNull();
  });

  it('a forged session cookie (token Auth never issued) identifies nobody', async () => {
    const cookies = createMemoryCookies();
    await signInWithPassword(env, cookies, { email: 'owner@tenant-a.example', password: 'correct horse' });
    const [cookie] = cookies.getAll().filter((c) => c.name.startsWith('sb-'));
    const now = Math.floor(Date.now() / 1000);
    const jarWith = (token: string) => {
      const session = {
        access_token: token,
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: now + 3600,
        refresh_token: 'x',
        user: userOf(token),
      };
      const jar = createMemoryCookies();
      jar.set(cookie!.name, `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`);
      return jar;
    };
    // The hand-made cookie format is right: a genuine token in it is accepted...
    const genuine = [...issued][0]!;
    expect((await readStaffIdentity(env, jarWith(genuine)))?.claims.sub).toBe(a.userId);
    // ...and a token claiming to be B's owner, signed with another key, is not.
    const forged = jwt({ sub: b.userId, role: 'authenticated', exp: now + 3600 }, randomBytes(32));
    expect(await readStaffIdentity(env, jarWith(forged))).toBeNull();
  });

  it('magic link: asks Auth for a link to /auth/callback and never creates users', async () => {
    const cookies = createMemoryCookies();
    await sendMagicLink(env, cookies, { email: 'owner@tenant-a.example' });
    expect(otpRequests).toHaveLength(1);
    const request = otpRequests[0] as { url: string; body: Record<string, unknown> };
    expect(request.body).toMatchObject({ email: 'owner@tenant-a.example', create_user: false });
    // The link comes back with a state bound to this browser (see tests/team/email-links.test.ts).
    const state = cookies.getAll().find((cookie) => cookie.name === 'inbox_auth_state')?.value;
    expect(new URL(request.url).searchParams.get('redirect_to')).toBe(
      `https://inbox.example.com/auth/callback?state=${state}`,
    );
  });

  it('both Supabase flows are refused in local mode', async () => {
    const localEnv = { ...env, appMode: 'local' as const };
    await expect(
      signInWithPassword(localEnv, createMemoryCookies(), {
        email: 'owner@tenant-a.example',
        password: 'correct horse',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      sendMagicLink(localEnv, createMemoryCookies(), { email: 'x@y.example' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
