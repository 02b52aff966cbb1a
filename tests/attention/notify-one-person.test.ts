import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '@/src/dashboard/teamwork/add-note';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, parseEnv } from '@/src/env';
import { createDeliverNotificationHandler } from '@/src/jobs/handlers/deliver-notification-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { seedInbox } from '../dashboard/seed-inbox';
import { startFakeSmtpServer } from '../support/fake-smtp-server';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Notices meant for one person: an @mention in an internal note emails the person named, once, in
// plain Spanish and without the note's words (the author naming themselves gets nothing); an
// escalation of an assigned conversation emails the assignee only.

let test: TestDatabase;
let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
let env: AppEnv;

async function run(): Promise<void> {
  await processJobs({
    db: test.db,
    env,
    handlers: [createDeliverNotificationHandler({})],
    maxJobs: 50,
    budgetMs: 20_000,
  });
}

beforeAll(async () => {
  test = await createTestDatabase();
  smtp = await startFakeSmtpServer();
  env = parseEnv({
    ...process.env,
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Bandeja <avisos@example.com>',
    APP_BASE_URL: 'https://panel.example.com',
  });
});
afterAll(async () => {
  await smtp?.close();
  await test?.drop();
});

describe('a mention in an internal note', () => {
  it('emails only the person mentioned, once, without the note', async () => {
    const owner = await createTenantWithStaff(test, 'menciones');
    const tenant = await resolveTenant(test.db, owner.staff, 'menciones');
    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'menciones',
      p_email: 'agente@menciones.example',
      p_role: 'agent',
    });
    await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'menciones',
      p_email: 'otra@menciones.example',
      p_role: 'agent',
    });
    const seeded = await seedInbox(test, owner.tenantId, { name: 'Rosa', text: 'Hola' });

    await addNote(test.db, owner.staff, tenant, {
      conversationId: seeded.conversationId,
      body: 'Revisar el presupuesto secreto',
      mentions: `${agent.user_id},${owner.userId}`,
    });
    await run();
    await run();

    expect(smtp.received.map((email) => email.to)).toEqual([['agente@menciones.example']]);
    const email = smtp.received[0]!;
    expect(email.subject).toBe('[Tenant menciones] Te mencionaron en una nota');
    expect(email.text).toContain(`https://panel.example.com/t/menciones/inbox/${seeded.conversationId}`);
    expect(email.raw).not.toContain('presupuesto');

    // The in-dashboard notice names the mention to the agent only.
    const forAgent = await test.db.rpc(
      'dashboard_attention',
      { p_tenant_id: owner.tenantId },
      { as: staffIdentity(agent.user_id) },
    );
    expect(forAgent.latest_event?.kind).toBe('mention');
    const forOwner = await test.db.rpc(
      'dashboard_attention',
      { p_tenant_id: owner.tenantId },
      { as: owner.staff },
    );
    expect(forOwner.latest_event?.kind).not.toBe('mention');
    // The author named themselves too: no delivery of any kind for them, one event in all.
    const events = await test.pool.query(
      `select e.event_key, count(d.id)::int as deliveries, count(d.id) filter (where d.user_id = $2)::int as to_owner
       from attention_events e left join notification_deliveries d on d.event_id = e.id
       where e.tenant_id = $1 and e.kind = 'mention' group by e.event_key`,
      [owner.tenantId, owner.userId],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ deliveries: 1, to_owner: 0 });
  });
});

describe('an escalation of an assigned conversation', () => {
  it('emails the assignee, not the whole team', async () => {
    const owner = await createTenantWithStaff(test, 'asignada');
    const tenant = await resolveTenant(test.db, owner.staff, 'asignada');
    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'asignada',
      p_email: 'agente@asignada.example',
      p_role: 'agent',
    });
    const seeded = await seedInbox(test, owner.tenantId, { name: 'Luis', text: 'Hola' });
    await test.db.rpc(
      'dashboard_assign_conversation',
      { p_tenant_id: tenant.id, p_conversation_id: seeded.conversationId, p_assignee: agent.user_id },
      { as: owner.staff },
    );
    const before = smtp.received.length;
    await test.db.rpc(
      'dashboard_escalate_conversation',
      { p_tenant_id: tenant.id, p_conversation_id: seeded.conversationId, p_reason: 'Pide factura' },
      { as: owner.staff },
    );
    await run();
    expect(smtp.received.slice(before).map((email) => email.to)).toEqual([['agente@asignada.example']]);
  });
});
