import { createServer } from 'node:net';
import { delay, HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  createConversation,
  makeAllDue,
  queueOutbound,
  readJobsOf,
  readMessage,
  runJobs,
} from './outbound-fixture';
import { type CapturedRequest, captureRequest, graphError } from './platform-fake';

const graph = 'https://graph.test';
const sent: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ GRAPH_API_BASE_URL: graph, GRAPH_API_VERSION: 'v26.0', SEND_REQUEST_TIMEOUT_MS: '300' });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterEach(() => {
  server.resetHandlers();
  sent.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

function findClosedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function acceptAs(wamid: string) {
  return http.post(`${graph}/v26.0/:phoneNumberId/messages`, async ({ request }) => {
    sent.push(await captureRequest(request));
    return HttpResponse.json({
      messaging_product: 'whatsapp',
      contacts: [{ input: '5215512345678', wa_id: '5215512345678' }],
      messages: [{ id: wamid, message_status: 'accepted' }],
    });
  });
}

describe('send_whatsapp', () => {
  it('sends a staff reply to the Cloud API exactly as documented and records the wamid', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', accessToken: 'EAAG-live-token-1' });
    const { userId } = await createTenantWithStaff(test, `staff-${fixture.slug}`.slice(0, 60));
    await test.pool.query(
      "insert into public.tenant_members (tenant_id, user_id, role) values ($1, $2, 'agent')",
      [fixture.tenantId, userId],
    );
    const message = await test.db.rpc('send_human_reply', {
      p_tenant_id: fixture.tenantId,
      p_conversation_id: fixture.conversationId,
      p_user_id: userId,
      p_text: 'Hola Ana, te esperamos mañana a las 10:00.',
    });
    expect(message).toMatchObject({ delivery_status: 'queued', sender: 'human' });
    server.use(acceptAs('wamid.HBgLNTIxNTUxMjM0NTY3OBUCABEYEjA='));

    const run = await runJobs(test, sendHandlers);

    expect(run.outcomes.completed).toBe(1);
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${graph}/v26.0/${fixture.account.phoneNumberId}/messages`);
    expect(request.headers.authorization).toBe('Bearer EAAG-live-token-1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: fixture.externalId,
      type: 'text',
      text: { preview_url: false, body: 'Hola Ana, te esperamos mañana a las 10:00.' },
      biz_opaque_callback_data: `inbox:${message.id}`,
    });
    const row = await readMessage(test, message.id);
    expect(row).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'wamid.HBgLNTIxNTUxMjM0NTY3OBUCABEYEjA=',
      send_attempts: 1,
      error_code: null,
    });
    expect(row.sent_at).not.toBeNull();
  });

  it('fails 131047 clearly, without retrying, and leaves the connection alone', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, async ({ request }) => {
        sent.push(await captureRequest(request));
        return graphError(400, 131047, '(#131047) Re-engagement message', {
          error_data: {
            messaging_product: 'whatsapp',
            details: 'Message failed to send because more than 24 hours have passed',
          },
        });
      }),
    );
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.failed).toBe(1);
    expect(sent).toHaveLength(1);
    const row = await readMessage(test, id);
    expect(row.delivery_status).toBe('failed');
    expect(row.error_code).toBe('131047');
    expect(row.error_message).toContain('WhatsApp needs an approved message template');
    const connection = await test.pool.query(
      'select status from public.channel_connections where tenant_id = $1',
      [fixture.tenantId],
    );
    expect(connection.rows[0].status).toBe('connected');
  });

  it('marks the connection needs_reauth on 190 and fails the job', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, () =>
        graphError(401, 190, 'Error validating access token: Session has expired'),
      ),
    );
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.failed).toBe(1);
    const row = await readMessage(test, id);
    expect(row).toMatchObject({ delivery_status: 'failed', error_code: '190' });
    expect(row.error_message).toContain('reconnect the channel');
    const { rows } = await test.pool.query(
      'select status, last_error from public.channel_connections where tenant_id = $1',
      [fixture.tenantId],
    );
    expect(rows[0].status).toBe('needs_reauth');
    expect(rows[0].last_error).toContain('190');
    const jobs = await readJobsOf(test, 'send_whatsapp');
    expect(jobs.find((job) => job.payload.message_id === id)).toMatchObject({ status: 'failed' });
  });

  it('retries 130429 with backoff and sends once when the platform accepts', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    let calls = 0;
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, async ({ request }) => {
        sent.push(await captureRequest(request));
        calls += 1;
        if (calls === 1) return graphError(400, 130429, '(#130429) Rate limit hit');
        return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.second-try' }] });
      }),
    );
    const first = await runJobs(test, sendHandlers);
    expect(first.outcomes.retry_scheduled).toBe(1);
    const between = await readMessage(test, id);
    expect(between).toMatchObject({
      delivery_status: 'queued',
      error_code: '130429',
      platform_message_id: null,
    });

    await makeAllDue(test);
    const second = await runJobs(test, sendHandlers);
    expect(second.outcomes.completed).toBe(1);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body).toEqual(sent[1]!.body);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'wamid.second-try',
      error_code: null,
      send_attempts: 2,
    });
  });

  it('never sends again what the platform accepted, even when the job runs again', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    server.use(acceptAs('wamid.once'));
    await runJobs(test, sendHandlers);
    // The same send enqueued again (a redelivered follow-up, a manual retry): nothing goes out.
    await test.db.rpc('enqueue_job', {
      p_job_type: 'send_whatsapp',
      p_payload: { message_id: id },
      p_tenant_id: fixture.tenantId,
      p_dedupe_key: `send:${id}`,
    });
    const again = await runJobs(test, sendHandlers);
    expect(again.outcomes.completed).toBe(1);
    expect(sent).toHaveLength(1);
    const jobs = await readJobsOf(test, 'send_whatsapp');
    expect(jobs.filter((job) => job.payload.message_id === id).map((job) => job.result)).toEqual([
      { platform_message_id: 'wamid.once', sandbox: false },
      { skipped: 'already_sent' },
    ]);
  });

  it('sends a dead-letter message again when staff retry its job, but not an unconfirmed one', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const refused = await queueOutbound(test, fixture, { text: 'Primero' });
    const unconfirmed = await queueOutbound(test, fixture, { text: 'Segundo' });
    await test.pool.query(
      "update public.jobs set max_attempts = 1 where payload->>'message_id' in ($1, $2)",
      [refused, unconfirmed],
    );
    await test.db.rpc('outbound_begin_send', {
      p_message_id: unconfirmed,
      p_tenant_id: fixture.tenantId,
      p_channel: 'whatsapp',
    });
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, () => graphError(503, 2, 'Service temporarily unavailable')),
    );
    const first = await runJobs(test, sendHandlers);
    expect(first.outcomes.failed).toBe(2);
    const deadLetter = await readMessage(test, refused);
    expect(deadLetter).toMatchObject({ delivery_status: 'failed', error_code: '2' });
    // The last attempt: staff are told it was given up, not that it is "retrying".
    expect(deadLetter.error_message).toContain('gave up after the last attempt');
    expect(deadLetter.error_message).not.toContain('retrying');
    expect(await readMessage(test, unconfirmed)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'send_unconfirmed',
    });

    server.use(acceptAs('wamid.after-retry'));
    for (const job of await readJobsOf(test, 'send_whatsapp')) {
      if ([refused, unconfirmed].includes(job.payload.message_id))
        await test.db.rpc('retry_failed_job', { p_job_id: job.id });
    }
    await runJobs(test, sendHandlers);
    expect(sent.map((request) => (request.body as { text: { body: string } }).text.body)).toEqual([
      'Primero',
    ]);
    expect(await readMessage(test, refused)).toMatchObject({
      delivery_status: 'sent',
      error_code: null,
      failed_at: null,
    });
    expect(await readMessage(test, unconfirmed)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'send_unconfirmed',
    });
  });

  it('a staff retry of an AI reply the conversation has moved past sends nothing', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const old = await queueOutbound(test, fixture, { text: 'Respuesta vieja' });
    await test.pool.query("update public.jobs set max_attempts = 1 where payload->>'message_id' = $1", [old]);
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, () => graphError(503, 2, 'Service temporarily unavailable')),
    );
    expect((await runJobs(test, sendHandlers)).outcomes.failed).toBe(1);

    // A later answer went out before anyone retried the dead letter.
    server.use(acceptAs('wamid.newer'));
    await queueOutbound(test, fixture, { text: 'Respuesta nueva' });
    await runJobs(test, sendHandlers);
    sent.length = 0;

    const [job] = (await readJobsOf(test, 'send_whatsapp')).filter((j) => j.payload.message_id === old);
    await test.db.rpc('retry_failed_job', { p_job_id: job.id });
    const retried = await runJobs(test, sendHandlers);
    expect(retried.outcomes.completed).toBe(1);
    expect(sent).toHaveLength(0);
    const row = await readMessage(test, old);
    expect(row).toMatchObject({ delivery_status: 'failed', error_code: 'superseded' });
    expect(row.error_message).toContain('moved on');
  });

  it('does not resend a call cut off by a timeout; it fails clearly once the grace period ends', async () => {
    setEnvForProcess({ SEND_UNCONFIRMED_GRACE_SECONDS: '120' });
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, async ({ request }) => {
        sent.push(await captureRequest(request));
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const first = await runJobs(test, sendHandlers);
    expect(first.outcomes.retry_scheduled).toBe(1);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sending',
      platform_message_id: null,
    });

    await makeAllDue(test);
    const second = await runJobs(test, sendHandlers);
    expect(second.outcomes.retry_scheduled).toBe(1);
    expect(sent).toHaveLength(1);

    // The grace period passes without an echo or status confirming the send.
    await test.pool.query(
      "update public.messages set send_started_at = now() - interval '10 minutes' where id = $1",
      [id],
    );
    await makeAllDue(test);
    const third = await runJobs(test, sendHandlers);
    expect(third.outcomes.failed).toBe(1);
    expect(sent).toHaveLength(1);
    const row = await readMessage(test, id);
    expect(row).toMatchObject({ delivery_status: 'failed', error_code: 'send_unconfirmed' });
    expect(row.error_message).toContain('check the conversation on whatsapp');
  });

  it('retries a refused connection (nothing reached the platform) and then sends', async () => {
    const closedPort = await findClosedPort();
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    setEnvForProcess({ GRAPH_API_BASE_URL: `http://127.0.0.1:${closedPort}` });
    server.use(http.post(`http://127.0.0.1:${closedPort}/*`, () => passthrough()));
    try {
      const first = await runJobs(test, sendHandlers);
      expect(first.outcomes.retry_scheduled).toBe(1);
    } finally {
      setEnvForProcess({ GRAPH_API_BASE_URL: graph });
    }
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'queued', error_code: 'network' });

    server.use(acceptAs('wamid.after-refused'));
    await makeAllDue(test);
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'wamid.after-refused',
    });
  });

  it('treats a network error that may have reached the platform as unconfirmed, not as unsent', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    server.use(http.post(`${graph}/v26.0/:id/messages`, () => HttpResponse.error()));
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.retry_scheduled).toBe(1);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sending',
      platform_message_id: null,
    });
  });

  it('refuses an AI reply outside the 24 h window without calling the API', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', hoursAgo: 25 });
    const id = await queueOutbound(test, fixture, { sender: 'ai' });
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.failed).toBe(1);
    expect(sent).toHaveLength(0);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'outside_window',
    });
  });

  it('refuses a staff reply after 24 h at once: WhatsApp needs a template', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', hoursAgo: 30 });
    const member = await test.pool.query('insert into auth.users (email) values ($1) returning id', [
      `agent-${fixture.slug}@example.test`,
    ]);
    await test.pool.query(
      "insert into public.tenant_members (tenant_id, user_id, role) values ($1, $2, 'agent')",
      [fixture.tenantId, member.rows[0].id],
    );
    await expect(
      test.db.rpc('send_human_reply', {
        p_tenant_id: fixture.tenantId,
        p_conversation_id: fixture.conversationId,
        p_user_id: member.rows[0].id,
        p_text: 'Hola',
      }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('approved message templates'),
    });
  });
});
