import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { sendChannelTest } from '@/src/dashboard/channels/send-channel-test';
import { loadLead } from '@/src/dashboard/leads/load-lead';
import { deliverAsPlatform } from '@/src/dashboard/simulator/deliver-as-platform';
import { loadSimulatorThread } from '@/src/dashboard/simulator/load-simulator-thread';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, getEnv } from '@/src/env';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from '../webhooks/support/call-route';
import { routes } from '../webhooks/support/post-webhook';

// The simulator plays the platform: a signed delivery into the REAL route handler, the real
// queue drains it (offline AI, sandbox sender), and the dashboard shows the reply with its
// outbox entry — all for the member's own tenant, in local mode, on a sandbox connection only.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenantA: TenantContext;
const env = (): AppEnv => ({ ...getEnv(), ANTHROPIC_API_KEY: undefined });
const routeCalls: string[] = [];

// fetch as the browser-facing server would serve it: the URL goes to our route handler, and
// the after() work it schedules (draining the tenant's queue) runs before we look.
const routeFetch: typeof fetch = async (input, init) => {
  const request = new Request(input as string, init);
  const match = /\/api\/webhook\/(whatsapp|facebook|instagram|tiktok)\/([^/]+)$/.exec(
    new URL(request.url).pathname,
  );
  if (!match) throw new Error(`unexpected fetch ${request.url}`);
  routeCalls.push(new URL(request.url).pathname);
  const route = routes[match[1] as keyof typeof routes];
  const handler = request.method === 'GET' ? route.GET : route.POST;
  const { response, afterTasks } = await callRoute(handler, request, match[2]!);
  for (const task of afterTasks) await task();
  return response;
};

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'sim-a');
  b = await createTenantWithStaff(test, 'sim-b');
  for (const [slug, phone, mode] of [
    ['sim-a', '7000001', 'sandbox'],
    ['sim-b', '7000002', 'live'],
  ] as const) {
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: slug,
      channel: 'whatsapp',
      mode,
      phoneNumberId: phone,
      accessToken: `${slug}-token-long-enough`,
      appSecret: `${slug}-meta-app-secret`,
      verifyToken: `${slug}-verify-token`,
    });
  }
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: 'sim-a',
    p_patch: {
      knowledge: { services: [], faqs: [{ question: '¿Cuánto cuesta la limpieza?', answer: 'MXN 800' }] },
    },
  });
  tenantA = await resolveTenant(test.db, a.staff, 'sim-a');
});
afterAll(() => test.drop());

describe('simulator', () => {
  it('a customer message goes through the signed route and the sandbox reply shows up next to it', async () => {
    const delivered = await deliverAsPlatform(
      test.db,
      a.staff,
      tenantA,
      env(),
      { channel: 'whatsapp', text: 'Hola, ¿cuánto cuesta la limpieza? Me interesa', from: '5215511112222' },
      { fetch: routeFetch },
    );
    expect(delivered).toMatchObject({
      status: 200,
      sender: '5215511112222',
      answer: { ok: true, stored: 1 },
    });
    const thread = await loadSimulatorThread(test.db, a.staff, tenantA, 'whatsapp', '5215511112222');
    expect(thread.messages.map((m) => [m.sender, m.text])).toEqual([
      ['lead', 'Hola, ¿cuánto cuesta la limpieza? Me interesa'],
      ['ai', expect.stringContaining('MXN 800')],
    ]);
    const reply = thread.messages[1]!;
    expect(reply).toMatchObject({ generated_by: 'offline', delivery_status: 'sent' });
    expect(reply.outbox).toMatchObject({ recipient: '5215511112222' });
    // The score moved and the lead page says why.
    const lead = await loadLead(test.db, a.staff, tenantA, thread.lead!.id);
    expect(lead.lead.score).toBeGreaterThan(50);
    expect(lead.score_events[0]!.signals).toContain('interested');
  });

  it('is refused outside local mode, before anything is sent', async () => {
    routeCalls.length = 0;
    await expect(
      deliverAsPlatform(
        test.db,
        a.staff,
        tenantA,
        { ...env(), appMode: 'production' },
        { channel: 'whatsapp', text: 'x' },
        {
          fetch: routeFetch,
        },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(routeCalls).toEqual([]);
  });

  it('never signs for another tenant, and never for a live connection', async () => {
    routeCalls.length = 0;
    const tenantB = await resolveTenant(test.db, b.staff, 'sim-b');
    // B's own staff: B's connection is live, so no simulated customer may reach a real platform.
    await expect(
      deliverAsPlatform(
        test.db,
        b.staff,
        tenantB,
        env(),
        { channel: 'whatsapp', text: 'x' },
        { fetch: routeFetch },
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    // A's staff with a context forged either way round: the connection must belong to the tenant.
    for (const forged of [
      { ...tenantA, slug: 'sim-b' },
      { ...tenantA, id: b.tenantId },
    ]) {
      await expect(
        deliverAsPlatform(
          test.db,
          a.staff,
          forged,
          env(),
          { channel: 'whatsapp', text: 'x' },
          { fetch: routeFetch },
        ),
      ).rejects.toMatchObject({ code: 'not_found' });
    }
    expect(routeCalls).toEqual([]);
  });

  it('the simulator thread is refused for other tenants', async () => {
    await expect(
      loadSimulatorThread(test.db, a.staff, { ...tenantA, id: b.tenantId }, 'whatsapp', '5215511112222'),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const who = { role: 'authenticated' as const, claims: a.staff.claims };
    await expect(
      queryAs(test.pool, who, "select public.dashboard_simulator_thread($1, 'whatsapp', 'x')", [b.tenantId]),
    ).rejects.toMatchObject({ code: 'PT403' });
    await expect(
      queryAs(test.pool, { role: 'anon' }, "select public.dashboard_simulator_thread($1, 'whatsapp', 'x')", [
        b.tenantId,
      ]),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('channel send test', () => {
  const production = (): AppEnv => ({
    ...env(),
    appMode: 'production',
    APP_BASE_URL: 'https://inbox.example.com',
  });

  it('locally sends a signed test message through the route', async () => {
    const result = await sendChannelTest(
      test.db,
      a.staff,
      tenantA,
      env(),
      { channel: 'whatsapp' },
      'Prueba',
      {
        fetch: routeFetch,
      },
    );
    expect(result).toEqual({ kind: 'signed_message', status: 200, ok: true });
  });

  it('deployed, runs Meta’s verification handshake with the stored verify token (read as the member)', async () => {
    routeCalls.length = 0;
    const result = await sendChannelTest(
      test.db,
      a.staff,
      tenantA,
      production(),
      { channel: 'whatsapp' },
      'x',
      {
        fetch: routeFetch,
      },
    );
    expect(result).toEqual({ kind: 'verification', status: 200, ok: true });
    expect(routeCalls).toEqual(['/api/webhook/whatsapp/sim-a']);
    await expect(
      sendChannelTest(
        test.db,
        a.staff,
        { ...tenantA, id: b.tenantId },
        production(),
        { channel: 'whatsapp' },
        'x',
        {
          fetch: routeFetch,
        },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
