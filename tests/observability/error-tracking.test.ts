import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv, setEnvForProcess } from '@/src/env';
import { initErrorTracking } from '@/src/observability/init-error-tracking';
import { log } from '@/src/shared/logger';
import { type FakeSentryIngest, startFakeSentryIngest } from '../support/fake-sentry-ingest';

// The real SDK, set up by the same function instrumentation.ts calls, sending to a fake Sentry
// ingest on loopback: errors arrive, and none of them carries a phone number, a token or a
// customer's message. Without SENTRY_DSN nothing is sent at all. (One process per test file:
// the SDK keeps its first client, so the unset case runs first.)

const phone = '+34 612 345 678';
const metaToken = `EAAG${'Qm7Rt2Lp9Xw4'.repeat(4)}`;
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdGFmZi0xIn0.c2lnbmF0dXJlLWJ5dGVz';
const customerText = 'Hola, necesito cambiar la cita de mi hija';
const forbidden = [phone, '612 345 678', metaToken, jwt, customerText];

let ingest: FakeSentryIngest;

beforeAll(async () => {
  ingest = await startFakeSentryIngest();
  // Error tracking does not depend on what the logs show.
  setEnvForProcess({ LOG_LEVEL: 'silent' });
});

afterAll(async () => {
  await Sentry.close(2000);
  await ingest.close();
});

function failWithCustomerData(): Error {
  return new Error(`WhatsApp refused the reply to ${phone}: Malformed access token ${metaToken}`);
}

describe('error tracking', () => {
  it('sends nothing, and loads no client, when SENTRY_DSN is unset', async () => {
    expect(initErrorTracking(parseEnv({}))).toBe(false);
    Sentry.captureException(failWithCustomerData());
    log.error('outbound.send_failed', { error: failWithCustomerData(), text: customerText });
    await Sentry.flush(500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Sentry.getClient()).toBeUndefined();
    expect(ingest.envelopes).toEqual([]);
  });

  it('sends request errors and error logs to Sentry, scrubbed', { timeout: 60_000 }, async () => {
    const env = parseEnv({
      SENTRY_DSN: `http://0123456789abcdef0123456789abcdef@127.0.0.1:${ingest.port}/4242`,
      SENTRY_ENVIRONMENT: 'test',
    });
    expect(initErrorTracking(env)).toBe(true);

    Sentry.addBreadcrumb({
      category: 'inbound',
      message: `message from ${phone}`,
      data: { text: customerText },
    });
    // What Next.js hands onRequestError when a route throws.
    Sentry.captureRequestError(
      failWithCustomerData(),
      {
        path: `/api/webhook/whatsapp/esva-dental?hub.verify_token=${metaToken}`,
        method: 'POST',
        headers: { authorization: `Bearer ${jwt}`, cookie: `sb-access-token=${jwt}`, 'user-agent': 'vitest' },
      },
      { routerKind: 'App Router', routePath: '/api/webhook/[channel]/[tenantSlug]', routeType: 'route' },
    );
    // What our own code does with an error it catches: log it.
    log.error('outbound.send_failed', {
      error: failWithCustomerData(),
      message_body: customerText,
      tenantId: 'c0ffee00-0000-4000-8000-000000000001',
      // Large enough for the SDK to gzip this envelope (over 32 KB): both encodings are read.
      detail: 'x'.repeat(40_000),
    });
    // Generous for a loaded machine; it takes well under a second.
    expect(await Sentry.flush(20_000)).toBe(true);

    const events = ingest.items<Sentry.ErrorEvent>('event');
    expect(events).toHaveLength(2);
    expect(ingest.envelopes.every((envelope) => envelope.project === '4242')).toBe(true);
    expect(ingest.envelopes.some((envelope) => envelope.gzipped)).toBe(true);
    for (const envelope of ingest.envelopes) {
      expect(forbidden.filter((value) => envelope.raw.includes(value))).toEqual([]);
    }

    const [fromRequest, fromLog] = [events[0]!, events[1]!];
    const expected = 'WhatsApp refused the reply to [number]: Malformed access token [redacted]';
    expect(fromRequest.exception?.values?.[0]?.value).toBe(expected);
    expect(fromRequest.environment).toBe('test');
    expect(fromRequest.contexts?.nextjs).toMatchObject({ request_path: '/api/webhook/whatsapp/esva-dental' });
    expect(fromLog.exception?.values?.[0]?.value).toBe(expected);
    expect(fromLog.tags).toMatchObject({ log_event: 'outbound.send_failed' });
    expect(fromLog.extra).toMatchObject({
      message_body: '[redacted]',
      tenantId: 'c0ffee00-0000-4000-8000-000000000001',
    });
  });
});
