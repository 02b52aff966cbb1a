import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  addInboundMessage,
  type ConversationFixture,
  createConversation,
  makeAllDue,
  queueOutbound,
  readMessage,
  runJobs,
} from './outbound-fixture';
import { type CapturedRequest, captureRequest } from './platform-fake';

const tiktok = 'https://tiktok.test';
const sendUrl = `${tiktok}/open_api/v1.3/business/message/send/`;
const sent: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ TIKTOK_API_BASE_URL: tiktok, TIKTOK_MAX_REPLIES_PER_DAY: '2' });
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

function answerEachWithNewId() {
  let n = 0;
  server.use(
    http.post(sendUrl, async ({ request }) => {
      sent.push(await captureRequest(request));
      n += 1;
      return HttpResponse.json({ code: 0, message: 'OK', data: { message: { message_id: `tt-${n}` } } });
    }),
  );
}

/** A reply sent earlier, written directly as the send path leaves it. */
async function writeEarlierReply(
  fixture: ConversationFixture,
  conversationId: string,
  fields: { status: string; sentHoursAgo: number | null; createdHoursAgo: number },
) {
  await test.pool.query(
    `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text,
       delivery_status, sent_at, created_at)
     values ($1, $2, $3, 'tiktok', 'outbound', 'ai', 'Earlier reply', $4,
       now() - make_interval(secs => $5::float8 * 3600), now() - make_interval(secs => $6::float8 * 3600))`,
    [
      fixture.tenantId,
      conversationId,
      fixture.leadId,
      fields.status,
      fields.sentHoursAgo,
      fields.createdHoursAgo,
    ],
  );
}

function answerWith(body: Record<string, unknown>) {
  server.use(
    http.post(sendUrl, async ({ request }) => {
      sent.push(await captureRequest(request));
      return HttpResponse.json(body);
    }),
  );
}

describe('send_tiktok', () => {
  it('sends with the Access-Token header to the conversation and records the message id', async () => {
    const fixture = await createConversation(test, { channel: 'tiktok', accessToken: 'act.tiktok-token' });
    const id = await queueOutbound(test, fixture, { text: 'Hola, ¿en qué te ayudo?' });
    answerWith({
      code: 0,
      message: 'OK',
      request_id: '2026112202',
      data: { message: { message_id: 'tt-msg-1' } },
    });
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(sendUrl);
    expect(sent[0]!.headers['access-token']).toBe('act.tiktok-token');
    expect(sent[0]!.headers.authorization).toBeUndefined();
    expect(sent[0]!.body).toEqual({
      business_id: fixture.account.businessId,
      recipient_type: 'CONVERSATION',
      recipient: fixture.threadId,
      message_type: 'TEXT',
      text: { body: 'Hola, ¿en qué te ayudo?' },
    });
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'tt-msg-1',
    });
  });

  it('treats HTTP 200 with code != 0 as an error', async () => {
    const fixture = await createConversation(test, { channel: 'tiktok' });
    const id = await queueOutbound(test, fixture);
    answerWith({ code: 40002, message: 'Invalid parameters', request_id: 'r', data: {} });
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.failed).toBe(1);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'failed',
      error_code: '40002',
      platform_message_id: null,
    });
  });

  it('never fails for good (or resends) a message TikTok answered 2xx with an unreadable body', async () => {
    const fixture = await createConversation(test, { channel: 'tiktok' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(sendUrl, async ({ request }) => {
        sent.push(await captureRequest(request));
        return new HttpResponse('<html>upstream proxy</html>', { status: 200 });
      }),
    );
    const first = await runJobs(test, sendHandlers);
    expect(first.outcomes.retry_scheduled).toBe(1);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sending',
      platform_message_id: null,
    });
    await makeAllDue(test);
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
  });

  it('marks the connection needs_reauth on an invalid token (40105)', async () => {
    const fixture = await createConversation(test, { channel: 'tiktok' });
    await queueOutbound(test, fixture);
    answerWith({ code: 40105, message: 'Access token is invalid', data: {} });
    await runJobs(test, sendHandlers);
    const { rows } = await test.pool.query(
      'select status from public.channel_connections where tenant_id = $1',
      [fixture.tenantId],
    );
    expect(rows[0].status).toBe('needs_reauth');
  });

  it('stops at the configured number of replies per day, also after the customer writes again', async () => {
    const fixture = await createConversation(test, { channel: 'tiktok' });
    answerEachWithNewId();
    const ids = [
      await queueOutbound(test, fixture),
      await queueOutbound(test, fixture),
      await queueOutbound(test, fixture),
    ];
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(2);
    const third = await readMessage(test, ids[2]!);
    expect(third).toMatchObject({
      delivery_status: 'failed',
      error_code: 'tiktok_reply_limit',
      error_message: 'TikTok allows 2 replies per customer per day; the limit is reached.',
    });

    await addInboundMessage(test, fixture, '¿Sigues ahí?');
    const fourth = await queueOutbound(test, fixture);
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(2);
    expect(await readMessage(test, fourth)).toMatchObject({ error_code: 'tiktok_reply_limit' });
  });

  it("counts the customer's replies of the last 24 h across their TikTok conversations, not older ones", async () => {
    const fixture = await createConversation(test, { channel: 'tiktok' });
    // An earlier, resolved conversation of the same customer with a reply sent 2 h ago.
    const { rows } = await test.pool.query(
      `insert into public.conversations (tenant_id, lead_id, channel, status, external_thread_id, last_inbound_at)
       values ($1, $2, 'tiktok', 'resolved', 'tt-conv-earlier', now() - interval '3 hours') returning id`,
      [fixture.tenantId, fixture.leadId],
    );
    await writeEarlierReply(fixture, rows[0].id, { status: 'read', sentHoursAgo: 2, createdHoursAgo: 2 });
    // Older than 24 h: sent 25 h ago, and one never marked sent that was created 30 h ago.
    await writeEarlierReply(fixture, fixture.conversationId, {
      status: 'delivered',
      sentHoursAgo: 25,
      createdHoursAgo: 25,
    });
    await writeEarlierReply(fixture, fixture.conversationId, {
      status: 'sent',
      sentHoursAgo: null,
      createdHoursAgo: 30,
    });
    // A refused reply and another customer's replies of the same tenant do not count either.
    await writeEarlierReply(fixture, fixture.conversationId, {
      status: 'failed',
      sentHoursAgo: null,
      createdHoursAgo: 1,
    });
    const other = await createConversation(test, { channel: 'tiktok', slug: fixture.slug });
    await writeEarlierReply(other, other.conversationId, {
      status: 'sent',
      sentHoursAgo: 1,
      createdHoursAgo: 1,
    });
    await writeEarlierReply(other, other.conversationId, {
      status: 'sent',
      sentHoursAgo: 1,
      createdHoursAgo: 1,
    });

    answerEachWithNewId();
    const first = await queueOutbound(test, fixture);
    const second = await queueOutbound(test, fixture);
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect(await readMessage(test, first)).toMatchObject({ delivery_status: 'sent' });
    expect(await readMessage(test, second)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'tiktok_reply_limit',
    });
  });
});
