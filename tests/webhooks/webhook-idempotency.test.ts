import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { setDb } from '@/src/db/get-db';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countingPort } from './support/counting-port';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postRaw, postSigned } from './support/post-webhook';
import { metaSignature } from './support/sign';
import { countRows, webhookEvents } from './support/stored-rows';

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});
afterEach(() => setDb(test.db));

async function pendingAiJobs() {
  const { rows } = await test.pool.query(
    "select * from jobs where tenant_id = $1 and job_type = 'ai_response' and status = 'pending'",
    [tenant.tenantId],
  );
  return rows;
}

/** The WhatsApp text fixture with its own message id (a different customer message). */
function whatsappText(id: string, text = 'Hola'): string {
  return fixtureText('whatsapp', 'text')
    .replace('wamid.HBgNNTIxNTU4NzY1NDMyMRUCABIYFDNBMDFBMDFBMDFBMDFBMDFBMDEA', id)
    .replace('Hola, ¿cuánto cuesta una limpieza? 🦷', text);
}

describe('replays', () => {
  it('a sequential replay stores nothing new and says duplicate', async () => {
    const body = fixtureText('whatsapp', 'text');
    expect((await postSigned('whatsapp', tenant.slug, body)).body).toMatchObject({
      outcome: 'accepted',
      stored: 1,
    });
    const again = await postSigned('whatsapp', tenant.slug, body);
    expect(again).toMatchObject({
      status: 200,
      body: { outcome: 'duplicate', stored: 0, duplicates: 1, ai_jobs: 0 },
    });
    expect(again.afterTasks).toHaveLength(0);
    expect(await countRows(test, tenant.tenantId)).toMatchObject({
      leads: 1,
      conversations: 1,
      messages: 1,
      jobs: 1,
    });
    expect((await webhookEvents(test)).map((event) => event.outcome)).toEqual(['accepted', 'duplicate']);
  });

  const parallel: Array<[Channel, string]> = [
    ['whatsapp', 'text'],
    ['facebook', 'text'],
    ['instagram', 'text'],
    ['tiktok', 'receive-text'],
  ];

  it.each(parallel)('%s: 20 replays at once store one message and one job', async (channel, fixture) => {
    const body = fixtureText(channel, fixture);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => postSigned(channel, tenant.slug, body)),
    );
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
    expect(results.filter((result) => result.body.stored === 1)).toHaveLength(1);
    expect(results.filter((result) => result.body.outcome === 'duplicate')).toHaveLength(19);
    const rows = await countRows(test, tenant.tenantId);
    expect(rows).toMatchObject({ leads: 1, identities: 1, conversations: 1, messages: 1 });
    expect(await pendingAiJobs()).toHaveLength(1);
  });
});

describe('concurrent first messages', () => {
  it('20 different first messages from one new person at once make one lead and one conversation', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => whatsappText(`wamid.FIRST${i}`, `mensaje ${i}`));
    const results = await Promise.all(bodies.map((body) => postSigned('whatsapp', tenant.slug, body)));
    expect(results.every((result) => result.status === 200 && result.body.stored === 1)).toBe(true);
    expect(results.filter((result) => result.body.leads_created === 1)).toHaveLength(1);
    expect(await countRows(test, tenant.tenantId)).toMatchObject({
      leads: 1,
      identities: 1,
      conversations: 1,
      messages: 20,
    });
    const jobs = await pendingAiJobs();
    expect(jobs).toHaveLength(1);
    // Deliveries for one person commit one after the other; the job names the last one, which
    // is also the newest in the conversation's order (what the AI reply must answer).
    const newest = await test.pool.query(
      "select id from messages where tenant_id = $1 and direction = 'inbound' order by created_at desc, id desc limit 1",
      [tenant.tenantId],
    );
    expect(jobs[0].payload.message_id).toBe(newest.rows[0].id);
  });
});

describe('bursts and the ai_response job', () => {
  it('a burst of messages keeps one pending job that names the newest message', async () => {
    for (let i = 0; i < 5; i += 1) await postSigned('whatsapp', tenant.slug, whatsappText(`wamid.BURST${i}`));
    const jobs = await pendingAiJobs();
    expect(jobs).toHaveLength(1);
    const last = await test.pool.query(
      "select id, conversation_id from messages where platform_message_id = 'wamid.BURST4'",
    );
    expect(jobs[0].payload).toEqual({
      conversation_id: last.rows[0].conversation_id,
      message_id: last.rows[0].id,
    });
    expect(jobs[0].dedupe_key).toBe(`ai_response:${last.rows[0].conversation_id}`);
  });

  it('a message after the job was claimed gets a new pending job', async () => {
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.CLAIMED0'));
    await test.pool.query("update jobs set status = 'processing' where tenant_id = $1", [tenant.tenantId]);
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.CLAIMED1'));
    expect(await pendingAiJobs()).toHaveLength(1);
    expect((await countRows(test, tenant.tenantId)).jobs).toBe(2);
  });

  it('no job when the AI does not handle the conversation or the connection has AI off', async () => {
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.HUMAN0'));
    await test.pool.query("update jobs set status = 'completed' where tenant_id = $1", [tenant.tenantId]);
    await test.pool.query("update conversations set handled_by = 'human' where tenant_id = $1", [
      tenant.tenantId,
    ]);
    expect((await postSigned('whatsapp', tenant.slug, whatsappText('wamid.HUMAN1'))).body).toMatchObject({
      ai_jobs: 0,
    });

    tenant = await freshWebhookTenant(test, { aiEnabled: false });
    expect((await postSigned('whatsapp', tenant.slug, whatsappText('wamid.AIOFF0'))).body).toMatchObject({
      stored: 1,
      ai_jobs: 0,
    });
    expect(await pendingAiJobs()).toHaveLength(0);
  });

  it('a closed conversation is not reopened: the next message starts a new one', async () => {
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.OLD0'));
    await test.pool.query("update conversations set status = 'resolved' where tenant_id = $1", [
      tenant.tenantId,
    ]);
    const posted = await postSigned('whatsapp', tenant.slug, whatsappText('wamid.NEW0'));
    expect(posted.body).toMatchObject({ conversations_created: 1, leads_created: 0 });
    const { rows } = await test.pool.query(
      'select status from conversations where tenant_id = $1 order by created_at',
      [tenant.tenantId],
    );
    expect(rows.map((row) => row.status)).toEqual(['resolved', 'active']);
  });
});

describe('round trips', () => {
  it('a stored delivery is one rpc once the connection is known, whatever the batch size', async () => {
    const port = countingPort(test.db);
    setDb(port);
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.TRIP0'));
    expect(port.calls).toEqual(['webhook_connection', 'ingest_webhook']);
    port.calls.length = 0;
    expect((await postSigned('whatsapp', tenant.slug, whatsappText('wamid.TRIP1'))).status).toBe(200);
    expect(port.calls).toEqual(['ingest_webhook']);
    port.calls.length = 0;
    const batch = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'batch'));
    expect(batch.body).toMatchObject({ stored: 4 });
    expect(port.calls).toEqual(['ingest_webhook']);
  });

  it('a refused delivery writes only its webhook_events row, in one more call', async () => {
    const port = countingPort(test.db);
    setDb(port);
    const body = whatsappText('wamid.TRIP2');
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.TRIP3'));
    port.calls.length = 0;
    const refused = await postRaw('whatsapp', tenant.slug, body, {
      'x-hub-signature-256': metaSignature(body, 'nope'),
    });
    expect(refused.status).toBe(401);
    // A cached secret that fails is checked once more against a fresh read, then the refusal is recorded.
    expect(port.calls).toEqual(['webhook_connection', 'record_webhook_event']);
  });
});
