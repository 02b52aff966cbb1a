import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  type ConversationFixture,
  createConversation,
  makeAllDue,
  queueOutbound,
  readMessage,
  runJobs,
} from './outbound-fixture';
import { type CapturedRequest, captureRequest } from './platform-fake';

// The platform's echo or status can arrive (through the real ingest_webhook) before the sender
// records the platform id. Neither a lost nor a doubled message may come out of the race.

const graph = 'https://graph.test';
const sent: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ GRAPH_API_BASE_URL: graph, SEND_UNCONFIRMED_GRACE_SECONDS: '120' });
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

/** What the webhook route does after verifying a delivery: one ingest_webhook call. */
async function ingest(fixture: ConversationFixture, accountId: string, events: unknown[]) {
  const connection = await test.db.rpc('webhook_connection', {
    p_tenant_slug: fixture.slug,
    p_channel: fixture.channel,
  });
  return test.db.rpc('ingest_webhook', {
    p_tenant_id: fixture.tenantId,
    p_channel: fixture.channel,
    p_events: events.map((event) => ({ ...(event as object), account_id: accountId })),
    p_secret_fingerprint: connection.found === 'connection' ? connection.secret_fingerprint : null,
  });
}

function echoOf(fixture: ConversationFixture, mid: string, ownMessageId: string, text: string) {
  return {
    kind: 'message',
    platform_message_id: mid,
    direction: 'outbound',
    sender: 'human',
    contact: { external_id: fixture.externalId },
    message_type: 'text',
    text,
    media: null,
    reply_to_platform_message_id: null,
    platform_timestamp: new Date().toISOString(),
    external_thread_id: null,
    own_message_id: ownMessageId,
    answerable: false,
    raw: { is_echo: true, metadata: `inbox:${ownMessageId}` },
  };
}

describe('echo and status races', () => {
  it('a Messenger echo confirms a send whose result was lost: no second send', async () => {
    const fixture = await createConversation(test, { channel: 'facebook' });
    const id = await queueOutbound(test, fixture, { text: 'Te esperamos a las 5.' });
    // The worker marked the send, called Meta and died before recording the answer.
    await test.db.rpc('outbound_begin_send', {
      p_message_id: id,
      p_tenant_id: fixture.tenantId,
      p_channel: 'facebook',
    });
    const first = await runJobs(test, sendHandlers);
    expect(first.outcomes.retry_scheduled).toBe(1);

    const result = await ingest(fixture, fixture.account.pageId!, [
      echoOf(fixture, 'm_echo_1', id, 'Te esperamos a las 5.'),
    ]);
    expect(result.echoes_linked).toBe(1);

    await makeAllDue(test);
    const second = await runJobs(test, sendHandlers);
    expect(second.outcomes.completed).toBe(1);
    expect(sent).toHaveLength(0);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'm_echo_1',
    });
    const { rows } = await test.pool.query(
      "select count(*)::int as n from public.messages where conversation_id = $1 and direction = 'outbound'",
      [fixture.conversationId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('a WhatsApp status with our marker confirms a send whose result was lost: no second send', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture, { text: 'Le confirmo su cita.' });
    await test.db.rpc('outbound_begin_send', {
      p_message_id: id,
      p_tenant_id: fixture.tenantId,
      p_channel: 'whatsapp',
    });
    const first = await runJobs(test, sendHandlers);
    expect(first.outcomes.retry_scheduled).toBe(1);

    // What the WhatsApp normaliser makes of a status carrying biz_opaque_callback_data "inbox:<id>".
    const result = await ingest(fixture, fixture.account.phoneNumberId!, [
      {
        kind: 'status',
        platform_message_id: 'wamid.lost_answer',
        status: 'delivered',
        status_at: new Date().toISOString(),
        error_code: null,
        error_message: null,
        own_message_id: id,
      },
    ]);
    expect(result.statuses_applied).toBe(1);

    await makeAllDue(test);
    const second = await runJobs(test, sendHandlers);
    expect(second.outcomes.completed).toBe(1);
    expect(sent).toHaveLength(0);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'delivered',
      platform_message_id: 'wamid.lost_answer',
    });
  });

  it('an echo that beat the send result is folded into our row, not kept twice', async () => {
    const fixture = await createConversation(test, { channel: 'facebook' });
    const id = await queueOutbound(test, fixture, { text: 'Claro que sí.' });
    server.use(
      http.post(`${graph}/v26.0/:pageId/messages`, async ({ request }) => {
        sent.push(await captureRequest(request));
        // Meta's echo arrives (without our metadata, as from another app) before the HTTP answer.
        const echo = { ...echoOf(fixture, 'm_race', id, 'Claro que sí.'), own_message_id: null };
        await ingest(fixture, fixture.account.pageId!, [echo]);
        return HttpResponse.json({ recipient_id: fixture.externalId, message_id: 'm_race' });
      }),
    );
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    const { rows } = await test.pool.query(
      "select id, platform_message_id, delivery_status from public.messages where conversation_id = $1 and direction = 'outbound'",
      [fixture.conversationId],
    );
    expect(rows).toEqual([{ id, platform_message_id: 'm_race', delivery_status: 'sent' }]);
  });

  it('a TikTok echo of our fallback (sender system, no marker) is our message, not a second one', async () => {
    const fixture = await createConversation(test, { channel: 'tiktok' });
    const id = await queueOutbound(test, fixture, { sender: 'system', text: 'Te escribimos pronto.' });
    // im_send_msg as the TikTok normaliser makes it: an outbound staff message, matched by text.
    const echo = {
      ...echoOf(fixture, 'tt-msg-fallback', id, 'Te escribimos pronto.'),
      own_message_id: null,
      external_thread_id: fixture.threadId,
      raw: { event: 'im_send_msg' },
    };
    const result = await ingest(fixture, fixture.account.businessId!, [echo]);
    expect(result.echoes_linked).toBe(1);
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(0);
    const { rows } = await test.pool.query(
      "select id, sender, platform_message_id, delivery_status from public.messages where conversation_id = $1 and direction = 'outbound'",
      [fixture.conversationId],
    );
    expect(rows).toEqual([
      { id, sender: 'system', platform_message_id: 'tt-msg-fallback', delivery_status: 'sent' },
    ]);
  });

  it('an echo after a cut-off send was given up (send_unconfirmed) marks it sent, once', async () => {
    const fixture = await createConversation(test, { channel: 'facebook' });
    const id = await queueOutbound(test, fixture, { text: 'Le guardo el lugar.' });
    await test.db.rpc('outbound_begin_send', {
      p_message_id: id,
      p_tenant_id: fixture.tenantId,
      p_channel: 'facebook',
    });
    setEnvForProcess({ SEND_UNCONFIRMED_GRACE_SECONDS: '0' });
    try {
      const givenUp = await runJobs(test, sendHandlers);
      expect(givenUp.outcomes.failed).toBe(1);
    } finally {
      setEnvForProcess({ SEND_UNCONFIRMED_GRACE_SECONDS: '120' });
    }
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'send_unconfirmed',
    });

    // Meta's echo, without our metadata (as when the send came through another app's path).
    const echo = { ...echoOf(fixture, 'm_late_echo', id, 'Le guardo el lugar.'), own_message_id: null };
    const result = await ingest(fixture, fixture.account.pageId!, [echo]);
    expect(result.echoes_linked).toBe(1);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'm_late_echo',
      error_code: null,
    });
    const again = await ingest(fixture, fixture.account.pageId!, [echo]);
    expect(again.duplicates).toBe(1);
    const { rows } = await test.pool.query(
      "select count(*)::int as n from public.messages where conversation_id = $1 and direction = 'outbound'",
      [fixture.conversationId],
    );
    expect(rows[0].n).toBe(1);
    expect(sent).toHaveLength(0);
  });

  it('a WhatsApp "delivered" status that arrived before the wamid was recorded is applied', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(`${graph}/v26.0/:phoneNumberId/messages`, async ({ request }) => {
        sent.push(await captureRequest(request));
        const status = {
          kind: 'status',
          platform_message_id: 'wamid.early',
          status: 'delivered',
          status_at: new Date().toISOString(),
          error_code: null,
          error_message: null,
        };
        const result = await ingest(fixture, fixture.account.phoneNumberId!, [status]);
        expect(result.statuses_pending).toBe(1);
        return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.early' }] });
      }),
    );
    await runJobs(test, sendHandlers);
    const row = await readMessage(test, id);
    expect(row).toMatchObject({ platform_message_id: 'wamid.early', delivery_status: 'delivered' });
    expect(row.delivered_at).not.toBeNull();
    const pending = await test.pool.query(
      'select count(*)::int as n from public.pending_message_statuses where platform_message_id = $1',
      ['wamid.early'],
    );
    expect(pending.rows[0].n).toBe(0);
  });
});
