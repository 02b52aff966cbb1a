import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { saveNotificationPreferences } from '@/src/dashboard/attention/save-notification-preferences';
import { savePushSubscription } from '@/src/dashboard/attention/save-push-subscription';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { type AppEnv, getEnv, parseEnv } from '@/src/env';
import { createDeliverNotificationHandler } from '@/src/jobs/handlers/deliver-notification-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { type SeededInbox, seedInbox } from '../dashboard/seed-inbox';
import { startFakePushService } from '../support/fake-push-service';
import { startFakeSmtpServer } from '../support/fake-smtp-server';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// An escalation notifies each member once per channel their preferences allow: a Web Push to
// each of their browsers (through a fake push service over HTTPS) and an email (through a real
// SMTP server on loopback), however many times the event is recorded or the job runs.

let test: TestDatabase;
let push: Awaited<ReturnType<typeof startFakePushService>>;
let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
let env: AppEnv;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;
let quiet: { staff: StaffIdentity; tenant: TenantContext };
let seeded: SeededInbox;

async function run(): Promise<void> {
  const handler = createDeliverNotificationHandler({ httpsAgent: push.agent });
  await processJobs({ db: test.db, env, handlers: [handler], maxJobs: 50, budgetMs: 20_000 });
}

async function pushCount(name: string): Promise<number> {
  return push.requests.filter((request) => request.path === `/push/${name}`).length;
}

async function escalate(at: string): Promise<void> {
  await test.pool.query(
    `update conversations set escalated_at = $2, handled_by = 'human', status = 'pending' where id = $1`,
    [seeded.conversationId, at],
  );
}

beforeAll(async () => {
  test = await createTestDatabase();
  push = await startFakePushService();
  smtp = await startFakeSmtpServer();
  const vapid = webpush.generateVAPIDKeys();
  env = parseEnv({
    ...process.env,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:avisos@example.com',
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Bandeja <avisos@example.com>',
    APP_BASE_URL: 'https://panel.example.com',
  });
  owner = await createTenantWithStaff(test, 'avisos');
  tenant = await resolveTenant(test.db, owner.staff, 'avisos');
  const agent = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'avisos',
    p_email: 'agente@avisos.example',
    p_role: 'agent',
  });
  const agentStaff = staffIdentity(agent.user_id, 'agente@avisos.example');
  quiet = { staff: agentStaff, tenant: await resolveTenant(test.db, agentStaff, 'avisos') };
  seeded = await seedInbox(test, owner.tenantId, { name: 'Uriel', text: 'Urgencia con mi muela' });
  await test.pool.query(`update leads set phone = '+5215512345678' where id = $1`, [seeded.leadId]);
  const key = getEnv().ENCRYPTION_KEY!;
  const keyed = { ...env, ENCRYPTION_KEY: key };
  await savePushSubscription(test.db, owner.staff, tenant, keyed, push.subscription('phone'));
  await savePushSubscription(test.db, owner.staff, tenant, keyed, push.subscription('old-laptop'));
  push.answer.set('/push/old-laptop', 410);
  // The agent turned push and email off: their browser subscription stays silent.
  await savePushSubscription(test.db, quiet.staff, quiet.tenant, keyed, push.subscription('agent'));
  await saveNotificationPreferences(test.db, quiet.staff, quiet.tenant, { sound: 'on' });
});
afterAll(async () => {
  await push?.close();
  await smtp?.close();
  await test?.drop();
});

describe('an escalation', () => {
  it('pushes once to each browser, emails once, and drops a subscription the push service says is gone', async () => {
    await escalate('2026-12-07T10:00:00Z');
    // The same escalation recorded again (the same time written twice, a second call): no new event.
    await escalate('2026-12-07T10:00:00Z');
    const again = await test.pool.query(
      `select internal.attention_record_event($1, 'escalation', $2, $3, $4) as id`,
      [
        owner.tenantId,
        `escalation:${seeded.conversationId}:${Date.parse('2026-12-07T10:00:00Z') * 1000}`,
        seeded.conversationId,
        seeded.leadId,
      ],
    );
    expect(again.rows[0].id).toBeNull();
    await run();
    await run();
    expect(await pushCount('phone')).toBe(1);
    expect(await pushCount('old-laptop')).toBe(1);
    expect(await pushCount('agent')).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['owner@avisos.example']);
    const { rows } = await test.pool.query(
      'select count(*)::int as n from push_subscriptions where user_id = $1',
      [owner.userId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('the push is a VAPID-signed, encrypted Web Push request', () => {
    const request = push.requests.find((r) => r.path === '/push/phone');
    expect(request?.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(request?.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(request?.headers.ttl)).toBeGreaterThan(0);
    expect(request?.body.length).toBeGreaterThan(0);
    expect(request?.body.toString('utf8')).not.toContain('persona');
  });

  it('the email is in Spanish, links to the conversation, and carries neither the message nor the phone', () => {
    const email = smtp.received[0]!;
    expect(email.subject).toBe('[Tenant avisos] Una conversación necesita a una persona');
    expect(email.text).toContain('la IA pasó una conversación al equipo');
    expect(email.text).toContain(`https://panel.example.com/t/avisos/inbox/${seeded.conversationId}`);
    for (const secret of ['Urgencia', 'muela', '5512345678', 'Uriel']) {
      expect(email.raw).not.toContain(secret);
      expect(email.text).not.toContain(secret);
    }
  });

  it('a job run again for a delivered notification sends nothing', async () => {
    const { rows } = await test.pool.query<{ id: string }>(
      `select id from notification_deliveries where status = 'sent'`,
    );
    expect(rows.length).toBe(2);
    for (const row of rows) {
      await test.pool.query(
        `insert into jobs (tenant_id, job_type, payload) values ($1, 'deliver_notification', jsonb_build_object('delivery_id', $2::uuid))`,
        [owner.tenantId, row.id],
      );
    }
    const before = push.requests.length;
    await run();
    expect(push.requests.length).toBe(before);
    expect(smtp.received).toHaveLength(1);
  });

  it('a retry after a push service failure reaches only the browsers not reached yet', async () => {
    const key = getEnv().ENCRYPTION_KEY!;
    await savePushSubscription(
      test.db,
      owner.staff,
      tenant,
      { ...env, ENCRYPTION_KEY: key },
      push.subscription('tablet'),
    );
    push.answer.set('/push/tablet', 503);
    await escalate('2026-12-07T11:00:00Z');
    await run();
    expect(await pushCount('phone')).toBe(2);
    expect(await pushCount('tablet')).toBe(1);
    const { rows } = await test.pool.query(
      `select status, attempts from jobs where job_type = 'deliver_notification' and status = 'pending' and attempts > 0`,
    );
    expect(rows).toHaveLength(1);
    push.answer.set('/push/tablet', 201);
    await test.pool.query(
      `update jobs set scheduled_for = now() where job_type = 'deliver_notification' and status = 'pending'`,
    );
    await run();
    expect(await pushCount('phone')).toBe(2);
    expect(await pushCount('tablet')).toBe(2);
    expect(smtp.received).toHaveLength(2);
  });
});
