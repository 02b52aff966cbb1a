import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAutomationEndpoint,
  loadAutomationSettings,
  resendAutomationDelivery,
  setWorkflowMode,
} from '@/src/automations/manage-automations';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, parseEnv } from '@/src/env';
import { aiResponseHandler } from '@/src/jobs/handlers/ai-response-handler';
import { deliverWebhookHandler } from '@/src/jobs/handlers/deliver-webhook-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { createConversation } from '../outbound/outbound-fixture';
import { startFakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// "AI through my workflow": the ai_response job does not call Claude; the business's workflow
// gets ai.reply_requested (and would answer through /api/v1). And another business sees none of
// it.

let test: TestDatabase;
let receiver: Awaited<ReturnType<typeof startFakeWebhookReceiver>>;
let anthropic: { calls: number; close: () => Promise<void> };
let env: AppEnv;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;

async function startCountingAnthropic() {
  const state = { calls: 0 };
  const server = createServer((req, res) => {
    state.calls += 1;
    req.resume();
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get calls() {
      return state.calls;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function run(): Promise<void> {
  await processJobs({
    db: test.db,
    env,
    handlers: [aiResponseHandler, deliverWebhookHandler],
    jobTypes: ['ai_response', 'deliver_webhook'],
    maxJobs: 10,
    budgetMs: 20_000,
    concurrency: 1,
  });
}

beforeAll(async () => {
  test = await createTestDatabase();
  receiver = await startFakeWebhookReceiver();
  const fake = await startCountingAnthropic();
  anthropic = fake;
  env = parseEnv({
    ...process.env,
    AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST: 'true',
    ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
    ANTHROPIC_BASE_URL: fake.origin,
    AI_MAX_RETRIES: '0',
  });
  owner = await createTenantWithStaff(test, 'flujos');
  tenant = await resolveTenant(test.db, owner.staff, 'flujos');
});
afterAll(async () => {
  await receiver?.close();
  await anthropic?.close();
  await test?.drop();
});

describe('AI through my workflow', () => {
  it('cannot be turned on without an endpoint that receives ai.reply_requested', async () => {
    await expect(setWorkflowMode(test.db, owner.staff, tenant, { mode: 'on' })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'automation_no_ai_endpoint' },
    });
  });

  it('asks the workflow instead of Claude, once per customer message', async () => {
    await createAutomationEndpoint(test.db, owner.staff, tenant, env, {
      url: receiver.url('/hooks/flujos'),
      'event:ai.reply_requested': 'on',
    });
    await setWorkflowMode(test.db, owner.staff, tenant, { mode: 'on' });
    const fixture = await createConversation(test, {
      channel: 'whatsapp',
      slug: 'flujos',
      text: '¿Tienen mesa para 4 hoy?',
    });
    const enqueue = () =>
      test.db.rpc('enqueue_job', {
        p_job_type: 'ai_response',
        p_payload: { conversation_id: fixture.conversationId, message_id: fixture.inboundMessageId },
        p_tenant_id: fixture.tenantId,
        p_priority: 10,
        p_dedupe_key: `ai_response:${fixture.conversationId}`,
      });
    await enqueue();
    await run();
    expect(anthropic.calls).toBe(0);
    const asked = receiver.received.filter((r) => r.headers['x-webhook-event'] === 'ai.reply_requested');
    expect(asked).toHaveLength(1);
    const body = JSON.parse(asked[0]!.rawBody);
    expect(body).toMatchObject({
      type: 'ai.reply_requested',
      data: {
        conversation: { id: fixture.conversationId, handled_by: 'ai' },
        lead: { id: fixture.leadId },
        messages: [{ id: fixture.inboundMessageId, text: '¿Tienen mesa para 4 hoy?' }],
        reply_with: { method: 'POST', path: `/api/v1/conversations/${fixture.conversationId}/messages` },
      },
    });
    const { rows: jobs } = await test.pool.query(
      "select status, result from jobs where job_type = 'ai_response' order by created_at",
    );
    expect(jobs[0]).toMatchObject({
      status: 'completed',
      result: { outcome: 'requested', event_id: body.id },
    });
    const { rows: outbound } = await test.pool.query(
      "select count(*)::int as n from messages where conversation_id = $1 and direction = 'outbound'",
      [fixture.conversationId],
    );
    expect(outbound[0].n).toBe(0);
    // The same message asked about again (a retried job): the same event, not a second one.
    await enqueue();
    await run();
    expect(
      receiver.received.filter((r) => r.headers['x-webhook-event'] === 'ai.reply_requested'),
    ).toHaveLength(1);
    expect(anthropic.calls).toBe(0);
  });
});

describe('another business', () => {
  it('cannot read, change or resend tenant A’s endpoints and deliveries', async () => {
    const b = await createTenantWithStaff(test, 'ajenos');
    const tenantB = await resolveTenant(test.db, b.staff, 'ajenos');
    await expect(
      test.db.rpc('dashboard_automation_settings', { p_tenant_id: owner.tenantId }, { as: b.staff }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const settingsA = await loadAutomationSettings(test.db, owner.staff, tenant);
    const deliveryOfA = settingsA.deliveries[0]!;
    const endpointOfA = settingsA.endpoints[0]!;
    await expect(
      resendAutomationDelivery(test.db, b.staff, tenantB, { deliveryId: deliveryOfA.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      test.db.rpc(
        'dashboard_automation_update_endpoint',
        {
          p_tenant_id: tenantB.id,
          p_endpoint_id: endpointOfA.id,
          p_url: 'https://evil.example.com/',
          p_events: ['message.received'],
          p_description: null,
          p_active: true,
        },
        { as: b.staff },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const seenByB = await queryAs(
      test.pool,
      { role: 'authenticated', claims: b.staff.claims },
      'select id from webhook_deliveries',
    );
    expect(seenByB).toEqual([]);
    const seenByA = await queryAs(
      test.pool,
      { role: 'authenticated', claims: owner.staff.claims },
      'select id from webhook_deliveries',
    );
    expect(seenByA.length).toBeGreaterThan(0);
    // Nobody reads the endpoints' table directly (the sealed secrets live there).
    await expect(
      queryAs(
        test.pool,
        { role: 'authenticated', claims: owner.staff.claims },
        'select id from webhook_endpoints',
      ),
    ).rejects.toMatchObject({ code: '42501' });
    // An agent of A (not an admin) does not manage automations either.
    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'flujos',
      p_email: 'agente@flujos.example',
      p_role: 'agent',
    });
    await expect(
      test.db.rpc(
        'dashboard_automation_settings',
        { p_tenant_id: owner.tenantId },
        { as: staffIdentity(agent.user_id) },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const after = await loadAutomationSettings(test.db, owner.staff, tenant);
    expect(after.endpoints[0]?.url).toBe(endpointOfA.url);
  });
});
