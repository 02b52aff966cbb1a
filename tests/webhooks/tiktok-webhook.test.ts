import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson, fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { insertOutboundMessage } from './support/outbound-message';
import { getVerification, postSigned } from './support/post-webhook';
import { countRows, messageByPlatformId } from './support/stored-rows';

const user = '7401122334455667788';
const thread = '0:1:7391824050284626949:7401122334455667788';
let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

describe('TikTok direct messages', () => {
  const kinds: Array<[fixture: string, id: string, type: string, text: string]> = [
    ['receive-text', '7401000000000000001', 'text', 'Hola 👋 ¿precio de brackets?'],
    ['receive-image', '7401000000000000002', 'image', '[Imagen]'],
    [
      'receive-share-post',
      '7401000000000000003',
      'share_post',
      '[Publicación compartida] https://www.tiktok.com/embed/v2/7400000000000000123',
    ],
    ['receive-sticker', '7401000000000000004', 'sticker', '[Sticker]'],
  ];

  it.each(kinds)(
    'stores %s as a %s message in a conversation that replies to conversation_id',
    async (fixture, id, type, text) => {
      const posted = await postSigned('tiktok', tenant.slug, fixtureText('tiktok', fixture));
      expect(posted.status).toBe(200);
      expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 1 });
      const message = await messageByPlatformId(test, tenant.tenantId, id);
      expect(message).toMatchObject({ direction: 'inbound', sender: 'lead', message_type: type, text });
      const { rows } = await test.pool.query(
        `select c.external_thread_id, i.external_id, l.name from conversations c
       join leads l on l.id = c.lead_id join lead_identities i on i.lead_id = l.id where c.id = $1`,
        [message.conversation_id],
      );
      expect(rows).toEqual([{ external_thread_id: thread, external_id: user, name: 'sofi.dientes' }]);
    },
  );

  it('stores im_send_msg not sent by us as a human echo, and links it when it is ours', async () => {
    const staff = await postSigned('tiktok', tenant.slug, fixtureText('tiktok', 'send-echo'));
    expect(staff.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, '7401000000000000005')).toMatchObject({
      direction: 'outbound',
      sender: 'human',
    });

    const other = await freshWebhookTenant(test);
    const ours = await insertOutboundMessage(test, other.tenantId, 'tiktok', {
      externalId: user,
      platformMessageId: '7401000000000000005',
      externalThreadId: thread,
    });
    const echoed = await postSigned('tiktok', other.slug, fixtureText('tiktok', 'send-echo'));
    expect(echoed.body).toMatchObject({ outcome: 'duplicate', stored: 0 });
    const { rows } = await test.pool.query('select id from messages where tenant_id = $1', [other.tenantId]);
    expect(rows).toEqual([{ id: ours.messageId }]);
  });

  it('applies im_mark_read_msg to our sent messages of that thread', async () => {
    const ours = await insertOutboundMessage(test, tenant.tenantId, 'tiktok', {
      externalId: user,
      platformMessageId: '7401000000000000099',
      externalThreadId: thread,
      sentAt: '2026-07-29T08:01:00.000Z',
    });
    const posted = await postSigned('tiktok', tenant.slug, fixtureText('tiktok', 'mark-read'));
    expect(posted.body).toMatchObject({ statuses_applied: 1 });
    const { rows } = await test.pool.query('select delivery_status, read_at from messages where id = $1', [
      ours.messageId,
    ]);
    expect(rows[0].delivery_status).toBe('read');
    expect(rows[0].read_at.toISOString()).toBe('2026-07-29T08:01:39.000Z');
  });

  it('answers TikTok’s ping and other events with 200 and stores nothing', async () => {
    const ping = fixtureJson<{ user_openid: string }>('tiktok', 'ping');
    expect(ping.user_openid).not.toBe('7391824050284626949');
    const posted = await postSigned('tiktok', tenant.slug, fixtureText('tiktok', 'ping'));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ events: 0, ignored: 1 });
    expect((await countRows(test, tenant.tenantId)).messages).toBe(0);
  });

  it('answers a plain GET health probe (TikTok documents no handshake)', async () => {
    expect(await getVerification('tiktok', tenant.slug, '')).toMatchObject({ status: 200 });
    expect(await getVerification('tiktok', 'no-such-tenant', '')).toMatchObject({ status: 404 });
  });
});
