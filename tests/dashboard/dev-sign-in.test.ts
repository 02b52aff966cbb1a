import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSessionCookieName, openDevSession, sealDevSession } from '@/src/auth/dev-session-cookie';
import { signInAsDevStaff } from '@/src/auth/dev-sign-in';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { signOutStaff } from '@/src/auth/sign-out';
import { listMyTenants } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, parseEnv } from '@/src/env';
import { acceptInvitation } from '@/src/team/accept-invitation';
import { inviteStaff } from '@/src/team/invite-staff';
import { revokeInvitation } from '@/src/team/manage-members';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createMemoryCookies } from './memory-cookies';

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
const key = randomBytes(32).toString('base64');
const local: AppEnv = parseEnv({ APP_MODE: 'local', ENCRYPTION_KEY: key });
const production: AppEnv = parseEnv({
  APP_MODE: 'production',
  ENCRYPTION_KEY: key,
  DATABASE_URL: 'postgres://unused',
  CRON_SECRET: 'a-cron-secret-of-enough-length',
});

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'dental-sur');
});
afterAll(() => test.drop());

describe('dev sign-in (local mode)', () => {
  it('signs in a seeded staff member with an HttpOnly SameSite=Lax cookie that identifies them', async () => {
    const cookies = createMemoryCookies();
    await signInAsDevStaff(test.db, local, cookies, { email: 'OWNER@dental-sur.example' });
    expect(cookies.options.get(devSessionCookieName)).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    });
    const staff = await readStaffIdentity(local, cookies);
    expect(staff?.claims).toMatchObject({
      sub: owner.userId,
      role: 'authenticated',
      email: 'owner@dental-sur.example',
    });
    const tenants = await listMyTenants(test.db, staff!);
    expect(tenants.map((t) => t.slug)).toEqual(['dental-sur']);
    await signOutStaff(local, cookies);
    expect(await readStaffIdentity(local, cookies)).toBeNull();
  });

  it('is refused outside local mode, before the database is asked', async () => {
    const cookies = createMemoryCookies();
    await expect(
      signInAsDevStaff(test.db, production, cookies, { email: 'owner@dental-sur.example' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(cookies.getAll()).toEqual([]);
  });

  it('a valid dev cookie means nothing in production', async () => {
    const cookies = createMemoryCookies();
    await signInAsDevStaff(test.db, local, cookies, { email: 'owner@dental-sur.example' });
    expect(await readStaffIdentity(local, cookies)).not.toBeNull();
    expect(await readStaffIdentity(production, cookies)).toBeNull();
  });

  it('refuses unknown people and people who belong to no tenant', async () => {
    await test.pool.query("insert into auth.users (email) values ('nobody@dental-sur.example')");
    for (const email of ['stranger@example.com', 'nobody@dental-sur.example']) {
      await expect(signInAsDevStaff(test.db, local, createMemoryCookies(), { email })).rejects.toMatchObject({
        code: 'not_found',
      });
    }
    await expect(
      signInAsDevStaff(test.db, local, createMemoryCookies(), { email: 'not an email' }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('lets in a person with a pending invitation, who can then accept it; not once it is revoked', async () => {
    const invited = await inviteStaff(test.db, owner.staff, {
      tenantId: owner.tenantId,
      baseUrl: 'http://127.0.0.1:3000',
      email: 'Recepcion@Dental-Sur.example',
      role: 'agent',
    });
    const cookies = createMemoryCookies();
    await signInAsDevStaff(test.db, local, cookies, { email: 'recepcion@dental-sur.example' });
    const staff = await readStaffIdentity(local, cookies);
    expect(await listMyTenants(test.db, staff!)).toEqual([]);
    const token = new URL(invited.url).pathname.split('/').at(-1)!;
    expect(await acceptInvitation(test.db, staff!, token)).toEqual({
      tenantSlug: 'dental-sur',
      role: 'agent',
    });
    expect((await listMyTenants(test.db, staff!)).map((t) => t.slug)).toEqual(['dental-sur']);

    const revoked = await inviteStaff(test.db, owner.staff, {
      tenantId: owner.tenantId,
      baseUrl: 'http://127.0.0.1:3000',
      email: 'revocada@dental-sur.example',
      role: 'agent',
    });
    await revokeInvitation(test.db, owner.staff, { tenantId: owner.tenantId, invitationId: revoked.id });
    await expect(
      signInAsDevStaff(test.db, local, createMemoryCookies(), { email: 'revocada@dental-sur.example' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the SQL lookup refuses on a database without the local auth stand-in (a real Supabase project)', async () => {
    const other = await createTestDatabase({ installAsAppDb: false });
    try {
      await other.pool.query('drop function auth.local_create_user(text)');
      await expect(
        other.db.rpc('dev_find_staff_member', { p_email: 'owner@dental-sur.example' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await other.drop();
    }
  });
});

describe('dev session cookie', () => {
  const session = { sub: '7c1b0f7e-5a40-4c55-9d55-0f1f6c1a2b3c', email: 'a@b.example' };

  it('opens what it sealed, and nothing else', () => {
    const now = 1_800_000_000;
    const value = sealDevSession(session, key, now);
    expect(openDevSession(value, key, now + 60)).toMatchObject(session);
    const [payload, mac] = value.split('.');
    const otherSub = Buffer.from(
      JSON.stringify({ ...session, sub: '00000000-0000-4000-8000-000000000000', exp: now + 999 }),
    ).toString('base64url');
    expect(openDevSession(`${otherSub}.${mac}`, key, now)).toBeNull();
    expect(openDevSession(`${payload}.${mac}x`, key, now)).toBeNull();
    expect(openDevSession(value, randomBytes(32).toString('base64'), now)).toBeNull();
    expect(openDevSession(`${value}.extra`, key, now)).toBeNull();
    expect(openDevSession(undefined, key, now)).toBeNull();
  });

  it('expires', () => {
    const now = 1_800_000_000;
    const value = sealDevSession(session, key, now);
    expect(openDevSession(value, key, now + 13 * 3600)).toBeNull();
  });
});
