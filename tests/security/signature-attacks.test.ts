import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { setEnvForProcess } from '@/src/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from '../webhooks/support/fixtures';
import { postRaw } from '../webhooks/support/post-webhook';
import { metaSignature, tiktokSignature } from '../webhooks/support/sign';
import { countRows, webhookEvents } from '../webhooks/support/stored-rows';
import { createRivalTenants, type RivalTenant } from './support/rival-tenants';

// Forged, replayed and redirected deliveries between two tenants with their own secrets and
// account ids. What tests/webhooks/webhook-signatures.test.ts already covers (wrong secret,
// missing header, stale TikTok timestamp, rotated secret) is not repeated here.

let test: TestDatabase;
let a: RivalTenant;
let b: RivalTenant;

const metaChannels: Array<[Channel, string]> = [
  ['whatsapp', 'text'],
  ['facebook', 'text'],
  ['instagram', 'text'],
];

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  await test.pool.query('delete from webhook_events');
  ({ a, b } = await createRivalTenants(test));
});
afterEach(() => setEnvForProcess({ META_APP_SECRET: '' }));

async function expectNothingStored(...tenants: RivalTenant[]) {
  for (const tenant of tenants) {
    expect(await countRows(test, tenant.tenantId)).toEqual({
      leads: 0,
      identities: 0,
      conversations: 0,
      messages: 0,
      jobs: 0,
      media_jobs: 0,
      pending_statuses: 0,
    });
  }
}

/** A's fixture with every one of A's account ids replaced by B's. */
function namingB(channel: Channel, fixture: string): string {
  let body = fixtureText(channel, fixture);
  for (const [field, id] of Object.entries(a.accounts[channel] ?? {})) {
    body = body.replaceAll(id, b.accounts[channel]![field]!);
  }
  return body;
}

describe.each(metaChannels)('%s: deliveries aimed at the wrong tenant', (channel, fixture) => {
  const body = () => fixtureText(channel, fixture);

  it('A’s delivery, signed with A’s secret, replayed to B’s URL is 401 and stores nothing anywhere', async () => {
    const posted = await postRaw(channel, b.slug, body(), {
      'x-hub-signature-256': metaSignature(body(), a.metaSecret),
    });
    expect(posted).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    await expectNothingStored(a, b);
    expect(await webhookEvents(test)).toMatchObject([{ tenant_id: b.tenantId, outcome: 'bad_signature' }]);
  });

  it('B signing a body that names A’s accounts with B’s own secret: skipped at its own URL, 401 at A’s', async () => {
    const signedByB = { 'x-hub-signature-256': metaSignature(body(), b.metaSecret) };
    expect(await postRaw(channel, b.slug, body(), signedByB)).toMatchObject({
      status: 200,
      body: { stored: 0, skipped: 1 },
    });
    expect((await postRaw(channel, a.slug, body(), signedByB)).status).toBe(401);
    await expectNothingStored(a, b);
  });

  it('with one Meta app for every tenant (META_APP_SECRET), a valid signature cannot carry A’s ids into B', async () => {
    ({ a, b } = await createRivalTenants(test, { sharedMeta: true }));
    setEnvForProcess({ META_APP_SECRET: 'one-meta-app-for-everyone-0123' });
    const signature = { 'x-hub-signature-256': metaSignature(body(), 'one-meta-app-for-everyone-0123') };
    expect(await postRaw(channel, b.slug, body(), signature)).toMatchObject({
      status: 200,
      body: { stored: 0, skipped: 1 },
    });
    await expectNothingStored(a, b);
    expect((await postRaw(channel, a.slug, body(), signature)).status).toBe(200);
    expect(await countRows(test, b.tenantId)).toMatchObject({ messages: 0 });
    const toB = namingB(channel, fixture);
    expect(
      (
        await postRaw(channel, b.slug, toB, {
          'x-hub-signature-256': metaSignature(toB, 'one-meta-app-for-everyone-0123'),
        })
      ).status,
    ).toBe(200);
  });

  it('the platform app’s secret is refused for a connection that brought its own app', async () => {
    setEnvForProcess({ META_APP_SECRET: 'one-meta-app-for-everyone-0123' });
    const signature = { 'x-hub-signature-256': metaSignature(body(), 'one-meta-app-for-everyone-0123') };
    expect(await postRaw(channel, a.slug, body(), signature)).toMatchObject({
      status: 401,
      body: { error: 'bad_signature' },
    });
    await expectNothingStored(a, b);
  });
});

describe('X-Hub-Signature-256 values that are not the MAC of these bytes', () => {
  const body = fixtureText('whatsapp', 'text');
  const mac = createHmac('sha256', 'a-meta-app-secret-0123456789').update(body).digest();
  const hex = mac.toString('hex');
  const forged: Array<[string, string]> = [
    ['truncated by one hex digit', `sha256=${hex.slice(0, -1)}`],
    ['truncated to half', `sha256=${hex.slice(0, 32)}`],
    ['extended by one hex digit', `sha256=${hex}0`],
    ['extended by a byte', `sha256=${hex}00`],
    ['empty after the prefix', 'sha256='],
    ['without the prefix', hex],
    ['with a SHA-1 prefix', `sha1=${hex}`],
    ['with a colon', `sha256:${hex}`],
    ['with spaces inside', `sha256= ${hex.slice(0, 32)} ${hex.slice(32)}`],
    ['base64 instead of hex', `sha256=${mac.toString('base64')}`],
    ['twice, comma-joined', `sha256=${'0'.repeat(64)}, sha256=${hex}`],
    ['keyed by the verify token', metaSignature(body, 'rival-a-verify-token')],
    ['over the body with a trailing newline', metaSignature(`${body}\n`, 'a-meta-app-secret-0123456789')],
    [
      'over the re-serialised JSON',
      metaSignature(JSON.stringify(JSON.parse(body)), 'a-meta-app-secret-0123456789'),
    ],
    [
      'HMAC-SHA1 of the body',
      `sha256=${createHmac('sha1', 'a-meta-app-secret-0123456789').update(body).digest('hex')}`,
    ],
  ];

  it.each(forged)('%s: 401, nothing stored', async (_what, header) => {
    const posted = await postRaw('whatsapp', a.slug, body, { 'x-hub-signature-256': header });
    expect(posted).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    expect(posted.afterTasks).toHaveLength(0);
    await expectNothingStored(a);
  });

  it('the right MAC under the SHA-1 header name only, or under TikTok’s header, is 401', async () => {
    const wrongPlaces: Record<string, string>[] = [
      { 'x-hub-signature': `sha256=${hex}` },
      { 'tiktok-signature': `t=1,s=${hex}` },
    ];
    for (const headers of wrongPlaces) {
      expect((await postRaw('whatsapp', a.slug, body, headers)).status).toBe(401);
    }
    await expectNothingStored(a);
  });

  it('header names are case-insensitive: any spelling of the right signature is accepted once', async () => {
    const spellings = ['X-Hub-Signature-256', 'X-HUB-SIGNATURE-256', 'x-hub-SIGNATURE-256'];
    const results = [];
    for (const name of spellings)
      results.push(await postRaw('whatsapp', a.slug, body, { [name]: `sha256=${hex}` }));
    expect(results.map((result) => [result.status, result.body.outcome])).toEqual([
      [200, 'accepted'],
      [200, 'duplicate'],
      [200, 'duplicate'],
    ]);
    expect(await countRows(test, a.tenantId)).toMatchObject({ messages: 1 });
  });
});

describe('TikTok-Signature', () => {
  const body = () => fixtureText('tiktok', 'receive-text');
  const now = () => Math.floor(Date.now() / 1000);

  it('A’s delivery with A’s valid signature replayed to B’s URL is 401', async () => {
    const posted = await postRaw('tiktok', b.slug, body(), {
      'tiktok-signature': tiktokSignature(body(), a.tiktokSecret),
    });
    expect(posted).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    await expectNothingStored(a, b);
  });

  it('B’s own secret over a body naming A’s business is skipped at B’s URL', async () => {
    const posted = await postRaw('tiktok', b.slug, body(), {
      'tiktok-signature': tiktokSignature(body(), b.tiktokSecret),
    });
    expect(posted).toMatchObject({ status: 200, body: { stored: 0, skipped: 1 } });
    await expectNothingStored(a, b);
  });

  it('a captured old signature with a fresh timestamp pasted in is 401', async () => {
    const old = tiktokSignature(body(), a.tiktokSecret, now() - 3600);
    const refreshed = old.replace(/^t=\d+/, `t=${now()}`);
    expect((await postRaw('tiktok', a.slug, body(), { 'tiktok-signature': refreshed })).status).toBe(401);
    await expectNothingStored(a);
  });

  it.each([
    ['negative', (t: number) => `-${t}`],
    ['fractional', (t: number) => `${t}.5`],
    ['signed', (t: number) => `+${t}`],
    ['hex', (t: number) => `0x${t.toString(16)}`],
    ['exponent', () => '1.7e9'],
    ['13 digits', (t: number) => `${t}000`],
    ['empty', () => ''],
  ])('a %s timestamp is 401 even when the MAC is over it', async (_what, format) => {
    const t = format(now());
    const mac = createHmac('sha256', a.tiktokSecret).update(`${t}.`).update(body()).digest('hex');
    expect((await postRaw('tiktok', a.slug, body(), { 'tiktok-signature': `t=${t},s=${mac}` })).status).toBe(
      401,
    );
    await expectNothingStored(a);
  });

  it.each([
    ['truncated', (s: string) => s.slice(0, -1)],
    ['extended', (s: string) => `${s}0`],
    ['missing', () => ''],
  ])('a %s s= value is 401', async (_what, change) => {
    const [t, s] = tiktokSignature(body(), a.tiktokSecret).split(',');
    const header = `${t},s=${change(s!.slice(2))}`;
    expect((await postRaw('tiktok', a.slug, body(), { 'tiktok-signature': header })).status).toBe(401);
    await expectNothingStored(a);
  });

  it('Meta’s header on the TikTok route is 401', async () => {
    const posted = await postRaw('tiktok', a.slug, body(), {
      'x-hub-signature-256': metaSignature(body(), a.tiktokSecret),
    });
    expect(posted.status).toBe(401);
  });

  it('a replay inside the tolerance window is answered but stores nothing new', async () => {
    const headers = { 'tiktok-signature': tiktokSignature(body(), a.tiktokSecret) };
    const first = await postRaw('tiktok', a.slug, body(), headers);
    const replay = await postRaw('tiktok', a.slug, body(), headers);
    expect([first.body.outcome, replay.body.outcome]).toEqual(['accepted', 'duplicate']);
    expect(await countRows(test, a.tenantId)).toMatchObject({ messages: 1, jobs: 1 });
  });
});
