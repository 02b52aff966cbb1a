import './support/next-environment';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv, setEnvForProcess } from '@/src/env';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import { answer, claudeMessage } from '../ai/anthropic-fake';
import { runJobs } from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest } from '../outbound/platform-fake';
import { replyHandlers } from '../support/reply-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson, fixtureText } from './support/fixtures';
import { postRaw } from './support/post-webhook';
import { basicAuthorization } from './support/sign';

// The whole way for one email: Postmark posts the customer's mail → stored, the AI job asks a
// fake Anthropic → the reply goes to a fake Postmark (POST /email) in the customer's thread →
// Postmark's bounce webhook for that MessageID marks our reply failed.

const anthropic = 'https://anthropic.test';
const postmark = 'https://postmark.test';
const address = 'hola@clinica-fixture.example';
const credentials = 'postmark:round-trip-password-0123';
const server = setupServer();
const postmarkCalls: CapturedRequest[] = [];
let test: TestDatabase;
const slug = 'email-round-trip';

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  setEnvForProcess({
    ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
    ANTHROPIC_BASE_URL: anthropic,
    ANTHROPIC_MODEL: 'claude-haiku-5-5',
    AI_MAX_RETRIES: '0',
    POSTMARK_API_BASE_URL: postmark,
  });
  test = await createTestDatabase();
  await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: 'Clínica Sonrisa' });
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: slug,
    p_patch: { ...demoAiContext, business_hours: {} },
  });
  await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel: 'email',
    mode: 'live',
    emailAddress: address,
    accessToken: 'pm-server-token-round-trip',
    inboundCredentials: credentials,
  });
  server.use(
    http.post(`${anthropic}/v1/messages`, () => claudeMessage(answer())),
    http.post(`${postmark}/email`, async ({ request }) => {
      postmarkCalls.push(await captureRequest(request));
      return HttpResponse.json({
        To: 'lucia.gomez@correo-cliente.example',
        SubmittedAt: '2026-12-08T10:00:00.0000000-06:00',
        MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
        ErrorCode: 0,
        Message: 'OK',
      });
    }),
  );
});
afterAll(async () => {
  server.close();
  await test.drop();
});

const post = (body: string) =>
  postRaw('email', slug, body, { authorization: basicAuthorization(credentials) });

describe('email round trip', () => {
  it('mail in → Claude → Postmark in the same thread → a bounce marks the reply failed', async () => {
    const inbound = await post(fixtureText('email', 'inbound-text'));
    expect(inbound).toMatchObject({ status: 200, body: { stored: 1, ai_jobs: 1 } });

    await runJobs(test, replyHandlers);
    expect(postmarkCalls).toHaveLength(1);
    const call = postmarkCalls[0]!;
    expect(call.headers['x-postmark-server-token']).toBe('pm-server-token-round-trip');
    const { rows } = await test.pool.query(
      "select id, delivery_status, platform_message_id from messages where direction = 'outbound' and channel = 'email'",
    );
    expect(rows).toEqual([
      {
        id: rows[0].id,
        delivery_status: 'sent',
        platform_message_id: '883953f4-6105-42a2-a16a-77a8eac79483',
      },
    ]);
    const original = '<CAGXpo2WKfxHWZhy4UsE9Kqu6y6x4g@mail.correo-cliente.example>';
    expect(call.body).toMatchObject({
      From: address,
      To: 'lucia.gomez@correo-cliente.example',
      Subject: 'Re: Precio de limpieza dental',
      TextBody: answer().reply,
      Headers: [
        { Name: 'Message-ID', Value: `<inbox-${rows[0].id}@clinica-fixture.example>` },
        { Name: 'In-Reply-To', Value: original },
        { Name: 'References', Value: original },
      ],
    });

    const bounce = await post(fixtureText('email', 'bounce'));
    expect(bounce).toMatchObject({ status: 200, body: { statuses_applied: 1 } });
    const after = await test.pool.query(
      'select delivery_status, error_code, error_message from messages where id = $1',
      [rows[0].id],
    );
    expect(after.rows[0]).toMatchObject({ delivery_status: 'failed', error_code: 'email_bounce_HardBounce' });
    expect(after.rows[0].error_message).toMatch(/^El correo rebotó/);

    // The customer's reply to our Message-ID joins the same conversation.
    const reply = fixtureJson<Record<string, unknown>>('email', 'inbound-reply');
    reply.Headers = [
      { Name: 'Message-ID', Value: '<second@mail.correo-cliente.example>' },
      { Name: 'In-Reply-To', Value: `<inbox-${rows[0].id}@clinica-fixture.example>` },
      { Name: 'References', Value: `${original} <inbox-${rows[0].id}@clinica-fixture.example>` },
    ];
    expect((await post(JSON.stringify(reply))).body).toMatchObject({ stored: 1, conversations_created: 0 });
    const conversations = await test.pool.query(
      "select count(*)::int as n from conversations where channel = 'email'",
    );
    expect(conversations.rows[0].n).toBe(1);
  });
});
