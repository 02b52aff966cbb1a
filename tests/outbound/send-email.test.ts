import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createConversation, queueOutbound, readMessage, runJobs } from './outbound-fixture';
import { type CapturedRequest, captureRequest } from './platform-fake';

// Email replies through Postmark's POST /email (https://postmarkapp.com/developer/user-guide/
// sending-with-api): X-Postmark-Server-Token, From the connection's address, the threading
// headers, and Postmark's error codes (422 {ErrorCode, Message}).

const postmark = 'https://postmark.test';
const sent: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ POSTMARK_API_BASE_URL: postmark });
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

function answer(status: number, body: Record<string, unknown>) {
  server.use(
    http.post(`${postmark}/email`, async ({ request }) => {
      sent.push(await captureRequest(request));
      return HttpResponse.json(body, { status });
    }),
  );
}

describe('send_email (Postmark)', () => {
  it('sends from the connection’s address, in the customer’s thread, and records Postmark’s MessageID', async () => {
    const fixture = await createConversation(test, { channel: 'email', accessToken: 'pm-server-token-1' });
    const id = await queueOutbound(test, fixture, { text: 'Hola, la limpieza cuesta 650 pesos.' });
    answer(200, {
      To: fixture.externalId,
      SubmittedAt: '2026-12-08T10:00:00.0000000-05:00',
      MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817',
      ErrorCode: 0,
      Message: 'OK',
    });
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`${postmark}/email`);
    expect(sent[0]!.headers['x-postmark-server-token']).toBe('pm-server-token-1');
    const thread = JSON.parse(fixture.threadId!) as { root: string; last: string };
    const domain = fixture.account.emailAddress!.split('@')[1];
    expect(sent[0]!.body).toEqual({
      From: fixture.account.emailAddress,
      To: fixture.externalId,
      Subject: 'Re: Consulta',
      TextBody: 'Hola, la limpieza cuesta 650 pesos.',
      Headers: [
        { Name: 'Message-ID', Value: `<inbox-${id}@${domain}>` },
        { Name: 'In-Reply-To', Value: `<${thread.last}>` },
        { Name: 'References', Value: `<${thread.root}>` },
      ],
      MessageStream: 'outbound',
      Metadata: { inbox_message_id: id },
    });
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817',
    });
  });

  it('an inactive recipient (406) fails for good with a message staff can act on', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    const id = await queueOutbound(test, fixture);
    answer(422, {
      ErrorCode: 406,
      Message: 'You tried to send to recipient(s) that have been marked as inactive.',
    });
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.failed).toBe(1);
    expect(sent).toHaveLength(1);
    const message = await readMessage(test, id);
    expect(message).toMatchObject({ delivery_status: 'failed', error_code: 'postmark_406' });
    expect(message.error_message).toContain('rebotó antes o el cliente marcó spam');
  });

  it('a bad server token (401, code 10) asks staff to reconnect', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    const id = await queueOutbound(test, fixture);
    answer(401, { ErrorCode: 10, Message: 'Bad or missing Server API token.' });
    await runJobs(test, sendHandlers);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'postmark_10',
    });
    const { rows } = await test.pool.query(
      "select status from channel_connections where tenant_id = $1 and channel = 'email'",
      [fixture.tenantId],
    );
    expect(rows[0].status).toBe('needs_reauth');
  });

  it('a Postmark outage (500) is retried later, not failed', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    const id = await queueOutbound(test, fixture);
    answer(500, { ErrorCode: 0, Message: 'Internal server error' });
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect((await readMessage(test, id)).delivery_status).not.toBe('failed');
  });
});
