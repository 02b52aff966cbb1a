import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  type ConversationFixture,
  createConversation,
  queueOutbound,
  readMessage,
  runJobs,
} from './outbound-fixture';
import { type CapturedRequest, captureRequest, graphError } from './platform-fake';

// Messenger and Instagram Send API: body, messaging_type, HUMAN_AGENT tag, errors.

const graph = 'https://graph.test';
const instagram = 'https://instagram.test';
const sent: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({
    GRAPH_API_BASE_URL: graph,
    INSTAGRAM_API_BASE_URL: instagram,
    GRAPH_API_VERSION: 'v26.0',
  });
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

function accept(base: string, mid: string) {
  server.use(
    http.post(`${base}/v26.0/:accountId/messages`, async ({ request }) => {
      sent.push(await captureRequest(request));
      return HttpResponse.json({ recipient_id: 'whoever', message_id: mid });
    }),
  );
}

async function staffReply(fixture: ConversationFixture, text: string): Promise<string> {
  const user = await test.pool.query('insert into auth.users (email) values ($1) returning id', [
    `agent-${fixture.slug}@example.test`,
  ]);
  await test.pool.query(
    "insert into public.tenant_members (tenant_id, user_id, role) values ($1, $2, 'agent')",
    [fixture.tenantId, user.rows[0].id],
  );
  const message = await test.db.rpc('send_human_reply', {
    p_tenant_id: fixture.tenantId,
    p_conversation_id: fixture.conversationId,
    p_user_id: user.rows[0].id,
    p_text: text,
  });
  return message.id;
}

describe('send_facebook', () => {
  it('answers inside the window with messaging_type RESPONSE and our metadata', async () => {
    const fixture = await createConversation(test, { channel: 'facebook', accessToken: 'EAAPage-token' });
    const id = await queueOutbound(test, fixture, { text: 'Hola, sí tenemos citas hoy.' });
    accept(graph, 'm_AbC123');
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`${graph}/v26.0/${fixture.account.pageId}/messages`);
    expect(sent[0]!.headers.authorization).toBe('Bearer EAAPage-token');
    expect(sent[0]!.body).toEqual({
      recipient: { id: fixture.externalId },
      messaging_type: 'RESPONSE',
      message: { text: 'Hola, sí tenemos citas hoy.', metadata: `inbox:${id}` },
    });
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'm_AbC123',
    });
  });

  it('sends a staff reply after 24 h with the HUMAN_AGENT tag', async () => {
    const fixture = await createConversation(test, { channel: 'facebook', hoursAgo: 72 });
    const id = await staffReply(fixture, 'Perdón la demora, ¿sigues interesada?');
    accept(graph, 'm_tagged');
    await runJobs(test, sendHandlers);
    expect(sent[0]!.body).toEqual({
      recipient: { id: fixture.externalId },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Perdón la demora, ¿sigues interesada?', metadata: `inbox:${id}` },
    });
  });

  it('never sends an AI reply after 24 h, tag or not', async () => {
    const fixture = await createConversation(test, { channel: 'facebook', hoursAgo: 30 });
    const id = await queueOutbound(test, fixture, { sender: 'ai' });
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(0);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'outside_window',
    });
  });

  it('refuses a staff reply after 7 days', async () => {
    const fixture = await createConversation(test, { channel: 'facebook', hoursAgo: 24 * 8 });
    await expect(staffReply(fixture, 'Hola')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('explains "outside the allowed window" (10/2018278) and does not retry it', async () => {
    const fixture = await createConversation(test, { channel: 'facebook' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, () =>
        graphError(400, 10, '(#10) This message is sent outside of allowed window.', {
          error_subcode: 2018278,
        }),
      ),
    );
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.failed).toBe(1);
    const row = await readMessage(test, id);
    expect(row).toMatchObject({ delivery_status: 'failed', error_code: '10/2018278' });
    expect(row.error_message).toContain("Outside Messenger's allowed window");
  });

  it('retries a temporary send failure (1200)', async () => {
    const fixture = await createConversation(test, { channel: 'facebook' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, () => graphError(500, 1200, 'Temporary send message failure')),
    );
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.retry_scheduled).toBe(1);
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'queued', error_code: '1200' });
  });
});

describe('send_instagram', () => {
  it('goes through the linked Page on graph.facebook.com when there is one', async () => {
    const fixture = await createConversation(test, {
      channel: 'instagram',
      pageLinkedInstagram: true,
      accessToken: 'EAAPage-ig',
    });
    const id = await queueOutbound(test, fixture, { text: '¡Gracias por escribir!' });
    accept(graph, 'aWdfZAG1faWQ');
    await runJobs(test, sendHandlers);
    expect(sent[0]!.url).toBe(`${graph}/v26.0/${fixture.account.pageId}/messages`);
    expect(sent[0]!.headers.authorization).toBe('Bearer EAAPage-ig');
    expect(sent[0]!.body).toEqual({
      recipient: { id: fixture.externalId },
      messaging_type: 'RESPONSE',
      message: { text: '¡Gracias por escribir!', metadata: `inbox:${id}` },
    });
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'aWdfZAG1faWQ',
    });
  });

  it('goes through graph.instagram.com with Instagram Login (no Page)', async () => {
    const fixture = await createConversation(test, { channel: 'instagram', accessToken: 'IGQ-login-token' });
    await queueOutbound(test, fixture);
    accept(instagram, 'aWdfig');
    await runJobs(test, sendHandlers);
    expect(sent[0]!.url).toBe(`${instagram}/v26.0/${fixture.account.instagramAccountId}/messages`);
    expect(sent[0]!.headers.authorization).toBe('Bearer IGQ-login-token');
  });

  it('sends a staff reply after 24 h with the HUMAN_AGENT tag, never an AI one', async () => {
    const fixture = await createConversation(test, { channel: 'instagram', hoursAgo: 50 });
    const staff = await staffReply(fixture, 'Hola, te respondo yo: sí hay lugar el viernes.');
    const ai = await queueOutbound(test, fixture, { sender: 'ai' });
    accept(instagram, 'aWdfhuman');
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({
      recipient: { id: fixture.externalId },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Hola, te respondo yo: sí hay lugar el viernes.', metadata: `inbox:${staff}` },
    });
    expect(await readMessage(test, staff)).toMatchObject({ delivery_status: 'sent' });
    expect(await readMessage(test, ai)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'outside_window',
    });
  });

  it('marks the connection needs_reauth on 190', async () => {
    const fixture = await createConversation(test, { channel: 'instagram' });
    const id = await queueOutbound(test, fixture);
    server.use(
      http.post(`${instagram}/v26.0/:id/messages`, () => graphError(400, 190, 'Invalid OAuth access token.')),
    );
    await runJobs(test, sendHandlers);
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'failed', error_code: '190' });
    const { rows } = await test.pool.query(
      'select status from public.channel_connections where tenant_id = $1',
      [fixture.tenantId],
    );
    expect(rows[0].status).toBe('needs_reauth');
  });
});
