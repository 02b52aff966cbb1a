import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from './support/call-route';
import { fixtureJson, fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postRaw, postSigned, routes, signedHeaders, webhookUrl } from './support/post-webhook';
import { countRows, refusalCounts, webhookEvents } from './support/stored-rows';
import { createWebhookTenant } from './support/webhook-tenant';

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  await test.pool.query("delete from tenants where slug like 'other-%'");
  await test.pool.query('delete from webhook_events');
  await test.pool.query('delete from webhook_refusal_counts');
  tenant = await freshWebhookTenant(test);
});

async function expectNothingStored(tenantId: string) {
  expect(await countRows(test, tenantId)).toEqual({
    leads: 0,
    identities: 0,
    conversations: 0,
    messages: 0,
    jobs: 0,
    media_jobs: 0,
    pending_statuses: 0,
  });
}

describe('404', () => {
  it('for an unknown tenant, before the body is read: counted, no row (anyone can pick a slug)', async () => {
    const posted = await postSigned('whatsapp', 'nobody-here', fixtureText('whatsapp', 'text'));
    // The body says nothing of which tenants exist.
    expect(posted).toMatchObject({
      status: 404,
      body: { ok: false, error: 'not_found', message: 'not found' },
    });
    expect(await webhookEvents(test)).toEqual([]);
    expect(await refusalCounts(test)).toEqual([
      { tenant_id: null, channel: 'whatsapp', outcome: 'unknown_tenant', refused: 1, recorded: 0 },
    ]);
  });

  it('for a slug that cannot be a tenant', async () => {
    const posted = await postSigned('facebook', 'NOT a slug!', fixtureText('facebook', 'text'));
    expect(posted.status).toBe(404);
  });

  it.each(['telegram', 'WhatsApp', 'meta', ''])(
    'for a channel that is not registered (%j), GET and POST, storing nothing',
    async (channel) => {
      const url = `http://localhost:3000/api/webhook/${channel}/${tenant.slug}`;
      const body = fixtureText('whatsapp', 'text');
      const post = new Request(url, { method: 'POST', body, headers: signedHeaders('whatsapp', body) });
      const get = new Request(`${url}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`);
      for (const [handler, request] of [
        [routes.whatsapp.POST, post],
        [routes.whatsapp.GET, get],
      ] as const) {
        const { response, afterTasks } = await callRoute(handler, request, tenant.slug);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({
          ok: false,
          error: 'unknown_channel',
          message: 'no such channel',
        });
        expect(afterTasks).toEqual([]);
      }
      await expectNothingStored(tenant.tenantId);
      expect(await webhookEvents(test)).toEqual([]);
    },
  );

  it('for a tenant without a connection for that channel', async () => {
    await test.pool.query("delete from channel_connections where tenant_id = $1 and channel = 'tiktok'", [
      tenant.tenantId,
    ]);
    const posted = await postSigned('tiktok', tenant.slug, fixtureText('tiktok', 'receive-text'));
    expect(posted).toMatchObject({ status: 404, body: { error: 'not_found', message: 'not found' } });
    expect(await webhookEvents(test)).toMatchObject([
      { outcome: 'no_connection', tenant_id: tenant.tenantId },
    ]);
  });
});

describe('413', () => {
  it('for a declared body over 3 MB', async () => {
    const body = 'x'.repeat(3 * 1024 * 1024 + 1);
    const posted = await postRaw('whatsapp', tenant.slug, body, signedHeaders('whatsapp', body));
    expect(posted).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    await expectNothingStored(tenant.tenantId);
  });

  it('for a declared Content-Length over 3 MB, without reading the body', async () => {
    const body = fixtureText('whatsapp', 'text');
    const headers = { ...signedHeaders('whatsapp', body), 'content-length': String(4 * 1024 * 1024) };
    const posted = await postRaw('whatsapp', tenant.slug, body, headers);
    expect(posted.status).toBe(413);
    await expectNothingStored(tenant.tenantId);
  });

  it('for a streamed body that grows past 3 MB without a length', async () => {
    const chunk = new Uint8Array(512 * 1024).fill(32);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 7) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(webhookUrl('whatsapp', tenant.slug), {
      method: 'POST',
      body: stream,
      headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      duplex: 'half',
    } as RequestInit);
    const { response } = await callRoute(routes.whatsapp.POST, request, tenant.slug);
    expect(response.status).toBe(413);
    expect(await webhookEvents(test)).toMatchObject([{ outcome: 'payload_too_large', http_status: 413 }]);
  });
});

describe('400: only a body that is not the platform’s webhook at all', () => {
  const malformed: Array<[Channel, string, string]> = [
    ['whatsapp', 'not JSON', '{"object": "whatsapp_business_account", "entry": ['],
    ['whatsapp', 'another platform’s object', fixtureText('facebook', 'text')],
    ['facebook', 'entry that is not a list', '{"object":"page","entry":"104518092546710"}'],
    ['instagram', 'entry that is not a list', '{"object":"instagram","entry":{"id":"17841405822304914"}}'],
    ['tiktok', 'no business id', fixtureText('tiktok', 'receive-text').replace('"user_openid"', '"other"')],
    ['whatsapp', 'nesting deeper than any real payload', `${'['.repeat(500)}${']'.repeat(500)}`],
  ];

  it.each(malformed)('%s: %s', async (channel, _what, body) => {
    const posted = await postSigned(channel, tenant.slug, body);
    expect(posted).toMatchObject({ status: 400, body: { ok: false, error: 'bad_request' } });
    expect(String(posted.body.message)).not.toContain('Hola');
    await expectNothingStored(tenant.tenantId);
    expect(await webhookEvents(test)).toMatchObject([{ outcome: 'bad_request', http_status: 400 }]);
  });
});

describe('200: a malformed item is skipped (counted in ignored), not the delivery', () => {
  const items: Array<[Channel, string, string]> = [
    [
      'whatsapp',
      // Ids may be strings or numbers (a number is kept as its text); anything else is no id.
      'a message id that is an object',
      fixtureText('whatsapp', 'text').replace(/"id": "wamid[^"]*"/, '"id": { "n": 42 }'),
    ],
    [
      'whatsapp',
      'a messages change without metadata',
      fixtureText('whatsapp', 'text').replace(/"metadata": \{[^}]*\},/, ''),
    ],
    [
      'facebook',
      'a message without mid',
      fixtureText('facebook', 'text').replace('"mid": "m_FBTEXT0001",', ''),
    ],
    [
      'tiktok',
      'content that is not JSON',
      fixtureText('tiktok', 'receive-text').replace(/"content": ".*"/, '"content": "{oops"'),
    ],
    [
      'tiktok',
      'content without message_id',
      fixtureText('tiktok', 'receive-text').replace('\\"message_id\\"', '\\"other\\"'),
    ],
  ];

  it.each(items)('%s: %s', async (channel, _what, body) => {
    const posted = await postSigned(channel, tenant.slug, body);
    expect(posted).toMatchObject({ status: 200, body: { ok: true, events: 0, stored: 0, ignored: 1 } });
    expect(JSON.stringify(posted.body)).not.toContain('Hola');
    await expectNothingStored(tenant.tenantId);
    const [event] = await webhookEvents(test);
    expect(event).toMatchObject({ outcome: 'accepted', http_status: 200 });
    expect(event.detail).toMatch(/^not stored: malformed:/);
    expect(event.detail).not.toContain('Hola');
  });
});

describe('no tenant can inject into another: foreign accounts are skipped', () => {
  const otherAccounts = {
    whatsapp: { phoneNumberId: '999000111222333' },
    facebook: { pageId: '999000111222444' },
    instagram: { instagramAccountId: '17841499999999999' },
    tiktok: { businessId: '7391999999999999999' },
    twilio: { accountSid: 'AC9990001112220000000000000000ffff', from: 'whatsapp:+5215599900011' },
  };
  const swaps: Array<[Channel, string, string, string]> = [
    ['whatsapp', 'text', '106540352242922', otherAccounts.whatsapp.phoneNumberId],
    ['facebook', 'text', '104518092546710', otherAccounts.facebook.pageId],
    ['instagram', 'text', '17841405822304914', otherAccounts.instagram.instagramAccountId],
    [
      'tiktok',
      'receive-text',
      '"user_openid": "7391824050284626949"',
      `"user_openid": "${otherAccounts.tiktok.businessId}"`,
    ],
  ];

  it.each(swaps)(
    '%s: tenant B’s account id in a body posted to tenant A is skipped, stored nowhere',
    async (channel, fixture, from, to) => {
      const other = await createWebhookTenant(test, 'other-b', otherAccounts, { withSecrets: false });
      const body = fixtureText(channel, fixture).replaceAll(from, to);
      const posted = await postSigned(channel, tenant.slug, body);
      // 200: a 4xx would make the platform retry the whole batch and then disable the app.
      expect(posted).toMatchObject({ status: 200, body: { ok: true, stored: 0, skipped: 1 } });
      await expectNothingStored(tenant.tenantId);
      await expectNothingStored(other.tenantId);
      expect(await webhookEvents(test)).toMatchObject([
        { outcome: 'accepted', tenant_id: tenant.tenantId, event_count: 0, skipped_count: 1 },
      ]);
    },
  );

  it('a batch with one foreign entry keeps this tenant’s entries and skips the other', async () => {
    const other = await createWebhookTenant(test, 'other-b', otherAccounts, { withSecrets: false });
    const batch = fixtureJson<{
      entry: Array<{ changes: Array<{ value: { metadata?: { phone_number_id: string } } }> }>;
    }>('whatsapp', 'batch');
    batch.entry[1]!.changes[0]!.value.metadata!.phone_number_id = otherAccounts.whatsapp.phoneNumberId;
    const posted = await postSigned('whatsapp', tenant.slug, JSON.stringify(batch));
    expect(posted.status).toBe(200);
    expect((posted.body as { skipped: number }).skipped).toBeGreaterThan(0);
    const stored = await test.pool.query(
      'select count(*)::int as n from public.messages where tenant_id = $1',
      [tenant.tenantId],
    );
    expect(stored.rows[0].n).toBe((posted.body as { stored: number }).stored);
    expect(stored.rows[0].n).toBeGreaterThan(0);
    await expectNothingStored(other.tenantId);
  });

  it('an account id nobody has connected is skipped too', async () => {
    const body = fixtureText('facebook', 'text').replaceAll('104518092546710', '123456789');
    const posted = await postSigned('facebook', tenant.slug, body);
    expect(posted).toMatchObject({ status: 200, body: { stored: 0, skipped: 1 } });
    await expectNothingStored(tenant.tenantId);
  });
});

describe('403 for a disconnected connection', () => {
  it('a channel staff turned off receives nothing: 403, recorded, nothing stored', async () => {
    await test.pool.query(
      "update channel_connections set status = 'disconnected' where tenant_id = $1 and channel = 'whatsapp'",
      [tenant.tenantId],
    );
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
    expect(posted).toMatchObject({ status: 403, body: { ok: false, error: 'disconnected' } });
    expect(posted.afterTasks).toHaveLength(0);
    await expectNothingStored(tenant.tenantId);
    expect(await webhookEvents(test)).toMatchObject([
      { outcome: 'disconnected', tenant_id: tenant.tenantId },
    ]);
  });
});

describe('500', () => {
  it('an unexpected database failure is a generic 500, recorded, with nothing half-written', async () => {
    await test.pool.query(
      'alter function internal.ingest_webhook_unchecked(public.channel_connections, jsonb, integer, text, integer, integer, text, numeric) rename to ingest_webhook_gone',
    );
    try {
      const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
      expect(posted).toMatchObject({
        status: 500,
        body: { ok: false, error: 'internal', message: 'internal error' },
      });
      expect(posted.afterTasks).toHaveLength(0);
    } finally {
      await test.pool.query(
        'alter function internal.ingest_webhook_gone(public.channel_connections, jsonb, integer, text, integer, integer, text, numeric) rename to ingest_webhook_unchecked',
      );
    }
    await expectNothingStored(tenant.tenantId);
    expect(await webhookEvents(test)).toMatchObject([{ outcome: 'error', http_status: 500 }]);
  });
});
