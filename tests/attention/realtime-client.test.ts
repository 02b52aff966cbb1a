import { createBrowserClient } from '@supabase/ssr';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type LiveMode, startLiveRefresh } from '@/src/ui/live-refresh-loop';
import { type FakeSupabaseRealtime, startFakeSupabaseRealtime } from '../support/fake-supabase-realtime';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The dashboard's Realtime path end to end on the client side: the real @supabase/ssr browser
// client and realtime-js, driven by the same loop LiveRefresh runs, against a fake Supabase
// Realtime server speaking the Phoenix protocol. The publication and RLS themselves are checked
// in realtime-publication.test.ts.

const anonKey = 'anon-key-for-tests';
let test: TestDatabase;
let fake: FakeSupabaseRealtime;
let tenantA: string;
let tenantB: string;
let userA: string;
let published: string[];
const open: (() => void)[] = [];
// The machine may be busy: wait generously, never assert on how long anything took.
const waitFor = (check: () => void, timeout = 5_000) => vi.waitFor(check, { timeout });

// A signed-in member's session, stored where @supabase/ssr keeps it in the browser (the auth
// cookie, base64url JSON); the token is JWT-shaped, Realtime would verify it.
function sessionCookie(url: string, userId: string, accessToken: string) {
  const session = {
    access_token: accessToken,
    refresh_token: 'refresh',
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    user: { id: userId, aud: 'authenticated', role: 'authenticated', app_metadata: {}, user_metadata: {} },
  };
  const name = `sb-${new URL(url).hostname.split('.')[0]}-auth-token`;
  return { name, value: `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}` };
}

function jwtFor(userId: string) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: userId, role: 'authenticated' })}.signature`;
}

function openDashboard(tenantId: string, intervalMs: number) {
  const token = jwtFor(userA);
  const cookies = [sessionCookie(fake.url, userA, token)];
  const supabase = createBrowserClient(fake.url, anonKey, {
    isSingleton: false,
    cookies: { getAll: () => cookies, setAll: () => {} },
  });
  const refresh = vi.fn();
  const modes: LiveMode[] = [];
  const stop = startLiveRefresh({
    intervalMs,
    refresh,
    realtime: { supabase, tenantId },
    onMode: (m) => modes.push(m),
  });
  open.push(() => {
    stop();
    void supabase.realtime.disconnect();
  });
  return { supabase, refresh, modes, token };
}

beforeAll(async () => {
  test = await createTestDatabase();
  const a = await createTenantWithStaff(test, 'rt-client-a');
  const b = await createTenantWithStaff(test, 'rt-client-b');
  tenantA = a.tenantId;
  tenantB = b.tenantId;
  userA = a.userId;
  const { rows } = await test.pool.query<{ tablename: string }>(
    `select tablename from pg_publication_tables where pubname = 'supabase_realtime' order by tablename`,
  );
  published = rows.map((row) => row.tablename);
  // Browsers have WebSocket; Node 20 does not, so the ws client stands in for it.
  if (typeof globalThis.WebSocket === 'undefined') vi.stubGlobal('WebSocket', WebSocket);
  fake = await startFakeSupabaseRealtime({ anonKey, publishedTables: published });
});
afterEach(() => {
  for (const close of open.splice(0)) close();
  fake.refuseJoins(null);
  fake.comeBack();
});
afterAll(async () => {
  await fake?.close();
  vi.unstubAllGlobals();
  await test.drop();
});

describe('the dashboard against Supabase Realtime', () => {
  it("joins for inserts and updates of the published tables, this tenant's rows, as the member", async () => {
    const page = openDashboard(tenantA, 60_000);
    await waitFor(() => expect(page.modes).toEqual(['polling', 'live']));
    expect(fake.joins).toHaveLength(1);
    const join = fake.joins[0]!;
    expect(join.topic).toBe(`realtime:dashboard-${tenantA}`);
    // RLS in Realtime runs as whoever's token came with the join: the member, not the anon key.
    expect(join.accessToken).toBe(page.token);
    const asked = join.postgresChanges;
    expect(new Set(asked.map((c) => c.table))).toEqual(new Set(published));
    expect(asked).toHaveLength(published.length * 2);
    for (const change of asked) {
      expect(['INSERT', 'UPDATE']).toContain(change.event);
      expect(change).toMatchObject({ schema: 'public', filter: `tenant_id=eq.${tenantA}` });
    }
    expect(JSON.stringify(fake.joins)).not.toContain(tenantB);

    // The socket stays up (heartbeat answered) and a refreshed token reaches the joined channel.
    await page.supabase.realtime.sendHeartbeat();
    await waitFor(() => expect(fake.heartbeats()).toBeGreaterThan(0));
    await page.supabase.realtime.setAuth(jwtFor(`${userA}-refreshed`));
    await waitFor(() =>
      expect(fake.accessTokens).toContainEqual({ topic: join.topic, token: jwtFor(`${userA}-refreshed`) }),
    );
  });

  it("an insert or update of the tenant's rows refreshes the page; another tenant's rows never arrive", async () => {
    const page = openDashboard(tenantA, 60_000);
    await waitFor(() => expect(page.modes).toContain('live'));

    expect(
      fake.pushChange({ type: 'INSERT', table: 'messages', record: { id: 'm-b', tenant_id: tenantB } }),
    ).toBe(0);
    expect(
      fake.pushChange({ type: 'DELETE', table: 'leads', record: { id: 'l-a', tenant_id: tenantA } }),
    ).toBe(0);
    expect(
      fake.pushChange({ type: 'INSERT', table: 'messages', record: { id: 'm-a', tenant_id: tenantA } }),
    ).toBe(1);
    await waitFor(() => expect(page.refresh).toHaveBeenCalledTimes(1));
    expect(
      fake.pushChange({ type: 'UPDATE', table: 'leads', record: { id: 'l-a', tenant_id: tenantA } }),
    ).toBe(1);
    await waitFor(() => expect(page.refresh).toHaveBeenCalledTimes(2));
  });

  it('polls at full speed when Realtime refuses the join', async () => {
    fake.refuseJoins('Unauthorized: You do not have permissions to read from this Channel topic');
    const page = openDashboard(tenantA, 20);
    await waitFor(() => expect(fake.joins.at(-1)?.topic).toBe(`realtime:dashboard-${tenantA}`));
    await waitFor(() => expect(page.refresh.mock.calls.length).toBeGreaterThanOrEqual(3));
    expect(page.modes).not.toContain('live');
  });

  it('falls back to polling while Realtime is down and goes live again when it is back', async () => {
    const page = openDashboard(tenantA, 20);
    await waitFor(() => expect(page.modes).toEqual(['polling', 'live']));
    const before = page.refresh.mock.calls.length;
    fake.goDown();
    await waitFor(() => expect(page.modes.at(-1)).toBe('polling'));
    await waitFor(() => expect(page.refresh.mock.calls.length).toBeGreaterThanOrEqual(before + 3));
    fake.comeBack();
    await waitFor(() => expect(page.modes.at(-1)).toBe('live'), 15_000);
    expect(fake.joins.length).toBeGreaterThan(1);
    expect(fake.joins.at(-1)?.accessToken).toBe(page.token);
  });
});
