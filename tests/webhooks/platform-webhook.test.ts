import './support/next-environment';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as platformRoute from '@/app/api/webhook/[channel]/route';
import type { Channel } from '@/src/channels/channel-registry';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv, setEnvForProcess } from '@/src/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from './support/call-route';
import { metaSignature, tiktokSignature } from './support/sign';
import { countRows, refusalCounts, webhookEvents } from './support/stored-rows';

// /api/webhook/meta and /api/webhook/tiktok: the platform's own app, one URL for every tenant.

const appSecret = 'platform-meta-app-secret-0123456789';
const tiktokSecret = 'platform-tiktok-client-secret-0123';
const verifyToken = 'platform-verify-token-0123';

const accounts = {
  clinic: {
    phone: '110000000000001',
    waba: '120000000000001',
    page: '130000000000001',
    ig: '17841400000000001',
    tiktok: '7391000000000000001',
  },
  grill: {
    phone: '110000000000002',
    waba: '120000000000002',
    page: '130000000000002',
    ig: '17841400000000002',
    tiktok: '7391000000000000002',
  },
};
type Slug = keyof typeof accounts;

let test: TestDatabase;
const tenantIds: Partial<Record<Slug, string>> = {};

async function connect(slug: Slug, channel: Exclude<Channel, 'email'>, extra: Record<string, unknown> = {}) {
  const a = accounts[slug];
  const ids = {
    whatsapp: { phoneNumberId: a.phone, businessAccountId: a.waba },
    facebook: { pageId: a.page },
    instagram: { instagramAccountId: a.ig },
    tiktok: { businessId: a.tiktok },
    // Not a platform-app channel: never connected here.
    twilio: {},
  }[channel];
  await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel,
    mode: 'live',
    accessToken: `token-${slug}-${channel}`,
    ...ids,
    ...extra,
  });
}

beforeAll(async () => {
  test = await createTestDatabase();
  setEnvForProcess({
    META_APP_SECRET: appSecret,
    META_VERIFY_TOKEN: verifyToken,
    TIKTOK_CLIENT_SECRET: tiktokSecret,
  });
});
afterAll(() => test.drop());
beforeEach(async () => {
  await test.pool.query('delete from tenants');
  await test.pool.query('delete from webhook_events');
  await test.pool.query('delete from webhook_refusal_counts');
  for (const slug of Object.keys(accounts) as Slug[]) {
    const tenant = await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: slug });
    tenantIds[slug] = tenant.id;
    for (const channel of ['whatsapp', 'facebook', 'instagram', 'tiktok'] as const)
      await connect(slug, channel);
  }
});

async function post(platform: string, body: string, headers?: Record<string, string>) {
  const signature: Record<string, string> =
    platform === 'tiktok'
      ? { 'tiktok-signature': tiktokSignature(body, tiktokSecret) }
      : { 'x-hub-signature-256': metaSignature(body, appSecret) };
  const request = new Request(`http://localhost:3000/api/webhook/${platform}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers ?? signature) },
    body,
  });
  const { response, afterTasks } = await callRoute(platformRoute.POST, request, '');
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, afterTasks };
}

async function messages(
  slug: Slug,
): Promise<Array<{ platform_message_id: string; channel: string; text: string }>> {
  const { rows } = await test.pool.query(
    'select platform_message_id, channel, text from messages where tenant_id = $1 order by platform_message_id',
    [tenantIds[slug]],
  );
  return rows;
}

function whatsappChange(phoneNumberId: string, wamid: string, from: string) {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: 'Cliente' }, wa_id: from }],
      messages: [{ from, id: wamid, timestamp: '1785312000', type: 'text', text: { body: `hola ${wamid}` } }],
    },
  };
}

function whatsappDelivery(...changes: Array<[string, string, string, string]>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: changes.map(([waba, phone, wamid, from]) => ({
      id: waba,
      changes: [whatsappChange(phone, wamid, from)],
    })),
  });
}

function messagingDelivery(
  object: 'page' | 'instagram',
  ...entries: Array<[string, string, string]>
): string {
  return JSON.stringify({
    object,
    entry: entries.map(([accountId, mid, sender]) => ({
      id: accountId,
      time: 1785312004523,
      messaging: [
        {
          sender: { id: sender },
          recipient: { id: accountId },
          timestamp: 1785312004523,
          message: { mid, text: `hola ${mid}` },
        },
      ],
    })),
  });
}

function tiktokDelivery(business: string, messageId: string): string {
  return JSON.stringify({
    client_key: 'platform-client-key',
    event: 'im_receive_msg',
    create_time: 1785312000,
    user_openid: business,
    content: JSON.stringify({
      message_id: messageId,
      conversation_id: `conv-${messageId}`,
      timestamp: 1785312000000,
      type: 'text',
      text: { body: `hola ${messageId}` },
      from: 'Cliente',
      from_user: { id: `user-${messageId}` },
      to: 'Negocio',
      to_user: { id: business },
    }),
  });
}

describe('POST /api/webhook/meta', () => {
  it('one WhatsApp delivery for two tenants’ numbers stores each message under its tenant, once', async () => {
    const body = whatsappDelivery(
      [accounts.clinic.waba, accounts.clinic.phone, 'wamid.CLINIC1', '5215511111111'],
      [accounts.grill.waba, accounts.grill.phone, 'wamid.GRILL1', '5215522222222'],
    );
    const posted = await post('meta', body);
    expect(posted).toMatchObject({
      status: 200,
      body: { ok: true, events: 2, stored: 2, skipped: 0, tenants: 2 },
    });
    expect(await messages('clinic')).toMatchObject([
      { platform_message_id: 'wamid.CLINIC1', channel: 'whatsapp' },
    ]);
    expect(await messages('grill')).toMatchObject([
      { platform_message_id: 'wamid.GRILL1', channel: 'whatsapp' },
    ]);
    // Each tenant's AI reply starts right after the commit.
    expect(posted.afterTasks).toHaveLength(2);

    const replayed = await post('meta', body);
    expect(replayed).toMatchObject({ status: 200, body: { stored: 0, duplicates: 2 } });
    expect(replayed.afterTasks).toHaveLength(0);
    expect(await countRows(test, tenantIds.clinic!)).toMatchObject({ messages: 1, leads: 1, jobs: 1 });
    expect(await countRows(test, tenantIds.grill!)).toMatchObject({ messages: 1, leads: 1, jobs: 1 });
    const events = await webhookEvents(test);
    expect(
      events
        .filter((event) => event.outcome === 'accepted')
        .map((event) => event.tenant_id)
        .sort(),
    ).toEqual([tenantIds.clinic, tenantIds.grill].sort());
  });

  it.each([
    ['page', 'facebook', 'page'],
    ['instagram', 'instagram', 'ig'],
  ] as const)(
    'one %s delivery for two tenants stores each entry under its tenant, once',
    async (object, channel, key) => {
      const body = messagingDelivery(
        object,
        [accounts.clinic[key], 'm_CLINIC1', '6784512093847561'],
        [accounts.grill[key], 'm_GRILL1', '6784512093847562'],
      );
      expect(await post('meta', body)).toMatchObject({ status: 200, body: { stored: 2, tenants: 2 } });
      expect(await messages('clinic')).toMatchObject([{ platform_message_id: 'm_CLINIC1', channel }]);
      expect(await messages('grill')).toMatchObject([{ platform_message_id: 'm_GRILL1', channel }]);
      expect(await post('meta', body)).toMatchObject({ status: 200, body: { stored: 0, duplicates: 2 } });
      expect((await messages('clinic')).length + (await messages('grill')).length).toBe(2);
    },
  );

  it('concurrent deliveries naming the same people of two tenants in opposite orders neither deadlock nor double', async () => {
    const rounds = Array.from({ length: 8 }, (_, i) => [
      whatsappDelivery(
        [accounts.clinic.waba, accounts.clinic.phone, `wamid.C${i}`, '5215511111111'],
        [accounts.grill.waba, accounts.grill.phone, `wamid.G${i}`, '5215522222222'],
      ),
      whatsappDelivery(
        [accounts.grill.waba, accounts.grill.phone, `wamid.G${i}`, '5215522222222'],
        [accounts.clinic.waba, accounts.clinic.phone, `wamid.C${i}`, '5215511111111'],
      ),
    ]);
    const answers = await Promise.all(rounds.flat().map((body) => post('meta', body)));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    const stored = answers.reduce((total, answer) => total + (answer.body.stored as number), 0);
    expect(stored).toBe(16);
    for (const slug of ['clinic', 'grill'] as const) {
      expect(await countRows(test, tenantIds[slug]!)).toMatchObject({
        messages: 8,
        leads: 1,
        conversations: 1,
      });
    }
  });

  it('an entry for an id nobody owns is counted and skipped with 200; the rest is stored', async () => {
    const body = whatsappDelivery(
      [accounts.clinic.waba, accounts.clinic.phone, 'wamid.CLINIC2', '5215511111111'],
      ['199999999999999', '119999999999999', 'wamid.NOBODY', '5215533333333'],
    );
    expect(await post('meta', body)).toMatchObject({
      status: 200,
      body: { stored: 1, skipped: 1, tenants: 1 },
    });
    expect(await messages('clinic')).toMatchObject([{ platform_message_id: 'wamid.CLINIC2' }]);
    const { rows } = await test.pool.query(
      "select count(*)::int as n from messages where platform_message_id = 'wamid.NOBODY'",
    );
    expect(rows[0].n).toBe(0);
    expect(await webhookEvents(test)).toContainEqual(
      expect.objectContaining({ outcome: 'unrouted', tenant_id: null, skipped_count: 1, http_status: 200 }),
    );
  });

  it('only live platform-app connections are reachable: not own-app, sandbox or disconnected ones', async () => {
    await connect('clinic', 'whatsapp', { appSecret: 'clinic-own-meta-app-secret-012345' });
    await connect('grill', 'facebook', { mode: 'sandbox' });
    await test.pool.query(
      "update channel_connections set status = 'disconnected' where tenant_id = $1 and channel = 'instagram'",
      [tenantIds.grill],
    );
    const whatsapp = whatsappDelivery([
      accounts.clinic.waba,
      accounts.clinic.phone,
      'wamid.OWNAPP',
      '5215511111111',
    ]);
    const page = messagingDelivery('page', [accounts.grill.page, 'm_SANDBOX', '6784512093847562']);
    const instagram = messagingDelivery('instagram', [accounts.grill.ig, 'm_OFF', '6784512093847563']);
    for (const body of [whatsapp, page, instagram]) {
      expect(await post('meta', body)).toMatchObject({
        status: 200,
        body: { stored: 0, skipped: 1, tenants: 0 },
      });
    }
    expect(await messages('clinic')).toEqual([]);
    expect(await messages('grill')).toEqual([]);
  });

  it('a bad signature is 401 and stores nothing; a tenant’s own app secret is not the platform’s', async () => {
    await connect('clinic', 'whatsapp', { appSecret: 'clinic-own-meta-app-secret-012345' });
    const body = whatsappDelivery([
      accounts.grill.waba,
      accounts.grill.phone,
      'wamid.FORGED',
      '5215522222222',
    ]);
    for (const secret of ['wrong-secret', 'clinic-own-meta-app-secret-012345']) {
      const posted = await post('meta', body, { 'x-hub-signature-256': metaSignature(body, secret) });
      expect(posted).toMatchObject({ status: 401, body: { ok: false, error: 'bad_signature' } });
    }
    expect(await countRows(test, tenantIds.grill!)).toMatchObject({ messages: 0, leads: 0 });
    // No tenant is known before the signature holds: the refusals are counted, not logged as rows.
    expect(await webhookEvents(test)).toEqual([]);
    expect(await refusalCounts(test)).toEqual([
      { tenant_id: null, channel: 'whatsapp', outcome: 'bad_signature', refused: 2, recorded: 0 },
    ]);
  });

  it('a body that is no Meta delivery is 400; an unknown platform 404', async () => {
    const notMeta = JSON.stringify({ object: 'user', entry: [] });
    expect(await post('meta', notMeta)).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    const unknown = await post('whatsapp', notMeta);
    expect(unknown).toMatchObject({ status: 404, body: { error: 'unknown_platform' } });
  });

  it('without META_APP_SECRET the route answers 503', async () => {
    setEnvForProcess({ META_APP_SECRET: '' });
    try {
      const body = whatsappDelivery([
        accounts.clinic.waba,
        accounts.clinic.phone,
        'wamid.X',
        '5215511111111',
      ]);
      expect(await post('meta', body)).toMatchObject({ status: 503, body: { error: 'unavailable' } });
    } finally {
      setEnvForProcess({ META_APP_SECRET: appSecret });
    }
  });
});

describe('GET /api/webhook/meta', () => {
  async function get(query: string) {
    const request = new Request(`http://localhost:3000/api/webhook/meta?${query}`);
    const { response } = await callRoute(platformRoute.GET, request, '');
    return { status: response.status, text: await response.text() };
  }

  it('answers the challenge for META_VERIFY_TOKEN only', async () => {
    expect(await get(`hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`)).toEqual({
      status: 200,
      text: '1158201444',
    });
    const wrong = await get('hub.mode=subscribe&hub.verify_token=nope-nope-nope&hub.challenge=1158201444');
    expect(wrong.status).toBe(403);
  });
});

describe('POST /api/webhook/tiktok', () => {
  it('routes each delivery by its business id; replays store nothing new; unknown ids are skipped', async () => {
    for (const slug of ['clinic', 'grill'] as const) {
      const body = tiktokDelivery(accounts[slug].tiktok, `tt-${slug}`);
      expect(await post('tiktok', body)).toMatchObject({ status: 200, body: { stored: 1, tenants: 1 } });
      expect(await post('tiktok', body)).toMatchObject({ status: 200, body: { stored: 0, duplicates: 1 } });
      expect(await messages(slug)).toMatchObject([{ platform_message_id: `tt-${slug}`, channel: 'tiktok' }]);
    }
    const unknown = tiktokDelivery('7391999999999999999', 'tt-nobody');
    expect(await post('tiktok', unknown)).toMatchObject({ status: 200, body: { stored: 0, skipped: 1 } });
  });
});
