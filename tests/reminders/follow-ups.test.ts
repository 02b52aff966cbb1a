import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentReminderHandler } from '@/src/jobs/handlers/appointment-reminder-handler';
import { leadFollowUpHandler } from '@/src/jobs/handlers/lead-follow-up-handler';
import { runJobs } from '../outbound/outbound-fixture';
import { replyHandlers } from '../support/reply-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  book,
  conversationOf,
  dayFromNow,
  postWhatsAppText,
  remindersOf,
  reminderTenant,
} from './reminder-fixture';

// Issue 15 §3: follow-ups for leads who stopped answering, and the day-after thank-you, through
// the real webhook route, AI job (offline responder), triggers and queue.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

async function settings(tenantId: string, values: Record<string, unknown>) {
  await test.pool.query(
    `insert into reminder_settings (tenant_id, follow_ups_enabled, follow_up_hours, thank_you_enabled, review_url)
     values ($1, $2, $3, $4, $5)`,
    [
      tenantId,
      values.follow_ups_enabled ?? false,
      values.follow_up_hours ?? [24, 72, 168],
      values.thank_you_enabled ?? false,
      values.review_url ?? null,
    ],
  );
}

async function followUps(conversationId: string) {
  const { rows } = await test.pool.query(
    `select f.step, f.status, f.reason, f.due_at, f.anchor_message_id, m.text
     from lead_follow_ups f left join messages m on m.id = f.message_id
     where f.conversation_id = $1 order by f.created_at, f.step`,
    [conversationId],
  );
  return rows;
}

async function pendingFollowUpJobs(tenantId: string) {
  const { rows } = await test.pool.query(
    "select scheduled_for from jobs where tenant_id = $1 and job_type = 'lead_follow_up' and status = 'pending'",
    [tenantId],
  );
  return rows;
}

async function runDueFollowUp(tenantId: string) {
  await test.pool.query(
    "update jobs set scheduled_for = now() where tenant_id = $1 and job_type = 'lead_follow_up' and status = 'pending'",
    [tenantId],
  );
  await runJobs(test, [leadFollowUpHandler]);
}

describe('follow-ups', () => {
  it('follows up 24 h after our unanswered message, and stops when the customer writes', async () => {
    const t = await reminderTenant(test);
    await settings(t.tenantId, { follow_ups_enabled: true });
    await postWhatsAppText(t.slug, 'wamid.F1', 'Hola');
    await runJobs(test, replyHandlers);
    const conversation = await conversationOf(test, t.tenantId, 'whatsapp');
    const [step1] = await followUps(conversation.id);
    const { rows } = await test.pool.query(
      "select id, created_at from messages where conversation_id = $1 and direction = 'outbound'",
      [conversation.id],
    );
    expect(step1).toMatchObject({ step: 1, status: 'scheduled', anchor_message_id: rows[0].id });
    expect(step1.due_at.getTime()).toBe(rows[0].created_at.getTime() + 24 * 3_600_000);
    expect((await pendingFollowUpJobs(t.tenantId))[0].scheduled_for.getTime()).toBe(step1.due_at.getTime());

    await runDueFollowUp(t.tenantId);
    const afterStep1 = await followUps(conversation.id);
    expect(afterStep1[0]).toMatchObject({
      status: 'sent',
      text: expect.stringMatching(/^Hola Ana, ¿pudiste ver/),
    });
    expect(afterStep1[1]).toMatchObject({ step: 2, status: 'scheduled' });
    expect(afterStep1[1].due_at.getTime()).toBe(rows[0].created_at.getTime() + 72 * 3_600_000);

    await postWhatsAppText(t.slug, 'wamid.F2', 'Hola otra vez');
    const afterReply = await followUps(conversation.id);
    expect(afterReply[1]).toMatchObject({ step: 2, status: 'stopped', reason: 'replied' });
    // The AI hands "Hola otra vez" to a person: its notice starts no chain (the customer waits
    // for us); the staff member's answer does, from itself.
    await runJobs(test, replyHandlers);
    expect((await followUps(conversation.id)).filter((f) => f.status === 'scheduled')).toEqual([]);
    const member = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: t.slug,
      p_email: `agent@${t.slug}.example`,
      p_role: 'agent',
    });
    const staffReply = await test.db.rpc('send_human_reply', {
      p_tenant_id: t.tenantId,
      p_conversation_id: conversation.id,
      p_user_id: member.user_id,
      p_text: 'Claro, ¿qué día te queda bien?',
    });
    const chains = await followUps(conversation.id);
    expect(chains.filter((f) => f.status === 'scheduled')).toEqual([
      expect.objectContaining({ step: 1, anchor_message_id: staffReply.id }),
    ]);
    expect(await pendingFollowUpJobs(t.tenantId)).toHaveLength(1);
  });

  it('an opt-out ("No gracias", any case or accent) stops the chain and keeps the lead out of new ones', async () => {
    const t = await reminderTenant(test);
    await settings(t.tenantId, { follow_ups_enabled: true });
    await postWhatsAppText(t.slug, 'wamid.O1', 'Hola, ¿precios?');
    await runJobs(test, replyHandlers);
    const conversation = await conversationOf(test, t.tenantId, 'whatsapp');
    await postWhatsAppText(t.slug, 'wamid.O2', 'NO GRACIAS.');
    await runJobs(test, replyHandlers);
    const rows = await followUps(conversation.id);
    expect(rows.map((f) => [f.step, f.status, f.reason])).toEqual([[1, 'stopped', 'replied']]);
    expect(await pendingFollowUpJobs(t.tenantId)).toEqual([]);
    const { rows: optOuts } = await test.pool.query(
      'select 1 from follow_up_opt_outs where conversation_id = $1',
      [conversation.id],
    );
    expect(optOuts).toHaveLength(1);
  });

  it('after the last step the lead is COLD, with a score event that says why', async () => {
    const t = await reminderTenant(test);
    await settings(t.tenantId, { follow_ups_enabled: true, follow_up_hours: [1, 2] });
    await postWhatsAppText(t.slug, 'wamid.C1', 'Hola');
    await runJobs(test, replyHandlers);
    const conversation = await conversationOf(test, t.tenantId, 'whatsapp');
    await runDueFollowUp(t.tenantId);
    await runDueFollowUp(t.tenantId);
    const rows = await followUps(conversation.id);
    expect(rows.map((f) => [f.step, f.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
    ]);
    expect(rows[1].text).toMatch(/por última vez/);
    const { rows: lead } = await test.pool.query('select score, classification from leads where id = $1', [
      conversation.lead_id,
    ]);
    expect(lead[0]).toEqual({ score: 39, classification: 'cold' });
    const { rows: events } = await test.pool.query(
      'select classification_after, reason from lead_score_events where lead_id = $1 order by created_at desc limit 1',
      [conversation.lead_id],
    );
    expect(events[0]).toEqual({ classification_after: 'cold', reason: 'Sin respuesta tras 2 seguimientos' });
    expect(await pendingFollowUpJobs(t.tenantId)).toEqual([]);
  });

  it('outside the window without an approved seguimiento template: not sent, reason kept, chain goes on', async () => {
    const t = await reminderTenant(test);
    await settings(t.tenantId, { follow_ups_enabled: true });
    await postWhatsAppText(t.slug, 'wamid.W1', 'Hola');
    await runJobs(test, replyHandlers);
    const conversation = await conversationOf(test, t.tenantId, 'whatsapp');
    await test.pool.query(
      "update conversations set last_inbound_at = now() - interval '25 hours' where id = $1",
      [conversation.id],
    );
    await test.pool.query(
      "update messages set created_at = now() - interval '25 hours' where conversation_id = $1",
      [conversation.id],
    );
    await runDueFollowUp(t.tenantId);
    const rows = await followUps(conversation.id);
    expect(rows[0]).toMatchObject({ step: 1, status: 'not_sent', reason: 'outside_window_no_template' });
    expect(rows[1]).toMatchObject({ step: 2, status: 'scheduled' });
  });

  it('does nothing while follow-ups are off (the default)', async () => {
    const t = await reminderTenant(test);
    await postWhatsAppText(t.slug, 'wamid.N1', 'Hola');
    await runJobs(test, replyHandlers);
    const conversation = await conversationOf(test, t.tenantId, 'whatsapp');
    expect(await followUps(conversation.id)).toEqual([]);
  });
});

describe('thank-you', () => {
  it('the day after a completed appointment, with the review link, when switched on', async () => {
    const t = await reminderTenant(test);
    await settings(t.tenantId, { thank_you_enabled: true, review_url: 'https://g.page/r/clinica/review' });
    await postWhatsAppText(t.slug, 'wamid.T1', 'Hola');
    await runJobs(test, replyHandlers);
    const conversation = await conversationOf(test, t.tenantId, 'whatsapp');
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(1)}T10:00`);
    await test.pool.query("select internal.sched_set_status($1, null, $2, 'completed', 'staff', null)", [
      t.tenantId,
      appointment.id,
    ]);
    const thanks = (await remindersOf(test, appointment.id)).find((r) => r.kind === 'thank_you')!;
    // 10:00 in Mexico City (UTC-6) the day after the appointment.
    expect(thanks.due_at.toISOString()).toBe(`${dayFromNow(2)}T16:00:00.000Z`);
    const reminders = (await remindersOf(test, appointment.id)).filter((r) => r.kind === 'reminder');
    expect(reminders.every((r) => r.status === 'withdrawn' && r.reason === 'completed')).toBe(true);
    await test.pool.query('update jobs set scheduled_for = now() where dedupe_key = $1', [
      `appointment_reminder:${thanks.id}`,
    ]);
    await runJobs(test, [appointmentReminderHandler]);
    const { rows } = await test.pool.query(
      "select text from messages where conversation_id = $1 and sender = 'system'",
      [conversation.id],
    );
    expect(rows.map((r) => r.text)).toEqual([
      '¡Gracias por tu visita a Centro, Ana! Si tienes un momento, tu opinión nos ayuda mucho: https://g.page/r/clinica/review',
    ]);
  });

  it('is withdrawn when staff correct the visit to missed', async () => {
    const t = await reminderTenant(test);
    await settings(t.tenantId, { thank_you_enabled: true });
    await postWhatsAppText(t.slug, 'wamid.T2', 'Hola');
    await runJobs(test, replyHandlers);
    const conversation = await conversationOf(test, t.tenantId, 'whatsapp');
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(1)}T11:00`);
    await test.pool.query("select internal.sched_set_status($1, null, $2, 'completed', 'staff', null)", [
      t.tenantId,
      appointment.id,
    ]);
    await test.pool.query("select internal.sched_set_status($1, null, $2, 'no_show', 'staff', null)", [
      t.tenantId,
      appointment.id,
    ]);
    const thanks = (await remindersOf(test, appointment.id)).find((r) => r.kind === 'thank_you')!;
    expect(thanks).toMatchObject({ status: 'withdrawn', reason: 'no_show', job_at: null });
  });
});
