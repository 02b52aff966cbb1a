import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { deleteTestTraffic, loadTestTraffic } from '@/src/dashboard/channels/test-traffic';
import { loadInbox } from '@/src/dashboard/inbox/load-inbox';
import { loadOverview } from '@/src/dashboard/overview/load-overview';
import { deliverAsPlatform } from '@/src/dashboard/simulator/deliver-as-platform';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, getEnv } from '@/src/env';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from '../webhooks/support/call-route';
import { routes } from '../webhooks/support/post-webhook';
import { seedInbox } from './seed-inbox';

// Test traffic (issue 18 §5): a simulator delivery goes through the real signed route and the
// real queue, and lands marked as test (lead, conversation, messages) because its connection is
// in sandbox mode; the overview does not count it; staff delete it, and only it, in one call.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenantA: TenantContext;
let tenantB: TenantContext;
const env = (): AppEnv => ({ ...getEnv(), ANTHROPIC_API_KEY: undefined });

const routeFetch: typeof fetch = async (input, init) => {
  const request = new Request(input as string, init);
  const match = /\/api\/webhook\/(whatsapp|facebook|instagram|tiktok)\/([^/]+)$/.exec(
    new URL(request.url).pathname,
  );
  if (!match) throw new Error(`unexpected fetch ${request.url}`);
  const route = routes[match[1] as keyof typeof routes];
  const { response, afterTasks } = await callRoute(route.POST, request, match[2]!);
  for (const task of afterTasks) await task();
  return response;
};

async function counts(tenantId: string) {
  const { rows } = await test.pool.query(
    `select (select count(*)::int from leads where tenant_id = $1) as leads,
       (select count(*)::int from leads where tenant_id = $1 and is_test) as test_leads,
       (select count(*)::int from conversations where tenant_id = $1) as conversations,
       (select count(*)::int from conversations where tenant_id = $1 and is_test) as test_conversations,
       (select count(*)::int from messages where tenant_id = $1) as messages,
       (select count(*)::int from messages where tenant_id = $1 and is_test) as test_messages`,
    [tenantId],
  );
  return rows[0];
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'prueba-a');
  b = await createTenantWithStaff(test, 'prueba-b');
  tenantA = await resolveTenant(test.db, a.staff, 'prueba-a');
  tenantB = await resolveTenant(test.db, b.staff, 'prueba-b');
  // Real customers first (Instagram: no sandbox connection), in both tenants.
  await seedInbox(test, a.tenantId, { name: 'Real A', text: 'Hola', escalated: true, channel: 'instagram' });
  await seedInbox(test, b.tenantId, { name: 'Real B', text: 'Hola', channel: 'instagram' });
  for (const [slug, phone] of [
    ['prueba-a', '7100001'],
    ['prueba-b', '7100002'],
  ] as const) {
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: slug,
      channel: 'whatsapp',
      mode: 'sandbox',
      phoneNumberId: phone,
      accessToken: `${slug}-token-long-enough`,
      appSecret: `${slug}-meta-app-secret`,
      verifyToken: `${slug}-verify-token`,
    });
  }
  // A keyword escalates the simulated customer, as it did before test traffic was marked.
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: 'prueba-a',
    p_patch: { escalation_keywords: ['urgente'] },
  });
  for (const [tenant, staff] of [
    [tenantA, a.staff],
    [tenantB, b.staff],
  ] as const) {
    const delivered = await deliverAsPlatform(
      test.db,
      staff,
      tenant,
      env(),
      { channel: 'whatsapp', text: 'Es urgente, ¿me atienden?', from: '5215500001111' },
      { fetch: routeFetch },
    );
    expect(delivered.status).toBe(200);
  }
});
afterAll(() => test.drop());

describe('test traffic', () => {
  it('marks the simulated lead, conversation and messages as test at ingest, and only them', async () => {
    expect(await counts(a.tenantId)).toMatchObject({
      leads: 2,
      test_leads: 1,
      conversations: 2,
      test_conversations: 1,
      test_messages: expect.any(Number),
    });
    const { rows } = await test.pool.query(
      `select m.sender, m.is_test from messages m join conversations c on c.id = m.conversation_id
       where c.tenant_id = $1 and c.is_test order by m.created_at`,
      [a.tenantId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.is_test)).toBe(true);
    const inbox = await loadInbox(test.db, a.staff, tenantA, { status: 'all' });
    expect(inbox.items.map((c) => c.is_test).sort()).toEqual([false, true]);
    expect(await loadTestTraffic(test.db, a.staff, tenantA)).toMatchObject({ leads: 1, conversations: 1 });
  });

  it('is left out of the overview, escalations included', async () => {
    const overview = await loadOverview(test.db, a.staff, tenantA);
    expect(overview.new_leads_today).toEqual({ hot: 1, warm: 0, cold: 0 });
    expect(overview.escalations_waiting.map((e) => e.lead_name)).toEqual(['Real A']);
    expect(overview.escalations_waiting_count).toBe(1);
    expect(overview.messages_today.map((m) => m.channel)).toEqual(['instagram']);
  });

  it('needs a confirmation, and an admin', async () => {
    await expect(deleteTestTraffic(test.db, a.staff, tenantA, {})).rejects.toMatchObject({
      code: 'bad_request',
    });
    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'prueba-a',
      p_email: 'agent@prueba-a.example',
      p_role: 'agent',
    });
    await expect(
      test.db.rpc(
        'dashboard_delete_test_traffic',
        { p_tenant_id: a.tenantId },
        { as: { claims: { sub: agent.user_id, role: 'authenticated' } } },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // Another tenant's staff cannot delete A's test traffic.
    await expect(
      test.db.rpc('dashboard_delete_test_traffic', { p_tenant_id: a.tenantId }, { as: b.staff }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('deletes only the test rows of its own tenant', async () => {
    const beforeA = await counts(a.tenantId);
    const beforeB = await counts(b.tenantId);
    const done = await deleteTestTraffic(test.db, a.staff, tenantA, { confirm: 'yes' });
    expect(done).toEqual({ leads: 1, conversations: 1, messages: beforeA.test_messages });
    expect(await counts(a.tenantId)).toEqual({
      leads: beforeA.leads - 1,
      test_leads: 0,
      conversations: beforeA.conversations - 1,
      test_conversations: 0,
      messages: beforeA.messages - beforeA.test_messages,
      test_messages: 0,
    });
    expect(await counts(b.tenantId)).toEqual(beforeB);
    expect(await loadTestTraffic(test.db, a.staff, tenantA)).toEqual({
      leads: 0,
      conversations: 0,
      messages: 0,
    });
  });
});
