import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { insertOutboundMessage } from './support/outbound-message';
import { postSigned } from './support/post-webhook';
import { countRows, messageByPlatformId } from './support/stored-rows';

const psid = '6784512093847561';
let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

async function jobsOfType(type: string) {
  const { rows } = await test.pool.query('select * from jobs where tenant_id = $1 and job_type = $2', [
    tenant.tenantId,
    type,
  ]);
  return rows;
}

describe('Messenger inbound messages', () => {
  const kinds: Array<[fixture: string, id: string, type: string, text: string, answerable: boolean]> = [
    ['text', 'm_FBTEXT0001', 'text', 'Hola, ¿tienen citas el sábado? 😊', true],
    ['quick-reply', 'm_FBQUICK0001', 'quick_reply', 'Mañana', true],
    ['attachment-image', 'm_FBIMAGE0001', 'image', '[Imagen]', true],
    ['sticker', 'm_FBSTICKER0001', 'sticker', '[Sticker]', true],
    ['postback', 'm_FBPOSTBACK0001', 'postback', 'Empezar', true],
    ['reaction', `reaction:m_OURFBREPLY0001:${psid}:react:1785312004523`, 'reaction', '[Reacción] ❤️', false],
    ['standby', 'm_FBSTANDBY0001', 'text', '¿Siguen ahí?', false],
  ];

  it.each(kinds)('stores %s as one %s message', async (fixture, id, type, text, answerable) => {
    const posted = await postSigned('facebook', tenant.slug, fixtureText('facebook', fixture));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ outcome: 'accepted', stored: 1, leads_created: 1 });
    expect(await messageByPlatformId(test, tenant.tenantId, id)).toMatchObject({
      direction: 'inbound',
      sender: 'lead',
      message_type: type,
      text,
    });
    expect(await jobsOfType('ai_response')).toHaveLength(answerable ? 1 : 0);
  });

  it('keeps every attachment of a message', async () => {
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'attachment-image'));
    const message = await messageByPlatformId(test, tenant.tenantId, 'm_FBIMAGE0001');
    expect(message.media.attachments).toHaveLength(2);
    expect(message.media.attachments[1].url).toBe('https://scontent.xx.fbcdn.net/v/t1.15752-9/2.jpg');
  });

  it('enqueues the profile fetch once for a new lead, never on the ack path', async () => {
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'text'));
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'quick-reply'));
    const jobs = await jobsOfType('fetch_profile');
    const { rows } = await test.pool.query('select id, name from leads where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(rows).toEqual([{ id: expect.any(String), name: null }]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      payload: { lead_id: rows[0].id },
      dedupe_key: `fetch_profile:${rows[0].id}`,
    });
  });

  it('counts item kinds it does not store (optin) and answers 200', async () => {
    // A referral is stored now (webhook-fidelity-meta.test.ts); an opt-in still is not.
    const optin = fixtureText('facebook', 'referral').replace('"referral"', '"optin"');
    const posted = await postSigned('facebook', tenant.slug, optin);
    expect(posted.body).toMatchObject({ ok: true, events: 0, ignored: 1 });
    expect((await countRows(test, tenant.tenantId)).messages).toBe(0);
  });

  it('stores a batch of entries and items from several people', async () => {
    const posted = await postSigned('facebook', tenant.slug, fixtureText('facebook', 'batch'));
    expect(posted.body).toMatchObject({ stored: 3, leads_created: 2, ai_jobs: 2, statuses_pending: 1 });
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ leads: 2, conversations: 2, messages: 3 });
  });
});

describe('Messenger echoes and receipts', () => {
  it('stores what staff typed in Meta’s apps as an outbound human message, unanswered', async () => {
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'text'));
    await test.pool.query("update jobs set status = 'completed' where tenant_id = $1", [tenant.tenantId]);
    const posted = await postSigned('facebook', tenant.slug, fixtureText('facebook', 'echo-staff'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0, leads_created: 0 });
    const echo = await messageByPlatformId(test, tenant.tenantId, 'm_FBECHOSTAFF0001');
    expect(echo).toMatchObject({
      direction: 'outbound',
      sender: 'human',
      text: 'Hola, soy Laura de recepción.',
      delivery_status: 'sent',
    });
    const pending = await test.pool.query(
      "select 1 from jobs where tenant_id = $1 and status = 'pending' and job_type = 'ai_response'",
      [tenant.tenantId],
    );
    expect(pending.rows).toHaveLength(0);
  });

  it('recognises the echo of our own send by its inbox:<uuid> metadata', async () => {
    const ours = await insertOutboundMessage(test, tenant.tenantId, 'facebook', {
      externalId: psid,
      status: 'sending',
      text: 'Claro, tenemos citas el sábado.',
    });
    const body = fixtureText('facebook', 'echo-own').replace(
      '00000000-0000-4000-8000-000000000000',
      ours.messageId,
    );
    const posted = await postSigned('facebook', tenant.slug, body);
    expect(posted.body).toMatchObject({ stored: 0, echoes_linked: 1 });
    const { rows } = await test.pool.query('select * from messages where tenant_id = $1', [tenant.tenantId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: ours.messageId,
      platform_message_id: 'm_FBECHOOWN0001',
      delivery_status: 'sent',
    });
    // The same echo again, or after the sender recorded the id itself: nothing changes.
    expect((await postSigned('facebook', tenant.slug, body)).body).toMatchObject({ outcome: 'duplicate' });
    expect((await countRows(test, tenant.tenantId)).messages).toBe(1);
  });

  it('applies delivery mids and read watermarks to our sent messages', async () => {
    const first = await insertOutboundMessage(test, tenant.tenantId, 'facebook', {
      externalId: psid,
      platformMessageId: 'm_OURFBREPLY0001',
      sentAt: '2026-07-29T08:00:06.000Z',
    });
    const later = await insertOutboundMessage(test, tenant.tenantId, 'facebook', {
      externalId: psid,
      platformMessageId: 'm_OURFBREPLY0002',
      sentAt: '2026-07-29T08:00:09.000Z',
    });
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'delivery'));
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'read'));
    const { rows } = await test.pool.query('select id, delivery_status from messages where id = any($1)', [
      [first.messageId, later.messageId],
    ]);
    const status = Object.fromEntries(rows.map((row) => [row.id, row.delivery_status]));
    // Read watermark 08:00:07.9 covers the first message only.
    expect(status).toEqual({ [first.messageId]: 'read', [later.messageId]: 'sent' });
  });
});
