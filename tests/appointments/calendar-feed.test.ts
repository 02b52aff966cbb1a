import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/calendar/[token]/route';
import { createCalendarFeed, listCalendarFeeds, revokeCalendarFeed } from '@/src/calendar-feed/manage-feeds';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { addDays, todayIn } from '@/src/dashboard/calendar/calendar-days';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { everyDay } from './scheduling-fixture';

// ICS feeds on the real database through the real route: a branch's and a resource's feed,
// RFC 5545 shape, revocation, only the token's hash stored, admins only, tenants apart.

const zone = 'America/Mexico_City';
const baseUrl = 'https://inbox.example.com';
let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let other: Awaited<ReturnType<typeof createTenantWithStaff>>;
let agent: ReturnType<typeof staffIdentity>;
let tenant: TenantContext;
let otherTenant: TenantContext;
let branchId: string;
const resources: Record<string, string> = {};
const tomorrow = addDays(todayIn(zone), 1);

async function fetchFeed(url: string) {
  const segment = new URL(url).pathname.split('/').at(-1)!;
  return GET(new Request(url), { params: Promise.resolve({ token: segment }) });
}

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'feed-a');
  other = await createTenantWithStaff(test, 'feed-b');
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'feed-a',
    p_email: 'agent@feed-a.example',
    p_role: 'agent',
  });
  agent = staffIdentity(member.user_id);
  tenant = await resolveTenant(test.db, owner.staff, 'feed-a');
  otherTenant = await resolveTenant(test.db, other.staff, 'feed-b');
  const branch = await test.db.rpc('admin_save_branch', {
    p_tenant_slug: 'feed-a',
    p_fields: {
      name: 'Centro',
      timezone: zone,
      weekly_hours: everyDay('09:00', '19:00'),
      address: 'Av. Juárez 5, CDMX',
    },
  });
  branchId = branch.id;
  await test.db.rpc('admin_save_service', {
    p_tenant_slug: 'feed-a',
    p_fields: { name: 'Limpieza', duration_minutes: 45 },
  });
  for (const name of ['Dra. Ruiz', 'Dr. Soto']) {
    const saved = await test.db.rpc('admin_save_resource', {
      p_tenant_slug: 'feed-a',
      p_fields: { branch: 'Centro', name, services: ['Limpieza'] },
    });
    resources[name] = saved.id;
  }
  for (const [resource, time, phone, lead] of [
    [
      'Dra. Ruiz',
      '10:00',
      '5215511110001',
      'Ana López; "VIP", con nota larga para que la línea se doble en el calendario ñññ',
    ],
    ['Dr. Soto', '12:00', '5215511110002', 'Luis Pérez'],
  ] as const) {
    const booked = await test.db.rpc('admin_book_appointment', {
      p_tenant_slug: 'feed-a',
      p_booking: {
        service: 'Limpieza',
        resource,
        local_start: `${tomorrow}T${time}`,
        lead_phone: phone,
        lead_name: lead,
      },
    });
    expect(booked.outcome).toBe('booked');
  }
});
afterAll(() => test.drop());

describe('calendar feeds', () => {
  it("a branch's feed: RFC 5545 text/calendar with every appointment, only the token's hash stored", async () => {
    const { url, feed } = await createCalendarFeed(test.db, owner.staff, tenant, {
      target: `branch:${branchId}`,
      baseUrl,
    });
    expect(url).toMatch(/^https:\/\/inbox\.example\.com\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed).toMatchObject({ branch_id: branchId, resource_id: null, branch_name: 'Centro' });
    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await response.text();
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = body.replace(/\r\n /g, '');
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(unfolded.match(/^UID:[0-9a-f-]{36}@inbox-ai$/gm)).toHaveLength(2);
    expect(unfolded.match(/^DTSTAMP:\d{8}T\d{6}Z$/gm)).toHaveLength(2);
    // 10:00 in Mexico City (UTC-6) is 16:00Z.
    expect(unfolded).toContain(`DTSTART:${tomorrow.replaceAll('-', '')}T160000Z`);
    expect(unfolded).toContain('SUMMARY:Limpieza · Ana López\\; "VIP"\\, con nota larga');
    expect(unfolded).toContain('LOCATION:Centro\\, Av. Juárez 5\\, CDMX');
    const token = new URL(url).pathname.split('/').at(-1)!.replace('.ics', '');
    const { rows } = await test.pool.query("select encode(token_hash, 'hex') as hash from calendar_feeds");
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("a resource's feed shows only that resource; revoking makes it a 404 like any bad token", async () => {
    const { url, feed } = await createCalendarFeed(test.db, owner.staff, tenant, {
      target: `resource:${branchId}:${resources['Dr. Soto']}`,
      baseUrl,
    });
    const body = (await (await fetchFeed(url)).text()).replace(/\r\n /g, '');
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(body).toContain('Luis Pérez');
    expect(body).not.toContain('Ana López');
    expect((await listCalendarFeeds(test.db, owner.staff, tenant)).map((f) => f.id)).toContain(feed.id);
    // Another tenant's admin cannot revoke it.
    expect(await revokeCalendarFeed(test.db, other.staff, otherTenant, feed.id)).toEqual({
      id: feed.id,
      revoked: false,
    });
    expect((await fetchFeed(url)).status).toBe(200);
    expect(await revokeCalendarFeed(test.db, owner.staff, tenant, feed.id)).toEqual({
      id: feed.id,
      revoked: true,
    });
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(`${baseUrl}/api/calendar/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetchFeed(`${baseUrl}/api/calendar/nope`)).status).toBe(404);
    expect((await listCalendarFeeds(test.db, owner.staff, tenant)).map((f) => f.id)).not.toContain(feed.id);
  });

  it('agents cannot make or list feeds; another tenant cannot point one at our branch', async () => {
    const refused = await createCalendarFeed(test.db, agent, tenant, {
      target: `branch:${branchId}`,
      baseUrl,
    }).catch((e: unknown) => e);
    expect(appErrorCode(refused)).toBe('forbidden');
    expect(appErrorCode(await listCalendarFeeds(test.db, agent, tenant).catch((e: unknown) => e))).toBe(
      'forbidden',
    );
    const foreign = await createCalendarFeed(test.db, other.staff, otherTenant, {
      target: `branch:${branchId}`,
      baseUrl,
    }).catch((e: unknown) => e);
    expect(appErrorCode(foreign)).toBe('not_found');
    expect(
      appErrorCode(
        await createCalendarFeed(test.db, owner.staff, tenant, { target: 'todo', baseUrl }).catch(
          (e: unknown) => e,
        ),
      ),
    ).toBe('bad_request');
  });
});
