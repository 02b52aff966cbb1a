import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAutomationEndpoint,
  loadAutomationSettings,
  resendAutomationDelivery,
  updateAutomationEndpoint,
} from '@/src/automations/manage-automations';
import { verifyWebhook } from '@/src/automations/webhook-signature';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, parseEnv } from '@/src/env';
import { deliverWebhookHandler } from '@/src/jobs/handlers/deliver-webhook-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { type ConversationFixture, createConversation } from '../outbound/outbound-fixture';
import { type ReceivedWebhook, startFakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A business's workflow (a fake n8n Webhook node on loopback) subscribed to events: every event is
// delivered once per endpoint, signed by the README's recipe, retried with backoff through the
// job queue, and resent on demand with the same event id.

let test: TestDatabase;
let receiver: Awaited<ReturnType<typeof startFakeWebhookReceiver>>;
let env: AppEnv;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;
let secret: string;
let fixture: ConversationFixture;

const form = (fields: Record<string, string>) => ({ tenantSlug: 'ganchos', ...fields });

async function deliverDue(): Promise<void> {
  await processJobs({
    db: test.db,
    env,
    handlers: [deliverWebhookHandler],
    jobTypes: ['deliver_webhook'],
    maxJobs: 20,
    budgetMs: 20_000,
    concurrency: 1,
  });
}

async function makeDeliveriesDue(): Promise<void> {
  await test.pool.query(
    "update jobs set scheduled_for = now() where job_type = 'deliver_webhook' and status = 'pending'",
  );
}

function forEvent(type: string): ReceivedWebhook[] {
  return receiver.received.filter(
    (r) => r.headers['x-webhook-event'] === type && r.path === '/hooks/ganchos',
  );
}

// The README's verification recipe, word for word.
function verifyLikeTheReadme(
  secretText: string,
  headers: ReceivedWebhook['headers'],
  rawBody: string,
): boolean {
  const timestamp = String(headers['x-webhook-timestamp']);
  const signature = String(headers['x-webhook-signature']);
  const expected = `v1=${createHmac('sha256', secretText).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return (
    fresh &&
    expected.length === signature.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

beforeAll(async () => {
  test = await createTestDatabase();
  receiver = await startFakeWebhookReceiver();
  env = parseEnv({ ...process.env, AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST: 'true' });
  owner = await createTenantWithStaff(test, 'ganchos');
  tenant = await resolveTenant(test.db, owner.staff, 'ganchos');
  const created = await createAutomationEndpoint(
    test.db,
    owner.staff,
    tenant,
    env,
    form({
      url: receiver.url('/hooks/ganchos'),
      description: 'n8n',
      'event:message.received': 'on',
      'event:conversation.escalated': 'on',
      'event:lead.score_changed': 'on',
    }),
  );
  secret = created.secret;
  fixture = await createConversation(test, {
    channel: 'whatsapp',
    slug: 'ganchos',
    text: 'Quiero una cita mañana',
  });
});
afterAll(async () => {
  await receiver?.close();
  await test?.drop();
});

describe('outbound webhooks', () => {
  it('a receiver that fails 5 times and then answers gets the event delivered once, signed by the recipe', async () => {
    receiver.queue.push(503, 503, 500, 429, 502);
    await deliverDue();
    // The first failure waits for the first backoff step (30 s), recorded on the delivery.
    const { rows: waiting } = await test.pool.query(
      `select d.status, d.attempts, d.last_status_code, d.last_error, extract(epoch from d.next_attempt_at - now())::float as wait,
         extract(epoch from j.scheduled_for - now())::float as job_wait
       from webhook_deliveries d join jobs j on j.payload ->> 'delivery_id' = d.id::text
       where d.event_type = 'message.received'`,
    );
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 503 });
    expect(waiting[0].last_error.length).toBeLessThanOrEqual(300);
    expect(waiting[0].wait).toBeGreaterThanOrEqual(25);
    expect(waiting[0].job_wait).toBeGreaterThanOrEqual(25);
    for (let round = 0; round < 8; round += 1) {
      await makeDeliveriesDue();
      await deliverDue();
    }
    const received = forEvent('message.received');
    expect(received.map((r) => r.status)).toEqual([503, 503, 500, 429, 502, 200]);
    expect(new Set(received.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
    expect(new Set(received.map((r) => r.rawBody)).size).toBe(1);
    const { rows } = await test.pool.query(
      "select status, attempts, delivered_at, event_id from webhook_deliveries where event_type = 'message.received'",
    );
    expect(rows[0]).toMatchObject({ status: 'delivered', attempts: 6 });
    expect(rows[0].delivered_at).not.toBeNull();
    const last = received.at(-1)!;
    expect(last.headers['x-webhook-id']).toBe(rows[0].event_id);
    expect(verifyLikeTheReadme(secret, last.headers, last.rawBody)).toBe(true);
    expect(
      verifyWebhook(
        secret,
        {
          timestamp: String(last.headers['x-webhook-timestamp']),
          signature: String(last.headers['x-webhook-signature']),
        },
        last.rawBody,
      ),
    ).toBe(true);
    // A tampered body or another secret does not verify.
    expect(verifyLikeTheReadme(secret, last.headers, last.rawBody.replace('cita', 'CITA'))).toBe(false);
    expect(verifyLikeTheReadme(`${secret}x`, last.headers, last.rawBody)).toBe(false);
    const body = JSON.parse(last.rawBody);
    expect(body).toMatchObject({
      id: rows[0].event_id,
      type: 'message.received',
      tenant_id: owner.tenantId,
      data: {
        message: {
          id: fixture.inboundMessageId,
          conversation_id: fixture.conversationId,
          text: 'Quiero una cita mañana',
        },
        lead: { id: fixture.leadId },
      },
    });
    // Nothing more goes out: the job is done and a stray run finds the row delivered.
    await test.pool.query(
      `insert into jobs (tenant_id, job_type, payload) select tenant_id, 'deliver_webhook',
         jsonb_build_object('delivery_id', id) from webhook_deliveries where event_type = 'message.received'`,
    );
    await deliverDue();
    expect(forEvent('message.received')).toHaveLength(6);
  });

  it('records each event once per endpoint, whatever records it again', async () => {
    await test.pool.query(
      "update conversations set escalated_at = '2026-12-07T10:00:00Z', handled_by = 'human' where id = $1",
      [fixture.conversationId],
    );
    await test.pool.query("update conversations set escalated_at = '2026-12-07T10:00:00Z' where id = $1", [
      fixture.conversationId,
    ]);
    const key = `${fixture.conversationId}:${Date.parse('2026-12-07T10:00:00Z') * 1000}`;
    const again = await test.pool.query(
      `select internal.automation_emit($1, 'conversation.escalated', $2, '{}'::jsonb) as id`,
      [owner.tenantId, key],
    );
    expect(again.rows[0].id).toBeNull();
    // A score change makes its own event; an unsubscribed event (message.sent) makes none.
    await test.pool.query(
      `insert into lead_score_events (tenant_id, lead_id, delta, score_before, score_after, classification_after, signals)
       values ($1, $2, 15, 50, 65, 'warm', array['urgent'])`,
      [owner.tenantId, fixture.leadId],
    );
    await deliverDue();
    const { rows } = await test.pool.query(
      'select event_type, count(*)::int as n from webhook_deliveries where tenant_id = $1 group by 1 order by 1',
      [owner.tenantId],
    );
    expect(rows).toEqual([
      { event_type: 'conversation.escalated', n: 1 },
      { event_type: 'lead.score_changed', n: 1 },
      { event_type: 'message.received', n: 1 },
    ]);
    expect(forEvent('conversation.escalated')).toHaveLength(1);
    const score = JSON.parse(forEvent('lead.score_changed')[0]!.rawBody);
    expect(score.data).toMatchObject({ score_before: 50, score_after: 65, signals: ['urgent'] });
  });

  it('"Reenviar" sends the same delivery again now: a new attempt with the same event id and body', async () => {
    const settings = await loadAutomationSettings(test.db, owner.staff, tenant);
    const delivery = settings.deliveries.find((d) => d.event_type === 'conversation.escalated')!;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    const first = forEvent('conversation.escalated')[0]!;
    await resendAutomationDelivery(test.db, owner.staff, tenant, form({ deliveryId: delivery.id }));
    await deliverDue();
    const both = forEvent('conversation.escalated');
    expect(both).toHaveLength(2);
    expect(both[1]!.headers['x-webhook-id']).toBe(first.headers['x-webhook-id']);
    expect(both[1]!.rawBody).toBe(first.rawBody);
    expect(verifyLikeTheReadme(secret, both[1]!.headers, both[1]!.rawBody)).toBe(true);
    const after = await loadAutomationSettings(test.db, owner.staff, tenant);
    expect(after.deliveries.find((d) => d.id === delivery.id)).toMatchObject({
      status: 'delivered',
      attempts: 2,
    });
  });

  it('a redirect is not followed and a disabled endpoint gets nothing', async () => {
    const settings = await loadAutomationSettings(test.db, owner.staff, tenant);
    const delivery = settings.deliveries.find((d) => d.event_type === 'lead.score_changed')!;
    receiver.queue.push(302);
    await resendAutomationDelivery(test.db, owner.staff, tenant, form({ deliveryId: delivery.id }));
    await deliverDue();
    expect(receiver.received.filter((r) => r.path === '/elsewhere')).toHaveLength(0);
    const { rows } = await test.pool.query(
      'select status, last_status_code, last_error from webhook_deliveries where id = $1',
      [delivery.id],
    );
    expect(rows[0]).toMatchObject({ status: 'pending', last_status_code: 302 });
    expect(rows[0].last_error).toContain('redirect not followed');

    const endpoint = settings.endpoints[0]!;
    await updateAutomationEndpoint(
      test.db,
      owner.staff,
      tenant,
      env,
      form({ endpointId: endpoint.id, url: endpoint.url, 'event:lead.score_changed': 'on' }),
    );
    const before = receiver.received.length;
    await makeDeliveriesDue();
    await deliverDue();
    expect(receiver.received.length).toBe(before);
    const { rows: failed } = await test.pool.query(
      'select status, last_error from webhook_deliveries where id = $1',
      [delivery.id],
    );
    expect(failed[0]).toEqual({ status: 'failed', last_error: 'endpoint disabled' });
  });

  it('the dashboard never returns the sealed secret, only its last characters', async () => {
    const settings = await loadAutomationSettings(test.db, owner.staff, tenant);
    expect(JSON.stringify(settings)).not.toContain(secret);
    expect(settings.endpoints[0]?.secret_hint).toBe(secret.slice(-4));
    const { rows } = await test.pool.query('select secret_encrypted from webhook_endpoints');
    expect(rows[0].secret_encrypted).not.toContain(secret);
  });
});
