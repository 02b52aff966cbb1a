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

  it('is 403 for a wrong token or mode, 400 without a challenge, 404 for an unknown tenant', async () => {
    const wrong = await getVerification(channel, tenant.slug, query('guessed-token'));
    expect(wrong.status).toBe(403);
    expect(wrong.text).not.toContain('1158201444');
    expect(
      (await getVerification(channel, tenant.slug, query(secrets.verifyToken, '1', 'unsubscribe'))).status,
    ).toBe(403);
    expect(
      (
        await getVerification(
          channel,
          tenant.slug,
          `?hub.mode=subscribe&hub.verify_token=${secrets.verifyToken}`,
        )
      ).status,
    ).toBe(400);
    expect((await getVerification(channel, 'nobody-here', query(secrets.verifyToken))).status).toBe(404);
    expect((await webhookEvents(test, channel)).map((event) => event.outcome)).toEqual([
      'verification_failed',
      'verification_failed',
      'verification_failed',
    ]);
  });
});
