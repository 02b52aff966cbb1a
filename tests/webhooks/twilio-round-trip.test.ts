import './support/next-environment';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv, setEnvForProcess } from '@/src/env';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import { answer, claudeMessage } from '../ai/anthropic-fake';
import { runJobs } from '../outbound/outbound-fixture';
import { replyHandlers } from '../support/reply-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { inboundText, postTwilio, statusCallback, useTwilioPublicBase } from './support/twilio-form';
import { fixtureAccounts, secrets } from './support/webhook-tenant';

// The whole way for one WhatsApp message through Twilio: Twilio posts the customer's signed
// form → stored, the AI job asks a fake Anthropic → the reply goes to a fake Twilio Messages API
// (form body, Basic auth) → Twilio's signed status callbacks move that reply forward only; a
// second reply that Twilio could not deliver comes back failed with its ErrorCode.

const anthropic = 'https://anthropic.test';
const twilio = 'https://twilio.test';
const { accountSid, from } = fixtureAccounts.twilio;
const customer = '5215512345678';
const server = setupServer();
type TwilioCall = { url: string; authorization: string | null; contentType: string | null; form: unknown };
const twilioCalls: TwilioCall[] = [];
const claudeBodies: string[] = [];
const sids = ['SM7f3a9c2e41d84b6a9e0c5d1b2a3f4e5d', 'SM0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e'];
let test: TestDatabase;
const slug = 'twilio-round-trip';

// A Message resource as Twilio answers a create (201), trimmed to the documented fields we rely on.
function messageResource(form: URLSearchParams, sid: string) {
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: form.get('Body'),
    date_created: 'Tue, 08 Dec 2026 01:10:00 +0000',
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: form.get('From'),
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    sid,
    status: 'queued',
    to: form.get('To'),
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
  };
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  useTwilioPublicBase();
  setEnvForProcess({
    ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
    ANTHROPIC_BASE_URL: anthropic,
    ANTHROPIC_MODEL: 'claude-haiku-5-5',
    AI_MAX_RETRIES: '0',
    TWILIO_API_BASE_URL: twilio,
  });
  test = await createTestDatabase();
  await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: 'Clínica Sonrisa' });
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: slug,
    p_patch: { ...demoAiContext, business_hours: {} },
  });
  await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel: 'twilio',
    mode: 'live',
    accountSid,
    authToken: secrets.twilio,
    from,
  });
  server.use(
    http.post(`${anthropic}/v1/messages`, async ({ request }) => {
      claudeBodies.push(await request.text());
      return claudeMessage(answer());
    }),
    http.post(`${twilio}/2010-04-01/Accounts/:account/Messages.json`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      twilioCalls.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        contentType: request.headers.get('content-type'),
        form: Object.fromEntries(form),
      });
      return HttpResponse.json(messageResource(form, sids[twilioCalls.length - 1]!), { status: 201 });
    }),
  );
});
afterAll(async () => {
  server.close();
  await test.drop();
});

async function reply(sid: string) {
  const { rows } = await test.pool.query(
    `select delivery_status, error_code, sent_at is not null as sent, delivered_at is not null as delivered,
       read_at is not null as read from messages where channel = 'twilio' and platform_message_id = $1`,
    [sid],
  );
  return rows[0];
}

describe('Twilio round trip', () => {
  it('form in → Claude → Twilio Messages API → status callbacks forward only; a failure keeps its ErrorCode', async () => {
    const question = 'Hola, ¿cuánto cuesta la limpieza dental?';
    const inbound = await postTwilio(slug, inboundText(question));
    expect(inbound).toMatchObject({ status: 200, body: { stored: 1, ai_jobs: 1 } });

    await runJobs(test, replyHandlers);
    expect(claudeBodies).toHaveLength(1);
    expect(claudeBodies[0]).toContain(question);
    expect(twilioCalls).toEqual([
      {
        url: `${twilio}/2010-04-01/Accounts/${accountSid}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${accountSid}:${secrets.twilio}`).toString('base64')}`,
        contentType: 'application/x-www-form-urlencoded',
        form: { To: `whatsapp:+${customer}`, From: from, Body: answer().reply },
      },
    ]);
    expect(await reply(sids[0]!)).toMatchObject({ delivery_status: 'sent', sent: true });

    for (const status of ['sent', 'delivered', 'read']) {
      const posted = await postTwilio(slug, statusCallback(sids[0]!, status));
      expect(posted.status).toBe(200);
    }
    expect(await reply(sids[0]!)).toMatchObject({ delivery_status: 'read', delivered: true, read: true });
    // Callbacks arrive out of order and are retried: a late "delivered" and a replayed "read"
    // change nothing, and a failure after proof of reading does not undo it.
    await postTwilio(slug, statusCallback(sids[0]!, 'delivered'));
    await postTwilio(slug, statusCallback(sids[0]!, 'read'));
    await postTwilio(slug, statusCallback(sids[0]!, 'failed', { ErrorCode: '63003' }));
    expect(await reply(sids[0]!)).toMatchObject({ delivery_status: 'read', error_code: null });

    // The customer writes again; this reply Twilio takes but WhatsApp cannot deliver.
    const again = await postTwilio(slug, inboundText('¿Y tienen lugar el sábado?'));
    expect(again).toMatchObject({ status: 200, body: { stored: 1, ai_jobs: 1 } });
    await runJobs(test, replyHandlers);
    expect(twilioCalls).toHaveLength(2);
    expect(claudeBodies[1]).toContain('¿Y tienen lugar el sábado?');
    await postTwilio(slug, statusCallback(sids[1]!, 'sent'));
    await postTwilio(slug, statusCallback(sids[1]!, 'failed', { ErrorCode: '63003' }));
    // Once failed, a straggling "delivered" does not bring it back.
    await postTwilio(slug, statusCallback(sids[1]!, 'delivered'));
    expect(await reply(sids[1]!)).toMatchObject({ delivery_status: 'failed', error_code: '63003' });

    const { rows } = await test.pool.query(
      "select count(*)::int as n from conversations where channel = 'twilio'",
    );
    expect(rows[0].n).toBe(1);
  });
});
