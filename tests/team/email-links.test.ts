import { randomBytes, randomUUID } from 'node:crypto';
import { setupServer } from 'msw/node';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeEmailLink } from '@/src/auth/complete-email-link';
import { answerEmailLink } from '@/src/auth/email-link-route';
import { sendMagicLink } from '@/src/auth/magic-link';
import { signInWithPassword } from '@/src/auth/password-sign-in';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { requestPasswordReset } from '@/src/auth/request-password-reset';
import { setPassword } from '@/src/auth/set-password';
import { type AppEnv, parseEnv } from '@/src/env';
import { acceptInvitation } from '@/src/team/accept-invitation';
import { emailInvitation } from '@/src/team/email-invitation';
import { inviteStaff } from '@/src/team/invite-staff';
import { createFakeSupabaseAuth, type FakeEmail } from '../dashboard/fake-supabase-auth';
import { createMemoryCookies } from '../dashboard/memory-cookies';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Email links against a fake of Supabase Auth's HTTP API (msw): the PKCE code and token_hash
// landings, the browser binding (code verifier and our state cookie), password reset, and
// invite → set password → accept → member, on the real database.

const supabaseUrl = 'https://abcdefghij.supabase.co';
const anonKey = 'anon-key-for-tests';
const serviceRoleKey = 'service-role-key-for-tests';
const env: AppEnv = parseEnv({
  APP_MODE: 'production',
  NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
  APP_BASE_URL: 'https://inbox.example.com',
  SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  CRON_SECRET: 'cron-secret-long-enough',
  DATABASE_URL: 'postgres://unused',
});
const auth = createFakeSupabaseAuth({ url: supabaseUrl, anonKey, serviceRoleKey });
const server = setupServer(...auth.handlers);
let test: TestDatabase;

/** The URL the browser lands on from an email: the PKCE link, or a token_hash template link. */
function landingParams(mail: FakeEmail, style: 'code' | 'token_hash'): URLSearchParams {
  const url = new URL(mail.redirectTo ?? 'https://inbox.example.com/auth/confirm');
  if (style === 'code') url.searchParams.set('code', mail.code!);
  else {
    url.searchParams.set('token_hash', mail.tokenHash);
    url.searchParams.set('type', mail.type);
  }
  return url.searchParams;
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterAll(async () => {
  server.close();
  await test.drop();
});

describe('email links', () => {
  it('a magic link signs in only the browser that asked (PKCE code and token_hash + state)', async () => {
    const user = auth.addUser({
      id: randomUUID(),
      email: 'ana@clinica.mx',
      email_confirmed_at: '2026-01-01T00:00:00Z',
    });
    const asker = createMemoryCookies();
    await sendMagicLink(env, asker, { email: 'ana@clinica.mx' });
    const mail = auth.mailbox.at(-1)!;
    expect(mail).toMatchObject({ to: 'ana@clinica.mx', type: 'magiclink' });
    expect(mail.redirectTo).toMatch(/^https:\/\/inbox\.example\.com\/auth\/callback\?state=[\w-]{32}$/);

    // Another browser (the victim of a login CSRF) holds neither the verifier nor the state.
    const other = createMemoryCookies();
    expect(await completeEmailLink(env, other, landingParams(mail, 'code'))).toEqual({
      ok: false,
      reason: 'refused',
    });
    expect(await completeEmailLink(env, other, landingParams(mail, 'token_hash'))).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(await readStaffIdentity(env, other)).toBeNull();

    expect(await completeEmailLink(env, asker, landingParams(mail, 'code'))).toEqual({
      ok: true,
      path: '/t',
    });
    expect((await readStaffIdentity(env, asker))?.claims.sub).toBe(user.id);
  });

  it('a token_hash magic link from the same browser works once', async () => {
    auth.addUser({ id: randomUUID(), email: 'luis@clinica.mx', email_confirmed_at: '2026-01-01T00:00:00Z' });
    const browser = createMemoryCookies();
    await sendMagicLink(env, browser, { email: 'luis@clinica.mx' });
    const params = landingParams(auth.mailbox.at(-1)!, 'token_hash');
    expect(await completeEmailLink(env, browser, params)).toEqual({ ok: true, path: '/t' });
    expect(await completeEmailLink(env, browser, params)).toEqual({ ok: false, reason: 'state' });
  });

  it('reset: the recovery link leads to set-password, and the new password signs in', async () => {
    auth.addUser({
      id: randomUUID(),
      email: 'olvido@clinica.mx',
      password: 'old password 1',
      email_confirmed_at: '2026-01-01T00:00:00Z',
    });
    const browser = createMemoryCookies();
    await requestPasswordReset(env, browser, { email: 'olvido@clinica.mx' });
    await requestPasswordReset(env, createMemoryCookies(), { email: 'nadie@clinica.mx' });
    const mail = auth.mailbox.at(-1)!;
    expect(mail).toMatchObject({ to: 'olvido@clinica.mx', type: 'recovery' });
    expect(await completeEmailLink(env, browser, landingParams(mail, 'code'))).toEqual({
      ok: true,
      path: '/auth/set-password?purpose=reset',
    });
    await expect(setPassword(env, browser, { password: 'short', confirm: 'short' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await setPassword(env, browser, { password: 'a new long password', confirm: 'a new long password' });
    await expect(
      signInWithPassword(env, createMemoryCookies(), {
        email: 'olvido@clinica.mx',
        password: 'old password 1',
      }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    await signInWithPassword(env, createMemoryCookies(), {
      email: 'olvido@clinica.mx',
      password: 'a new long password',
    });
  });

  it('invite → set password → accept → member of the business', async () => {
    const owner = await createTenantWithStaff(test, 'dental-norte');
    const sent = await inviteStaff(test.db, owner.staff, {
      tenantId: owner.tenantId,
      baseUrl: env.APP_BASE_URL!,
      email: 'nueva@dental-norte.mx',
      role: 'agent',
    });
    const invitePath = new URL(sent.url).pathname;
    // Supabase's inviteUserByEmail: a new, unconfirmed user in auth.users (one table on Supabase).
    const id = randomUUID();
    await test.pool.query('insert into auth.users (id, email) values ($1, $2)', [
      id,
      'nueva@dental-norte.mx',
    ]);
    const mail = auth.invite(
      { id, email: 'nueva@dental-norte.mx', email_confirmed_at: null },
      `https://inbox.example.com/auth/confirm?next=${encodeURIComponent(invitePath)}`,
    );
    const browser = createMemoryCookies();
    const landed = await completeEmailLink(env, browser, landingParams(mail, 'token_hash'));
    expect(landed).toEqual({
      ok: true,
      path: `/auth/set-password?purpose=invite&next=${encodeURIComponent(invitePath)}`,
    });
    expect(auth.user(id)?.email_confirmed_at).toBeTruthy();
    // Supabase marks the address confirmed when the invite link is verified.
    await test.pool.query('update auth.users set email_confirmed_at = now() where id = $1', [id]);
    await setPassword(env, browser, { password: 'mi clave segura', confirm: 'mi clave segura' });
    const staff = await readStaffIdentity(env, browser);
    expect(await acceptInvitation(test.db, staff!, invitePath.split('/').at(-1)!)).toEqual({
      tenantSlug: 'dental-norte',
      role: 'agent',
    });
  });

  it('Supabase mails the invitation to a new address; an existing account gets our link only', async () => {
    const invitationUrl = 'https://inbox.example.com/invite/abc';
    expect(await emailInvitation(env, { email: 'nuevo@dental-norte.mx', invitationUrl })).toBe('emailed');
    const mail = auth.mailbox.at(-1)!;
    expect(mail).toMatchObject({ to: 'nuevo@dental-norte.mx', type: 'invite', code: null });
    expect(mail.redirectTo).toBe('https://inbox.example.com/auth/confirm?next=%2Finvite%2Fabc');
    expect(await emailInvitation(env, { email: 'nuevo@dental-norte.mx', invitationUrl })).toBe(
      'existing_account',
    );
    expect(
      await emailInvitation(
        { ...env, SUPABASE_SERVICE_ROLE_KEY: undefined },
        { email: 'a@b.mx', invitationUrl },
      ),
    ).toBe('not_configured');
  });

  it('refuses bad links and never redirects off our origin', async () => {
    const browser = createMemoryCookies();
    expect(await completeEmailLink(env, browser, new URLSearchParams('type=invite'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await completeEmailLink(env, browser, new URLSearchParams('token_hash=x&type=sms'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const mail = auth.invite({ id: randomUUID(), email: 'x@y.mx' }, 'https://inbox.example.com/auth/confirm');
    const params = landingParams(mail, 'token_hash');
    params.set('next', '//evil.example/steal');
    expect(await completeEmailLink(env, browser, params)).toEqual({
      ok: true,
      path: '/auth/set-password?purpose=invite&next=%2Ft',
    });
    const request = new NextRequest(
      'https://attacker-host.example/auth/callback?code=nope&next=https://evil.example',
    );
    const response = await answerEmailLink(env, createMemoryCookies(), request);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://inbox.example.com/login?error=link');
  });
});
