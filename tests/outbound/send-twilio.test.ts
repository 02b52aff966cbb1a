import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createConversation, makeAllDue, queueOutbound, readMessage, runJobs } from './outbound-fixture';

// send_twilio against a fake of Twilio's Messages API: form-encoded requests with Basic auth,
// JSON answers shaped as Twilio documents them (a Message resource, or { code, message,
// more_info, status } for errors; twilio.com/docs/api/errors).

const twilio = 'https://twilio.test';
const server = setupServer();
type Seen = {
  url: string;
  authorization: string | null;
  contentType: string | null;
  form: Record<string, string>;
};
const seen: Seen[] = [];
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ TWILIO_API_BASE_URL: twilio });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

function messageResource(account: string, form: Record<string, string>, sid: string) {
  return {
    account_sid: account,
    api_version: '2010-04-01',
    body: form.Body ?? '',
    date_created: 'Tue, 08 Dec 2026 00:20:00 +0000',
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: form.From ?? null,
    messaging_service_sid: form.MessagingServiceSid ?? null,
    num_media: form.MediaUrl ? '1' : '0',
    num_segments: '1',
    sid,
    status: 'queued',
    to: form.To,
    uri: `/2010-04-01/Accounts/${account}/Messages/${sid}.json`,
  };
}

function fakeTwilio(answer: (form: Record<string, string>, account: string) => Response) {
  server.use(
    http.post(`${twilio}/2010-04-01/Accounts/:account/Messages.json`, async ({ request, params }) => {
      const form = Object.fromEntries(new URLSearchParams(await request.text()));
      seen.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        contentType: request.headers.get('content-type'),
        form,
      });
      return answer(form, String(params.account));
    }),
  );
}

function twilioError(status: number, code: number, message: string) {
  return HttpResponse.json(
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    { status },
  );
}

const sid = 'SM0123456789abcdef0123456789abcdef';

describe('send_twilio', () => {
  it('posts a form with Basic auth (Account SID + Auth Token) to the account’s Messages.json and records the sid', async () => {
    const fixture = await createConversation(test, { channel: 'twilio', accessToken: 'the-auth-token' });
    const id = await queueOutbound(test, fixture, { text: 'Hola, ¿en qué te ayudo?' });
    fakeTwilio((form, account) => HttpResponse.json(messageResource(account, form, sid), { status: 201 }));
    await runJobs(test, sendHandlers);
    const account = fixture.account.accountSid!;
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${twilio}/2010-04-01/Accounts/${account}/Messages.json`);
    expect(seen[0]!.contentType).toBe('application/x-www-form-urlencoded');
    expect(seen[0]!.authorization).toBe(
      `Basic ${Buffer.from(`${account}:the-auth-token`).toString('base64')}`,
    );
    expect(seen[0]!.form).toEqual({
      To: `whatsapp:+${fixture.externalId}`,
      From: fixture.account.from,
      Body: 'Hola, ¿en qué te ayudo?',
    });
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'sent', platform_message_id: sid });
  });

  it.each([
    [400, 63016, 'Outside messaging window', 'failed'],
    [400, 21211, "The 'To' number is not a valid phone number", 'failed'],
    [400, 21610, 'Attempt to send to unsubscribed recipient', 'failed'],
  ])(
    'HTTP %i error %i is permanent: failed with its code, sent once',
    async (status, code, message, final) => {
      const fixture = await createConversation(test, { channel: 'twilio' });
      const id = await queueOutbound(test, fixture);
      fakeTwilio(() => twilioError(status, code, message));
      const run = await runJobs(test, sendHandlers);
      expect(run.outcomes.failed).toBe(1);
      expect(seen).toHaveLength(1);
      expect(await readMessage(test, id)).toMatchObject({ delivery_status: final, error_code: String(code) });
    },
  );

  it('20429 / 429 is retried, then sent', async () => {
    const fixture = await createConversation(test, { channel: 'twilio' });
    const id = await queueOutbound(test, fixture);
    let calls = 0;
    fakeTwilio((form, account) => {
      calls += 1;
      return calls === 1
        ? twilioError(429, 20429, 'Too Many Requests')
        : HttpResponse.json(messageResource(account, form, sid.replace('SM0', 'SM1')), { status: 201 });
    });
    await runJobs(test, sendHandlers);
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'queued', error_code: '20429' });
    await makeAllDue(test);
    await runJobs(test, sendHandlers);
    expect(calls).toBe(2);
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'sent' });
  });

  it('20003 (credentials refused) marks the connection for reconnection', async () => {
    const fixture = await createConversation(test, { channel: 'twilio' });
    const id = await queueOutbound(test, fixture);
    fakeTwilio(() => twilioError(401, 20003, 'Authenticate'));
    await runJobs(test, sendHandlers);
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'failed', error_code: '20003' });
    const { rows } = await test.pool.query(
      "select status from channel_connections where tenant_id = $1 and channel = 'twilio'",
      [fixture.tenantId],
    );
    expect(rows[0].status).toBe('needs_reauth');
  });

  it('sends a template as ContentSid + ContentVariables, never Body, even outside the 24 h window', async () => {
    const fixture = await createConversation(test, { channel: 'twilio', hoursAgo: 30 });
    const id = await queueOutbound(test, fixture, { text: 'Hola Ana, tu cita es el lunes' });
    const content = {
      kind: 'template',
      name: 'HX0123456789abcdef0123456789abcdef',
      language: 'es_MX',
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Ana' },
            { type: 'text', text: 'el lunes' },
          ],
        },
      ],
    };
    await test.pool.query('update messages set content = $2 where id = $1', [id, content]);
    fakeTwilio((form, account) => HttpResponse.json(messageResource(account, form, sid), { status: 201 }));
    await runJobs(test, sendHandlers);
    expect(seen[0]!.form).toEqual({
      To: `whatsapp:+${fixture.externalId}`,
      From: fixture.account.from,
      ContentSid: 'HX0123456789abcdef0123456789abcdef',
      ContentVariables: '{"1":"Ana","2":"el lunes"}',
    });
    expect(await readMessage(test, id)).toMatchObject({ delivery_status: 'sent' });
  });

  it('does not send free text after 24 h (WhatsApp’s window), without calling Twilio', async () => {
    const fixture = await createConversation(test, { channel: 'twilio', hoursAgo: 25 });
    const id = await queueOutbound(test, fixture);
    fakeTwilio((form, account) => HttpResponse.json(messageResource(account, form, sid), { status: 201 }));
    await runJobs(test, sendHandlers);
    expect(seen).toHaveLength(0);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'outside_window',
    });
  });
});
