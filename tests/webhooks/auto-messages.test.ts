import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AutoMessages, saveAutoMessages } from '@/src/dashboard/ai/auto-messages';
import { saveAiSection } from '@/src/dashboard/ai/save-ai-section';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { createAutoAwayHandler } from '@/src/jobs/handlers/auto-away-handler';
import { runJobs } from '../outbound/outbound-fixture';
import { replyHandlers } from '../support/reply-handlers';
import { staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postSigned } from './support/post-webhook';

// Issue 18 §2: greeting and away messages, through the real webhook route and job queue.
// The clock of the away job is given (a Sunday 21:12 in the tenant's zone); the customer's
// message carries the same moment as its platform timestamp.

type TextBody = {
  entry: Array<{
    changes: Array<{
      value: {
        contacts: Array<{ wa_id: string }>;
        messages: Array<{ from: string; id: string; timestamp: string; text: { body: string } }>;
      };
    }>;
  }>;
};

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

function customerMessage(id: string, text: string, at: Date, from = '5215587654321'): string {
  const body = fixtureJson<TextBody>('whatsapp', 'text');
  const value = body.entry[0]!.changes[0]!.value;
  value.contacts[0]!.wa_id = from;
  const message = value.messages[0]!;
  Object.assign(message, { id, from, timestamp: String(Math.floor(at.getTime() / 1000)) });
  message.text.body = text;
  return JSON.stringify(body);
}

/** The latest Sunday 21:12 in America/Mexico_City (UTC-6 all year) that is not in the future. */
function lastSundayEvening(): Date {
  const now = new Date();
  for (let back = 0; back < 8; back++) {
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - back, 3, 12));
    if (day.getUTCDay() === 1 && day <= now) return day;
  }
  throw new Error('no Sunday in the last week');
}

async function owner(slug: string): Promise<{ staff: StaffIdentity; tenant: TenantContext }> {
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: slug,
    p_email: `owner@${slug}.example`,
    p_role: 'owner',
  });
  const staff = staffIdentity(member.user_id, `owner@${slug}.example`);
  return { staff, tenant: await resolveTenant(test.db, staff, slug) };
}

async function systemMessages(tenantId: string) {
  const { rows } = await test.pool.query(
    `select m.text, m.conversation_id, s.kind, s.period_key from messages m
     join auto_message_sends s on s.message_id = m.id
     where m.tenant_id = $1 and m.sender = 'system' and m.direction = 'outbound' order by m.created_at`,
    [tenantId],
  );
  return rows as { text: string; conversation_id: string; kind: string; period_key: string }[];
}

async function settings(slug: string, form: Record<string, string>): Promise<AutoMessages> {
  const { staff, tenant } = await owner(slug);
  await saveAiSection(test.db, staff, tenant, 'hours', {
    'hours.timezone': 'America/Mexico_City',
    ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [`hours.${day}`, '09:00-18:00'])),
  });
  return saveAutoMessages(test.db, staff, tenant, form);
}

describe('greeting', () => {
  it('greets the first message of a conversation once, before the AI reply, which still comes', async () => {
    const { slug, tenantId } = await freshWebhookTenant(test);
    await settings(slug, { greeting_enabled: 'on', greeting_text: '¡Bienvenida a la clínica!' });

    expect((await postSigned('whatsapp', slug, customerMessage('wamid.G1', 'Hola', new Date()))).status).toBe(
      200,
    );
    const greeted = await systemMessages(tenantId);
    expect(greeted).toEqual([
      expect.objectContaining({ kind: 'greeting', text: '¡Bienvenida a la clínica!' }),
    ]);

    // A redelivery and a second message: no second greeting.
    await postSigned('whatsapp', slug, customerMessage('wamid.G1', 'Hola', new Date()));
    await runJobs(test, replyHandlers);
    await postSigned('whatsapp', slug, customerMessage('wamid.G2', '¿Tienen citas?', new Date()));
    expect(await systemMessages(tenantId)).toHaveLength(1);

    // The greeting is not an answer: the AI answered the first message after it.
    const { rows } = await test.pool.query(
      `select sender, text from messages where tenant_id = $1 and direction = 'outbound' order by created_at`,
      [tenantId],
    );
    expect(rows[0]).toMatchObject({ sender: 'system', text: '¡Bienvenida a la clínica!' });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[1].text).not.toBe('¡Bienvenida a la clínica!');
  });

  it('sends nothing while the greeting is off, or for a channel switched off', async () => {
    const { slug, tenantId } = await freshWebhookTenant(test);
    const saved = await settings(slug, { greeting_text: 'Hola' });
    await postSigned('whatsapp', slug, customerMessage('wamid.G3', 'Hola', new Date()));
    expect(await systemMessages(tenantId)).toEqual([]);

    const whatsapp = saved.channels.find((c) => c.channel === 'whatsapp')!;
    await settings(slug, { greeting_enabled: 'on', [`channel.${whatsapp.id}`]: 'off' });
    await postSigned('whatsapp', slug, customerMessage('wamid.G4', 'Hola', new Date(), '5215500000004'));
    expect(await systemMessages(tenantId)).toEqual([]);
  });
});

describe('away message', () => {
  it('answers a message at 21:12 on Sunday with when the business opens, once per closed period', async () => {
    const { slug, tenantId } = await freshWebhookTenant(test, { aiEnabled: false });
    await settings(slug, { away_enabled: 'on', away_text: '' });
    const sunday = lastSundayEvening();
    const at = (ms: number) => () => new Date(sunday.getTime() + ms);

    await postSigned('whatsapp', slug, customerMessage('wamid.A1', 'Hola, ¿siguen abiertos?', sunday));
    await runJobs(test, [createAutoAwayHandler(at(30_000))]);
    const away = await systemMessages(tenantId);
    expect(away).toHaveLength(1);
    expect(away[0]).toMatchObject({ kind: 'away' });
    expect(away[0]!.text).toBe(
      `Gracias por escribir a Tenant ${slug}. Ahora estamos cerrados. Abrimos mañana a las 9:00.`,
    );
    expect(away[0]!.period_key).toMatch(/^\d{4}-\d\d-\d\dT09:00$/);

    // Ten minutes later, same closed period: the job runs again and sends nothing more.
    const later = new Date(sunday.getTime() + 600_000);
    await postSigned('whatsapp', slug, customerMessage('wamid.A2', '¿Hola?', later));
    await runJobs(test, [createAutoAwayHandler(at(630_000))]);
    expect(await systemMessages(tenantId)).toHaveLength(1);
    const { rows } = await test.pool.query(
      "select result from jobs where tenant_id = $1 and job_type = 'auto_away' order by created_at",
      [tenantId],
    );
    expect(rows.map((row) => row.result)).toEqual([
      expect.objectContaining({ outcome: 'sent' }),
      { outcome: 'skipped', reason: 'already_sent' },
    ]);
  });

  it('is not sent when the channel reply window has closed', async () => {
    const { slug, tenantId } = await freshWebhookTenant(test, { aiEnabled: false });
    await settings(slug, { away_enabled: 'on', away_text: 'Estamos descansando.' });
    const sunday = lastSundayEvening();
    await postSigned('whatsapp', slug, customerMessage('wamid.W1', 'Hola', sunday));
    // The job runs 25 hours later (Monday 22:12, closed again): WhatsApp's 24 h window is over.
    await runJobs(test, [createAutoAwayHandler(() => new Date(sunday.getTime() + 25 * 3_600_000))]);
    expect(await systemMessages(tenantId)).toEqual([]);
    const { rows } = await test.pool.query(
      "select result from jobs where tenant_id = $1 and job_type = 'auto_away'",
      [tenantId],
    );
    expect(rows[0].result).toEqual({ skipped: 'outside_window' });
  });

  it('stays silent when the AI answers (it says when the business opens itself)', async () => {
    const { slug, tenantId } = await freshWebhookTenant(test);
    await settings(slug, { away_enabled: 'on' });
    const sunday = lastSundayEvening();
    await postSigned('whatsapp', slug, customerMessage('wamid.S1', 'Hola', sunday));
    await runJobs(test, [createAutoAwayHandler(() => new Date(sunday.getTime() + 30_000))]);
    expect(await systemMessages(tenantId)).toEqual([]);
  });
});
