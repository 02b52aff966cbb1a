import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv, setEnvForProcess } from '@/src/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postRaw, postSigned } from './support/post-webhook';
import { metaSignature, tiktokSignature } from './support/sign';
import { countRows, webhookEvents } from './support/stored-rows';
import { secrets } from './support/webhook-tenant';

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});
afterEach(() => setEnvForProcess({ META_APP_SECRET: '' }));

async function expectNothingStoredBut(outcome: string, status: number) {
  expect(await countRows(test, tenant.tenantId)).toEqual({
    leads: 0,
    identities: 0,
    conversations: 0,
    messages: 0,
    jobs: 0,
    media_jobs: 0,
    pending_statuses: 0,
  });
  const events = await webhookEvents(test);
  expect(events.map((event) => [event.outcome, event.http_status])).toEqual([[outcome, status]]);
}

describe('X-Hub-Signature-256 (WhatsApp, Messenger, Instagram)', () => {
  const metaFixtures = [
    ['whatsapp', 'text'],
    ['facebook', 'text'],
    ['instagram', 'text'],
  ] as const;

  it.each(metaFixtures)(
    '%s: a correct signature over the raw bytes is accepted',
    async (channel, fixture) => {
      const posted = await postSigned(channel, tenant.slug, fixtureText(channel, fixture));
      expect(posted.status).toBe(200);
    },
  );

  it.each(metaFixtures)(
    '%s: a wrong signature is 401 and stores only its webhook_events row',
    async (channel, fixture) => {
      const body = fixtureText(channel, fixture);
      const posted = await postRaw(channel, tenant.slug, body, {
        'x-hub-signature-256': metaSignature(body, 'not-the-app-secret'),
      });
      expect(posted).toMatchObject({ status: 401, body: { ok: false, error: 'bad_signature' } });
      expect(posted.afterTasks).toHaveLength(0);
      await expectNothingStoredBut('bad_signature', 401);
    },
  );

  it.each(metaFixtures)('%s: a missing or malformed signature is 401', async (channel, fixture) => {
    const body = fixtureText(channel, fixture);
    expect((await postRaw(channel, tenant.slug, body, {})).status).toBe(401);
    expect((await postRaw(channel, tenant.slug, body, { 'x-hub-signature-256': 'sha1=abc' })).status).toBe(
      401,
    );
    const legacyOnly = { 'x-hub-signature': `sha1=${'0'.repeat(40)}` };
    expect((await postRaw(channel, tenant.slug, body, legacyOnly)).status).toBe(401);
  });

  it('verifies accents and emoji as raw UTF-8 bytes', async () => {
    const body = fixtureText('whatsapp', 'text').replace(
      'Hola, ¿cuánto cuesta una limpieza? 🦷',
      'Ñandú äöå 😀👍🏽 ¿sí?',
    );
    const posted = await postSigned('whatsapp', tenant.slug, body);
    expect(posted.status).toBe(200);
    const { rows } = await test.pool.query('select text from messages where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(rows[0].text).toBe('Ñandú äöå 😀👍🏽 ¿sí?');
  });

  it('verifies Meta’s escaped form over the bytes received, never over re-serialised JSON', async () => {
    // Meta sends non-ASCII as \uXXXX escapes and signs exactly those bytes.
    const escaped = fixtureText('whatsapp', 'text').replace(
      'Hola, ¿cuánto cuesta una limpieza? 🦷',
      '\\u00e4\\u00f6\\u00e5 \\ud83d\\ude00',
    );
    const reserialised = JSON.stringify(JSON.parse(escaped));
    expect(reserialised).not.toBe(escaped);
    const wrongWay = await postRaw('whatsapp', tenant.slug, escaped, {
      'x-hub-signature-256': metaSignature(reserialised, secrets.meta),
    });
    expect(wrongWay.status).toBe(401);
    const posted = await postSigned('whatsapp', tenant.slug, escaped);
    expect(posted.status).toBe(200);
    const { rows } = await test.pool.query('select text from messages where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(rows[0].text).toBe('äöå 😀');
  });

  it('without a connection secret: 503 unless META_APP_SECRET is set, then that secret verifies', async () => {
    tenant = await freshWebhookTenant(test, { withSecrets: false });
    const body = fixtureText('facebook', 'text');
    const missing = await postRaw('facebook', tenant.slug, body, {
      'x-hub-signature-256': metaSignature(body, secrets.meta),
    });
    expect(missing).toMatchObject({ status: 503, body: { error: 'unavailable' } });
    setEnvForProcess({ META_APP_SECRET: 'deployment-wide-app-secret' });
    const wrong = await postRaw('facebook', tenant.slug, body, {
      'x-hub-signature-256': metaSignature(body, secrets.meta),
    });
    expect(wrong.status).toBe(401);
    const right = await postRaw('facebook', tenant.slug, body, {
      'x-hub-signature-256': metaSignature(body, 'deployment-wide-app-secret'),
    });
    expect(right.status).toBe(200);
  });

  it('accepts a rotated secret at once even though the connection was cached', async () => {
    const body = fixtureText('whatsapp', 'text');
    expect((await postSigned('whatsapp', tenant.slug, body)).status).toBe(200);
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: tenant.slug,
      channel: 'whatsapp',
      appSecret: 'the-rotated-app-secret',
    });
    const image = fixtureText('whatsapp', 'image');
    const old = await postRaw('whatsapp', tenant.slug, image, {
      'x-hub-signature-256': metaSignature(image, secrets.meta),
    });
    expect(old.status).toBe(401);
    const rotated = await postRaw('whatsapp', tenant.slug, image, {
      'x-hub-signature-256': metaSignature(image, 'the-rotated-app-secret'),
    });
    expect(rotated.status).toBe(200);
  });
});

describe('TikTok-Signature', () => {
  const body = () => fixtureText('tiktok', 'receive-text');
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts HMAC-SHA256 of "t.body" with the client secret, emoji included', async () => {
    const posted = await postRaw('tiktok', tenant.slug, body(), {
      'tiktok-signature': tiktokSignature(body(), secrets.tiktok),
    });
    expect(posted.status).toBe(200);
    const { rows } = await test.pool.query('select text from messages where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(rows[0].text).toBe('Hola 👋 ¿precio de brackets?');
  });

  it('refuses a stale or future timestamp even when correctly signed', async () => {
    const stale = await postRaw('tiktok', tenant.slug, body(), {
      'tiktok-signature': tiktokSignature(body(), secrets.tiktok, now() - 3600),
    });
    expect(stale).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    expect(String(stale.body.message)).toContain('stale');
    const future = await postRaw('tiktok', tenant.slug, body(), {
      'tiktok-signature': tiktokSignature(body(), secrets.tiktok, now() + 3600),
    });
    expect(future.status).toBe(401);
    await expect(countRows(test, tenant.tenantId)).resolves.toMatchObject({ messages: 0 });
  });

  it('refuses the original guide’s scheme (X-Tiktok-Signature, plain SHA-256)', async () => {
    const posted = await postRaw('tiktok', tenant.slug, body(), { 'x-tiktok-signature': 'a'.repeat(64) });
    expect(posted.status).toBe(401);
    await expectNothingStoredBut('bad_signature', 401);
  });

  it('refuses wrong, missing and malformed signatures', async () => {
    const wrong = tiktokSignature(body(), 'another-client-secret');
    expect((await postRaw('tiktok', tenant.slug, body(), { 'tiktok-signature': wrong })).status).toBe(401);
    expect((await postRaw('tiktok', tenant.slug, body(), { 'tiktok-signature': 't=abc,s=def' })).status).toBe(
      401,
    );
    expect(
      (await postRaw('tiktok', tenant.slug, body(), { 'tiktok-signature': `s=${'a'.repeat(64)}` })).status,
    ).toBe(401);
  });

  it('is 503 when the client secret is not configured', async () => {
    tenant = await freshWebhookTenant(test, { withSecrets: false });
    const posted = await postRaw('tiktok', tenant.slug, body(), {
      'tiktok-signature': tiktokSignature(body(), secrets.tiktok),
    });
    expect(posted.status).toBe(503);
    await expectNothingStoredBut('secret_missing', 503);
  });
});
