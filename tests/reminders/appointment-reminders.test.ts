import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentReminderHandler } from '@/src/jobs/handlers/appointment-reminder-handler';
import { runJobs } from '../outbound/outbound-fixture';
import { replyHandlers } from '../support/reply-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  book,
  conversationOf,
  dayFromNow,
  makeReminderDue,
  postMessenger,
  postTikTok,
  postWhatsAppButton,
  postWhatsAppTemplateButton,
  postWhatsAppText,
  type ReminderTenant,
  remindersOf,
  reminderTenant,
} from './reminder-fixture';

// Issue 15 §3: appointment reminders, through the real trigger, job queue, webhook route and
// sandbox sends. The queue's clock is the database's; a reminder's job is made due by hand.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

async function drain(handlers = replyHandlers) {
  await runJobs(test, handlers, 20);
}

async function systemMessages(conversationId: string) {
  const { rows } = await test.pool.query(
    `select id, text, content, delivery_status from messages
     where conversation_id = $1 and direction = 'outbound' and sender = 'system' order by created_at`,
    [conversationId],
  );
  return rows as {
    id: string;
    text: string;
    content: Record<string, unknown> | null;
    delivery_status: string;
  }[];
}

async function pendingJobs(tenantId: string, jobType: string) {
  const { rows } = await test.pool.query(
    "select id, payload from jobs where tenant_id = $1 and job_type = $2 and status = 'pending'",
    [tenantId, jobType],
  );
  return rows;
}

async function appointmentEvents(appointmentId: string) {
  const { rows } = await test.pool.query(
    'select action, source from appointment_events where appointment_id = $1 order by id',
    [appointmentId],
  );
  return rows.map((row) => row.action as string);
}

async function customerOnWhatsApp(t: ReminderTenant) {
  await postWhatsAppText(t.slug, `wamid.HELLO.${t.slug}`, 'Hola, quiero una cita');
  await drain();
  return conversationOf(test, t.tenantId, 'whatsapp');
}

describe('scheduling', () => {
  it('queues reminders 24 h and 2 h before; a move reschedules them and a cancel withdraws them', async () => {
    const t = await reminderTenant(test);
    const conversation = await customerOnWhatsApp(t);
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(3)}T10:00`);
    const start = new Date(appointment.starts_at).getTime();

    const first = await remindersOf(test, appointment.id);
    expect(first.map((r) => [r.kind, r.offset_minutes, r.status])).toEqual([
      ['reminder', 1440, 'scheduled'],
      ['reminder', 120, 'scheduled'],
    ]);
    expect(first.map((r) => r.due_at.getTime())).toEqual([start - 86_400_000, start - 7_200_000]);
    expect(first.map((r) => r.job_at.getTime())).toEqual([start - 86_400_000, start - 7_200_000]);

    const moved = await test.db.rpc('appointment_reschedule_for_lead', {
      p_tenant_id: t.tenantId,
      p_lead_id: conversation.lead_id,
      p_appointment_id: appointment.id,
      p_change: { local_start: `${dayFromNow(4)}T12:00` },
    });
    expect(moved.outcome).toBe('rescheduled');
    const newStart = new Date(`${dayFromNow(4)}T18:00:00Z`).getTime(); // 12:00 in Mexico City
    const afterMove = await remindersOf(test, appointment.id);
    expect(afterMove.filter((r) => r.status === 'withdrawn').map((r) => r.reason)).toEqual([
      'moved',
      'moved',
    ]);
    const live = afterMove.filter((r) => r.status === 'scheduled');
    expect(live.map((r) => r.job_at.getTime())).toEqual([newStart - 86_400_000, newStart - 7_200_000]);
    expect(await pendingJobs(t.tenantId, 'appointment_reminder')).toHaveLength(2);

    await test.db.rpc('appointment_cancel_for_lead', {
      p_tenant_id: t.tenantId,
      p_lead_id: conversation.lead_id,
      p_appointment_id: appointment.id,
    });
    expect((await remindersOf(test, appointment.id)).map((r) => r.status)).toEqual([
      'withdrawn',
      'withdrawn',
      'withdrawn',
      'withdrawn',
    ]);
    expect(await pendingJobs(t.tenantId, 'appointment_reminder')).toEqual([]);
  });

  it('Tijuana across the spring change: reminders are whole hours before, the text keeps local time', async () => {
    const t = await reminderTenant(test);
    await test.pool.query("update branches set timezone = 'America/Tijuana' where tenant_id = $1", [
      t.tenantId,
    ]);
    const conversation = await customerOnWhatsApp(t);
    // Clocks go from 02:00 PST to 03:00 PDT on Sunday 14 March 2027.
    const appointment = await book(test, t, conversation.lead_id, '2027-03-14T07:30');
    expect(new Date(appointment.starts_at).toISOString()).toBe('2027-03-14T14:30:00.000Z'); // PDT, UTC-7
    const [dayBefore, twoHours] = await remindersOf(test, appointment.id);
    // 24 h before is 06:30 on Saturday's clock (PST), not 07:30: the reminder counts real hours.
    expect(dayBefore.due_at.toISOString()).toBe('2027-03-13T14:30:00.000Z');
    expect(twoHours.due_at.toISOString()).toBe('2027-03-14T12:30:00.000Z');
    await makeReminderDue(test, dayBefore.id);
    await drain();
    const [reminder] = await systemMessages(conversation.id);
    expect(reminder!.text).toContain('el domingo 14 de marzo a las 07:30');
  });

  it('skips an offset already past when the appointment is booked', async () => {
    const t = await reminderTenant(test);
    const conversation = await customerOnWhatsApp(t);
    const soon = new Date(Date.now() + 5 * 3_600_000);
    soon.setUTCMinutes(soon.getUTCMinutes() < 30 ? 30 : 60, 0, 0);
    const booked = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: t.tenantId,
      p_lead_id: conversation.lead_id,
      p_booking: { service_id: t.serviceId, starts_at: soon.toISOString() },
    });
    if (booked.outcome !== 'booked') return; // outside the branch's hours at this time of day
    expect((await remindersOf(test, booked.appointment.id)).map((r) => r.offset_minutes)).toEqual([120]);
  });
});

describe('sending', () => {
  it('sends a WhatsApp reminder in the window with Confirmar / Cambiar / Cancelar; a tap confirms once, without the AI', async () => {
    const t = await reminderTenant(test);
    const conversation = await customerOnWhatsApp(t);
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(2)}T10:00`);
    const [dayBefore] = await remindersOf(test, appointment.id);
    await makeReminderDue(test, dayBefore.id);
    await drain();

    const [reminder] = await systemMessages(conversation.id);
    expect(reminder!.text).toMatch(
      /^Hola Ana, te recordamos tu cita de Limpieza el .+ a las 10:00 en Centro \(Av\. Juárez 10\)\./,
    );
    // The stored text numbers the options (thread, AI history); the words alone go above the taps.
    const words = reminder!.text.split('\n\n1. ')[0];
    expect(reminder!.text).toBe(`${words}\n\n1. Confirmar\n2. Cambiar\n3. Cancelar`);
    expect(reminder!.content).toEqual({
      kind: 'choices',
      style: 'buttons',
      body: words,
      choices: [
        { id: `appt:${appointment.id}:confirm`, title: 'Confirmar' },
        { id: `appt:${appointment.id}:change`, title: 'Cambiar' },
        { id: `appt:${appointment.id}:cancel`, title: 'Cancelar' },
      ],
    });
    expect(reminder!.delivery_status).toBe('sent'); // the sandbox outbox took it
    // ... as WhatsApp interactive reply buttons.
    const sent = await test.pool.query('select request from outbox_messages where message_id = $1', [
      reminder!.id,
    ]);
    expect(sent.rows[0].request.body).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: words },
        action: {
          buttons: [
            { type: 'reply', reply: { id: `appt:${appointment.id}:confirm`, title: 'Confirmar' } },
            { type: 'reply', reply: { id: `appt:${appointment.id}:change`, title: 'Cambiar' } },
            { type: 'reply', reply: { id: `appt:${appointment.id}:cancel`, title: 'Cancelar' } },
          ],
        },
      },
    });
    expect((await remindersOf(test, appointment.id))[0]).toMatchObject({
      status: 'sent',
      message_id: reminder!.id,
    });

    // The same tap delivered twice, then tapped again: one change, one answer, no AI job.
    const confirm = `appt:${appointment.id}:confirm`;
    await postWhatsAppButton(t.slug, 'wamid.TAP1', confirm, 'Confirmar');
    await postWhatsAppButton(t.slug, 'wamid.TAP1', confirm, 'Confirmar');
    await postWhatsAppButton(t.slug, 'wamid.TAP2', confirm, 'Confirmar');
    expect(await pendingJobs(t.tenantId, 'ai_response')).toEqual([]);
    await drain();
    expect(await appointmentEvents(appointment.id)).toEqual(['created', 'confirmed']);
    const answers = (await systemMessages(conversation.id)).slice(1);
    expect(answers.map((m) => m.text)).toEqual([
      expect.stringMatching(/^¡Gracias! Tu cita del .+ a las 10:00 quedó confirmada\./),
    ]);
    const { rows } = await test.pool.query(
      "select count(*)::int as n from messages where conversation_id = $1 and sender = 'ai'",
      [conversation.id],
    );
    expect(rows[0].n).toBe(1); // only the answer to "Hola, quiero una cita"

    // Running the same reminder's job again (a retry) sends nothing more.
    await test.pool.query(
      "insert into jobs (tenant_id, job_type, payload) values ($1, 'appointment_reminder', $2)",
      [t.tenantId, { reminder_id: dayBefore.id }],
    );
    await drain([appointmentReminderHandler]);
    expect(
      (await systemMessages(conversation.id)).filter((m) => m.text.includes('te recordamos')),
    ).toHaveLength(1);
  });

  it('a Messenger quick reply cancels once, answers once and withdraws the other reminder', async () => {
    const t = await reminderTenant(test);
    await postMessenger(t.slug, 'm_HELLO1', 'Hola');
    await drain();
    const conversation = await conversationOf(test, t.tenantId, 'facebook');
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(2)}T11:00`);
    const [dayBefore, twoHours] = await remindersOf(test, appointment.id);
    await makeReminderDue(test, dayBefore.id);
    await drain();
    expect((await systemMessages(conversation.id))[0]!.content).toMatchObject({ kind: 'choices' });

    const cancel = `appt:${appointment.id}:cancel`;
    await postMessenger(t.slug, 'm_TAP1', 'Cancelar', cancel);
    await postMessenger(t.slug, 'm_TAP1', 'Cancelar', cancel);
    expect(await pendingJobs(t.tenantId, 'ai_response')).toEqual([]);
    await drain();
    expect(await appointmentEvents(appointment.id)).toEqual(['created', 'cancelled']);
    expect((await systemMessages(conversation.id)).slice(1).map((m) => m.text)).toEqual([
      expect.stringMatching(/^Listo, cancelamos tu cita del .+ a las 11:00\./),
    ]);
    const after = await remindersOf(test, appointment.id);
    expect(after.find((r) => r.id === twoHours.id)).toMatchObject({
      status: 'withdrawn',
      reason: 'cancelled',
    });
    expect(await pendingJobs(t.tenantId, 'appointment_reminder')).toEqual([]);
  });

  it("a tap on another customer's appointment changes nothing and is answered by the AI", async () => {
    const t = await reminderTenant(test);
    const conversation = await customerOnWhatsApp(t);
    const { rows } = await test.pool.query(
      "insert into leads (tenant_id, name, origin_channel) values ($1, 'Otra', 'whatsapp') returning id",
      [t.tenantId],
    );
    const other = await book(test, t, rows[0].id, `${dayFromNow(2)}T12:00`);
    await postWhatsAppButton(t.slug, 'wamid.FOREIGN', `appt:${other.id}:cancel`, 'Cancelar');
    expect(await appointmentEvents(other.id)).toEqual(['created']);
    expect(await pendingJobs(t.tenantId, 'ai_response')).toHaveLength(1);
    expect(await systemMessages(conversation.id)).toEqual([]);
  });

  it('answers "3" to the numbered TikTok reminder as Cancelar', async () => {
    const t = await reminderTenant(test);
    await postTikTok(t.slug, '7401000000000000101', 'Hola');
    await drain();
    const conversation = await conversationOf(test, t.tenantId, 'tiktok');
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(2)}T13:00`);
    const [dayBefore] = await remindersOf(test, appointment.id);
    await makeReminderDue(test, dayBefore.id);
    await drain();
    await postTikTok(t.slug, '7401000000000000102', '3');
    expect(await appointmentEvents(appointment.id)).toEqual(['created', 'cancelled']);
    expect(await pendingJobs(t.tenantId, 'ai_response')).toEqual([]);
  });
});

describe('never for a cancelled appointment', () => {
  it('deletes a reminder queued but not yet sent when the appointment is cancelled', async () => {
    const t = await reminderTenant(test);
    const conversation = await customerOnWhatsApp(t);
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(2)}T14:00`);
    const [dayBefore] = await remindersOf(test, appointment.id);
    await makeReminderDue(test, dayBefore.id);
    await drain([appointmentReminderHandler]); // recorded and queued; its send job not run yet
    const [queued] = await systemMessages(conversation.id);
    expect(queued!.delivery_status).toBe('queued');

    await test.db.rpc('appointment_cancel_for_lead', {
      p_tenant_id: t.tenantId,
      p_lead_id: conversation.lead_id,
      p_appointment_id: appointment.id,
    });
    await drain();
    expect(await systemMessages(conversation.id)).toEqual([]);
    const { rows } = await test.pool.query(
      'select count(*)::int as n from outbox_messages where tenant_id = $1',
      [t.tenantId],
    );
    expect(rows[0].n).toBe(1); // the AI's answer to "Hola", nothing else
    expect((await remindersOf(test, appointment.id))[0]).toMatchObject({
      status: 'withdrawn',
      reason: 'cancelled',
    });
  });

  it('records nothing when the appointment was cancelled between the facts and the record', async () => {
    const t = await reminderTenant(test);
    const conversation = await customerOnWhatsApp(t);
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(2)}T15:00`);
    const [dayBefore] = await remindersOf(test, appointment.id);
    // A job claimed before the cancel (its row was taken by the worker): the record re-checks.
    const { rows } = await test.pool.query(
      `update jobs set status = 'processing', attempts = 1, locked_by = 'w', locked_until = now() + interval '1 minute'
       where dedupe_key = $1 returning id`,
      [`appointment_reminder:${dayBefore.id}`],
    );
    await test.pool.query("update appointments set status = 'cancelled' where id = $1", [appointment.id]);
    await test.pool.query("update appointment_reminders set status = 'scheduled' where id = $1", [
      dayBefore.id,
    ]);
    const recorded = await test.db.rpc('appointment_reminder_record', {
      p_job_id: rows[0].id,
      p_locked_by: 'w',
      p_attempts: 1,
      p_reminder_id: dayBefore.id,
      p_outcome: { send: { conversation_id: conversation.id, text: 'Recordatorio', content: null } },
    });
    expect(recorded).toEqual({ outcome: 'skipped', reason: 'appointment_changed' });
    expect(await systemMessages(conversation.id)).toEqual([]);
  });
});

describe('outside the window', () => {
  it('WhatsApp without an approved recordatorio_cita: not sent, and the reason is kept', async () => {
    const t = await reminderTenant(test);
    const conversation = await customerOnWhatsApp(t);
    await test.pool.query(
      "update conversations set last_inbound_at = now() - interval '2 days' where id = $1",
      [conversation.id],
    );
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(3)}T10:00`);
    const [dayBefore, twoHours] = await remindersOf(test, appointment.id);
    await makeReminderDue(test, dayBefore.id);
    await drain();
    expect((await remindersOf(test, appointment.id))[0]).toMatchObject({
      status: 'not_sent',
      reason: 'outside_window_no_template',
      message_id: null,
    });
    expect(await systemMessages(conversation.id)).toEqual([]);

    // With the template approved, the next reminder goes as the template, buttons carrying our ids.
    await test.pool.query(
      `insert into whatsapp_templates (tenant_id, waba_id, name, language, category, status, parameter_format, components)
       values ($1, '102290129340398', 'recordatorio_cita', 'es_MX', 'utility', 'approved', 'named', $2)`,
      [
        t.tenantId,
        JSON.stringify([
          {
            type: 'BODY',
            text: 'Hola {{name}}, te recordamos tu cita el {{date}} a las {{time}} en {{branch}}.',
          },
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'QUICK_REPLY', text: 'Confirmar' },
              { type: 'QUICK_REPLY', text: 'Cambiar' },
              { type: 'QUICK_REPLY', text: 'Cancelar' },
            ],
          },
        ]),
      ],
    );
    await makeReminderDue(test, twoHours.id);
    await drain([appointmentReminderHandler]);
    const [templated] = await systemMessages(conversation.id);
    expect(templated!.text).toMatch(/^Hola Ana, te recordamos tu cita el .+ a las 10:00 en Centro\.$/);
    const content = templated!.content as {
      kind: string;
      name: string;
      language: string;
      components: unknown[];
    };
    expect(content).toMatchObject({ kind: 'template', name: 'recordatorio_cita', language: 'es_MX' });
    expect(content.components[0]).toMatchObject({
      type: 'body',
      parameters: [
        { type: 'text', parameter_name: 'name', text: 'Ana' },
        { type: 'text', parameter_name: 'date', text: expect.any(String) },
        { type: 'text', parameter_name: 'time', text: '10:00' },
        { type: 'text', parameter_name: 'branch', text: 'Centro' },
      ],
    });
    expect(content.components.slice(1)).toEqual(
      ['confirm', 'change', 'cancel'].map((action, index) => ({
        type: 'button',
        sub_type: 'quick_reply',
        index: String(index),
        parameters: [{ type: 'payload', payload: `appt:${appointment.id}:${action}` }],
      })),
    );

    // The template's quick-reply tap arrives as type "button" with our payload.
    await postWhatsAppTemplateButton(t.slug, 'wamid.TPLTAP', `appt:${appointment.id}:confirm`, 'Confirmar');
    expect(await appointmentEvents(appointment.id)).toEqual(['created', 'confirmed']);
  });

  it('Messenger outside the window: not sent (no message tag may carry it)', async () => {
    const t = await reminderTenant(test);
    await postMessenger(t.slug, 'm_HELLO2', 'Hola');
    await drain();
    const conversation = await conversationOf(test, t.tenantId, 'facebook');
    await test.pool.query(
      "update conversations set last_inbound_at = now() - interval '30 hours' where id = $1",
      [conversation.id],
    );
    const appointment = await book(test, t, conversation.lead_id, `${dayFromNow(3)}T10:00`);
    const [dayBefore] = await remindersOf(test, appointment.id);
    await makeReminderDue(test, dayBefore.id);
    await drain();
    expect((await remindersOf(test, appointment.id))[0]).toMatchObject({
      status: 'not_sent',
      reason: 'outside_window',
    });
  });
});
