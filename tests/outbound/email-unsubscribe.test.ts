import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/unsubscribe/[token]/route';
import { getEnv, setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { signUnsubscribeToken } from '@/src/unsubscribe/unsubscribe-token';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type ConversationFixture, createConversation, queueOutbound, runJobs } from './outbound-fixture';
import { type CapturedRequest, captureRequest } from './platform-fake';

// One-click unsubscribe (RFC 8058) in automated mail: the AI's and automations' replies carry
// List-Unsubscribe (an https link with a signed token naming tenant + lead) and
// List-Unsubscribe-Post: List-Unsubscribe=One-Click, sent as Postmark's Headers [{Name, Value}]
// (https://postmarkapp.com/developer/api/email-api); a person's reply does not. The link's POST
// opts the lead out of automated messages (follow_up_opt_outs), once; GET only shows a page.

const postmark = 'https://postmark.test';
const appBase = 'https://inbox.example';
const sent: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ POSTMARK_API_BASE_URL: postmark, APP_BASE_URL: appBase });
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

function acceptSends() {
  server.use(
    http.post(`${postmark}/email`, async ({ request }) => {
      sent.push(await captureRequest(request));
      return HttpResponse.json({ MessageID: crypto.randomUUID(), ErrorCode: 0, Message: 'OK' });
    }),
  );
}

function headersOf(request: CapturedRequest): Record<string, string> {
  const list = (request.body as { Headers: Array<{ Name: string; Value: string }> }).Headers;
  return Object.fromEntries(list.map((header) => [header.Name, header.Value]));
}

function tokenFor(fixture: ConversationFixture) {
  return signUnsubscribeToken(
    { tenantId: fixture.tenantId, leadId: fixture.leadId },
    getEnv().ENCRYPTION_KEY!,
  );
}

function call(method: 'GET' | 'POST', token: string, accept = 'application/json') {
  const url = `${appBase}/api/unsubscribe/${token}`;
  const request =
    method === 'POST'
      ? new Request(url, {
          method,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
          body: 'List-Unsubscribe=One-Click',
        })
      : new Request(url, { headers: { accept: 'text/html' } });
  const handler = method === 'POST' ? POST : GET;
  return handler(request, { params: Promise.resolve({ token }) });
}

async function optOuts(fixture: ConversationFixture): Promise<number> {
  const { rows } = await test.pool.query(
    'select count(*)::int as n from follow_up_opt_outs where conversation_id = $1',
    [fixture.conversationId],
  );
  return rows[0].n;
}

describe('List-Unsubscribe on email replies', () => {
  it('an AI reply carries the one-click headers with this lead’s signed link', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    await queueOutbound(test, fixture, { sender: 'ai' });
    acceptSends();
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    const headers = headersOf(sent[0]!);
    expect(headers['List-Unsubscribe']).toBe(`<${appBase}/api/unsubscribe/${tokenFor(fixture)}>`);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('a person’s reply carries none', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    await queueOutbound(test, fixture, { sender: 'human', text: 'Hola, soy Marta de recepción.' });
    acceptSends();
    await runJobs(test, sendHandlers);
    expect(sent).toHaveLength(1);
    expect(Object.keys(headersOf(sent[0]!))).toEqual(['Message-ID', 'In-Reply-To', 'References']);
  });
});

describe('/api/unsubscribe/<token>', () => {
  it('GET shows a confirmation page with a button, and changes nothing', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    const response = await call('GET', tokenFor(fixture));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('no quiero más mensajes automáticos');
    expect(await optOuts(fixture)).toBe(0);
  });

  it('POST opts the lead out once; a replay is harmless and answers the same', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    const token = tokenFor(fixture);
    const first = await call('POST', token);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    expect(await optOuts(fixture)).toBe(1);
    const again = await call('POST', token);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true });
    expect(await optOuts(fixture)).toBe(1);
    // The page's button (a browser) gets the page back.
    const fromBrowser = await call('POST', token, 'text/html');
    expect(await fromBrowser.text()).toContain('Listo');
  });

  it('a forged token, or one for another tenant’s lead, is refused and changes nothing', async () => {
    const fixture = await createConversation(test, { channel: 'email' });
    const other = await createConversation(test, { channel: 'email' });
    const [payload, mac] = tokenFor(fixture).split('.') as [string, string];
    // Our lead with the other tenant's id: the MAC no longer matches.
    const swapped = Buffer.from(JSON.stringify({ t: other.tenantId, l: fixture.leadId })).toString(
      'base64url',
    );
    const tampered = `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of [`${swapped}.${mac}`, tampered]) {
      const response = await call('POST', token);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_token' } });
    }
    const malformed = await call('POST', 'no-es-un-token');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect(await optOuts(fixture)).toBe(0);
    expect(await optOuts(other)).toBe(0);
  });
});
