import { randomBytes } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from '@/src/accounts/create-business';
import { signUp } from '@/src/accounts/sign-up';
import { completeEmailLink } from '@/src/auth/complete-email-link';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { type AppEnv, parseEnv } from '@/src/env';
import { createFakeSupabaseAuth } from '../dashboard/fake-supabase-auth';
import { createMemoryCookies } from '../dashboard/memory-cookies';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Sign up → confirm the address → business → onboarding checklist, deployed (fake Supabase
// Auth at the HTTP edge, real database) and local (dev session).

const supabaseUrl = 'https://abcdefghij.supabase.co';
const anonKey = 'anon-key-for-tests';
const encryptionKey = randomBytes(32).toString('base64');
const env: AppEnv = parseEnv({
  APP_MODE: 'production',
  NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
  APP_BASE_URL: 'https://inbox.example.com',
  ENCRYPTION_KEY: encryptionKey,
  CRON_SECRET: 'cron-secret-long-enough',
  DATABASE_URL: 'postgres://unused',
});
const localEnv: AppEnv = parseEnv({ APP_MODE: 'local', ENCRYPTION_KEY: encryptionKey });
const auth = createFakeSupabaseAuth({ url: supabaseUrl, anonKey });
const server = setupServer(...auth.handlers);
let test: TestDatabase;

const business = {
  businessName: 'Clínica Sonrisa',
  slug: 'clinica-sonrisa',
  timezone: 'America/Bogota',
  country: 'CO',
};

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterAll(async () => {
  server.close();
  await test.drop();
});

describe('sign-up', () => {
  it('deployed: account, email confirmation, then the business and its owner', async () => {
    const browser = createMemoryCookies();
    const outcome = await signUp(test.db, env, browser, {
      ...business,
      email: 'Dra.Paz@sonrisa.co',
      password: 'una clave larga',
    });
    expect(outcome).toEqual({ kind: 'confirm_email' });
    const mail = auth.mailbox.at(-1)!;
    expect(mail).toMatchObject({ to: 'dra.paz@sonrisa.co', type: 'signup' });
    const landing = new URL(mail.redirectTo!);
    landing.searchParams.set('code', mail.code!);
    expect(await completeEmailLink(env, browser, landing.searchParams)).toEqual({
      ok: true,
      path: '/signup/business',
    });

    const staff = (await readStaffIdentity(env, browser))!;
    // On Supabase, Auth's user is the row in auth.users; here the test writes it.
    await test.pool.query('insert into auth.users (id, email) values ($1, $2)', [
      staff.claims.sub,
      'dra.paz@sonrisa.co',
    ]);
    await expect(createBusiness(test.db, staff, business)).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'email_unconfirmed' },
    });
    await test.pool.query('update auth.users set email_confirmed_at = now() where id = $1', [
      staff.claims.sub,
    ]);
    const created = await createBusiness(test.db, staff, business);
    expect(created).toMatchObject({ slug: 'clinica-sonrisa', name: 'Clínica Sonrisa' });
    expect(await test.db.rpc('my_tenants', {}, { as: staff })).toMatchObject([
      { slug: 'clinica-sonrisa', role: 'owner' },
    ]);
    expect(await test.db.rpc('dashboard_onboarding', { p_tenant_id: created.id }, { as: staff })).toEqual({
      channel_connected: false,
      ai_described: false,
      simulator_tried: false,
      team_invited: false,
    });
    const row = await test.pool.query('select country, timezone from public.tenants where id = $1', [
      created.id,
    ]);
    expect(row.rows[0]).toEqual({ country: 'CO', timezone: 'America/Bogota' });

    await expect(createBusiness(test.db, staff, business)).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'slug_taken' },
    });
    await expect(
      createBusiness(test.db, staff, { ...business, slug: 'x', country: 'Colombia' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      details: { fields: ['slug', 'country'] },
    });
  });

  it('an existing address learns nothing and gets no second account', async () => {
    const before = auth.mailbox.length;
    const outcome = await signUp(test.db, env, createMemoryCookies(), {
      ...business,
      slug: 'otra',
      email: 'dra.paz@sonrisa.co',
      password: 'otra clave larga',
    });
    expect(outcome).toEqual({ kind: 'confirm_email' });
    expect(auth.mailbox.length).toBe(before);
  });

  it('local: a confirmed local user, the business and the dev session at once', async () => {
    const browser = createMemoryCookies();
    const outcome = await signUp(test.db, localEnv, browser, {
      ...business,
      slug: 'tacos-luz',
      email: 'luz@tacos.mx',
    });
    expect(outcome).toEqual({ kind: 'created', slug: 'tacos-luz' });
    const staff = (await readStaffIdentity(localEnv, browser))!;
    expect(await test.db.rpc('my_tenants', {}, { as: staff })).toMatchObject([
      { slug: 'tacos-luz', role: 'owner' },
    ]);
    await expect(
      signUp(test.db, localEnv, createMemoryCookies(), {
        ...business,
        slug: 'tacos-luz-2',
        email: 'luz@tacos.mx',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('SIGNUP=closed refuses, and bad input names its fields', async () => {
    await expect(
      signUp(test.db, { ...localEnv, SIGNUP: 'closed' }, createMemoryCookies(), {
        ...business,
        email: 'a@b.mx',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      signUp(test.db, env, createMemoryCookies(), { ...business, email: 'nope', password: 'short' }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['email', 'password'] } });
  });
});
