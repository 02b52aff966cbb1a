import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv, setEnvForProcess } from '@/src/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { freshWebhookTenant } from './support/fresh-tenant';
import { getVerification } from './support/post-webhook';
import { webhookEvents } from './support/stored-rows';
import { secrets } from './support/webhook-tenant';

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});
afterEach(() => setEnvForProcess({ META_VERIFY_TOKEN: '' }));

const query = (token: string, challenge = '1158201444', mode = 'subscribe') =>
  `?hub.mode=${mode}&hub.challenge=${challenge}&hub.verify_token=${encodeURIComponent(token)}`;

describe.each(['whatsapp', 'facebook', 'instagram'] as const)('GET verification on %s', (channel) => {
  it('answers the raw hub.challenge as text/plain for the connection’s verify token', async () => {
    const answered = await getVerification(channel, tenant.slug, query(secrets.verifyToken));
    expect(answered).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', text: '1158201444' });
    expect(await webhookEvents(test, channel)).toMatchObject([
      { outcome: 'verification_ok', http_status: 200 },
    ]);
  });

  it('accepts META_VERIFY_TOKEN as the deployment-wide fallback', async () => {
    expect((await getVerification(channel, tenant.slug, query('deployment-verify-token'))).status).toBe(403);
    setEnvForProcess({ META_VERIFY_TOKEN: 'deployment-verify-token' });
    expect(await getVerification(channel, tenant.slug, query('deployment-verify-token'))).toMatchObject({
      status: 200,
      text: '1158201444',
    });
  });

  it('honours a verify token changed a moment ago', async () => {
    expect((await getVerification(channel, tenant.slug, query(secrets.verifyToken))).status).toBe(200);
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: tenant.slug,
      channel,
      verifyToken: 'a-brand-new-verify-token',
    });
    expect((await getVerification(channel, tenant.slug, query('a-brand-new-verify-token'))).status).toBe(200);
    expect((await getVerification(channel, tenant.slug, query(secrets.verifyToken))).status).toBe(403);
  });

  it('answers every failure (mode, token, challenge) with the same 403, and 404 for an unknown tenant', async () => {
    const failures = [
      query('guessed-token'),
      query(secrets.verifyToken, '1158201444', 'unsubscribe'),
      `?hub.mode=subscribe&hub.verify_token=${secrets.verifyToken}`,
      query(secrets.verifyToken, ''),
      query(secrets.verifyToken, 'two%20words'),
      '?hub.mode=subscribe&hub.challenge=1158201444',
      query(''),
      '',
    ];
    const answers = [];
    for (const failure of failures) answers.push(await getVerification(channel, tenant.slug, failure));
    // A prober learns nothing about which part was wrong: status, type and body are identical.
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(
      new Set([JSON.stringify(answers[0])]),
    );
    expect(answers[0]).toEqual({
      status: 403,
      contentType: 'application/json',
      text: '{"ok":false,"error":"verification_failed","message":"verification failed"}',
    });
    expect((await getVerification(channel, 'nobody-here', query(secrets.verifyToken))).status).toBe(404);
    // What was wrong stays in webhook_events, for the operator.
    const events = await webhookEvents(test, channel);
    expect(events.map((event) => [event.outcome, event.http_status])).toEqual(
      failures.map(() => ['verification_failed', 403]),
    );
    expect(events.map((event) => event.detail)).toContain('hub.verify_token does not match');
    expect(events.map((event) => event.detail)).toContain('hub.mode is not subscribe');
    expect(events.map((event) => event.detail)).toContain('hub.challenge missing or malformed');
  });
});
