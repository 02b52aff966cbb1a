import type { TestDatabase } from '../support/test-database';
import { fixtureJson } from '../webhooks/support/fixtures';
import { freshWebhookTenant } from '../webhooks/support/fresh-tenant';
import { postSigned } from '../webhooks/support/post-webhook';

// A webhook tenant (four sandbox connections with the fixture accounts) that also has a branch
// open every day, a 30-minute service and one dentist; customers write through the real
// webhook route, with the platforms' documented payloads (tests/fixtures) stamped "now".

export type ReminderTenant = { slug: string; tenantId: string; serviceId: string };

export async function reminderTenant(test: TestDatabase, options: { aiEnabled?: boolean } = {}) {
  const { slug, tenantId } = await freshWebhookTenant(test, options);
  const hours = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['07:00', '21:00']]]),
  );
  await test.db.rpc('admin_save_branch', {
    p_tenant_slug: slug,
    p_fields: {
      name: 'Centro',
      timezone: 'America/Mexico_City',
      weekly_hours: hours,
      address: 'Av. Juárez 10',
    },
  });
  const service = await test.db.rpc('admin_save_service', {
    p_tenant_slug: slug,
    p_fields: { name: 'Limpieza', duration_minutes: 30 },
  });
  await test.db.rpc('admin_save_resource', {
    p_tenant_slug: slug,
    p_fields: { branch: 'Centro', name: 'Dra. Ruiz', services: ['Limpieza'] },
  });
  return { slug, tenantId, serviceId: service.id } satisfies ReminderTenant;
}

/** "YYYY-MM-DD" `days` from today (UTC date; the branch is open all day long enough). */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function book(test: TestDatabase, t: ReminderTenant, leadId: string, localStart: string) {
  const booked = await test.db.rpc('appointment_book_for_lead', {
    p_tenant_id: t.tenantId,
    p_lead_id: leadId,
    p_booking: { service_id: t.serviceId, local_start: localStart },
  });
  if (booked.outcome !== 'booked') throw new Error(`not booked: ${booked.outcome}`);
  return booked.appointment;
}

const phone = '5215587654321';

type WhatsAppBody = {
  entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }>;
};

function whatsapp(fixture: string, id: string, edit: (message: Record<string, unknown>) => void): string {
  const body = fixtureJson<WhatsAppBody>('whatsapp', fixture);
  const message = body.entry[0]!.changes[0]!.value.messages[0]!;
  Object.assign(message, { id, from: phone, timestamp: String(Math.floor(Date.now() / 1000)) });
  edit(message);
  return JSON.stringify(body);
}

export function postWhatsAppText(slug: string, id: string, text: string) {
  return postSigned(
    'whatsapp',
    slug,
    whatsapp('text', id, (m) => Object.assign(m, { text: { body: text } })),
  );
}

export function postWhatsAppButton(slug: string, id: string, choiceId: string, title: string) {
  return postSigned(
    'whatsapp',
    slug,
    whatsapp('interactive-button-reply', id, (m) =>
      Object.assign(m, { interactive: { type: 'button_reply', button_reply: { id: choiceId, title } } }),
    ),
  );
}

export function postWhatsAppTemplateButton(slug: string, id: string, payload: string, text: string) {
  return postSigned(
    'whatsapp',
    slug,
    whatsapp('button-template', id, (m) => Object.assign(m, { button: { payload, text } })),
  );
}

type MessengerBody = { entry: Array<{ messaging: Array<Record<string, unknown>> }> };

export function postMessenger(slug: string, mid: string, text: string, quickReplyPayload?: string) {
  const body = fixtureJson<MessengerBody>('facebook', 'quick-reply');
  const item = body.entry[0]!.messaging[0]!;
  item.timestamp = Date.now();
  item.message = { mid, text, ...(quickReplyPayload ? { quick_reply: { payload: quickReplyPayload } } : {}) };
  return postSigned('facebook', slug, JSON.stringify(body));
}

export function postTikTok(slug: string, messageId: string, text: string) {
  const body = fixtureJson<{ create_time: number; content: string }>('tiktok', 'receive-text');
  const content = JSON.parse(body.content) as Record<string, unknown>;
  Object.assign(content, { message_id: messageId, timestamp: Date.now(), text: { body: text } });
  body.create_time = Math.floor(Date.now() / 1000);
  body.content = JSON.stringify(content);
  return postSigned('tiktok', slug, JSON.stringify(body));
}

export async function conversationOf(test: TestDatabase, tenantId: string, channel: string) {
  const { rows } = await test.pool.query(
    'select id, lead_id from conversations where tenant_id = $1 and channel = $2',
    [tenantId, channel],
  );
  return rows[0] as { id: string; lead_id: string };
}

export async function remindersOf(test: TestDatabase, appointmentId: string) {
  const { rows } = await test.pool.query(
    `select r.id, r.kind, r.offset_minutes, r.starts_at, r.due_at, r.status, r.reason, r.message_id,
       (select j.scheduled_for from jobs j where j.dedupe_key = 'appointment_reminder:' || r.id
          and j.status = 'pending') as job_at
     from appointment_reminders r where r.appointment_id = $1 order by r.created_at, r.offset_minutes desc`,
    [appointmentId],
  );
  return rows;
}

/** Makes the given reminder's pending job due now (the clock of the queue is the database's). */
export async function makeReminderDue(test: TestDatabase, reminderId: string) {
  await test.pool.query(
    "update jobs set scheduled_for = now() where status = 'pending' and dedupe_key = $1",
    [`appointment_reminder:${reminderId}`],
  );
}
