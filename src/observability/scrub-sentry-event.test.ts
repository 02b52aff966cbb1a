import type { ErrorEvent } from '@sentry/nextjs';
import { describe, expect, it } from 'vitest';
import { scrubSentryBreadcrumb, scrubSentryEvent, scrubSentrySpan } from './scrub-sentry-event';

// Events shaped like the ones @sentry/nextjs builds (onRequestError, captureException with
// extra, http and console breadcrumbs), with the values that must never reach Sentry.

const phone = '+34 612 345 678';
const waId = '34612345678';
const metaToken = `EAAG${'Zx9Yw8Vu7Ts6'.repeat(4)}`;
const anthropicKey = 'sk-ant-api03-Qw3rTy7uIoP_aSdFgHjKl-9zXcV';
const jwt =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdGFmZi0xIiwicm9sZSI6ImF1dGhlbnRpY2F0ZWQifQ.bm90LWEtc2lnbmF0dXJl';
const sealed = 'v2:0f1e2d3c4b5a6978:AAECAwQFBgcICQoL:AAECAwQFBgcICQoLDA0ODw==:c2VjcmV0LXRva2Vu';
const customerText = 'Hola, quiero cambiar mi cita del martes';
const email = 'ana.perez@clinica.example';
const forbidden = [phone, waId, '612 345 678', metaToken, anthropicKey, jwt, sealed, customerText, email];

function leaks(value: unknown): string[] {
  const text = JSON.stringify(value);
  return forbidden.filter((secret) => text.includes(secret));
}

function requestErrorEvent(): ErrorEvent {
  return {
    type: undefined,
    event_id: '9f1c2b3a4d5e6f708192a3b4c5d6e7f8',
    timestamp: 1_767_600_000,
    platform: 'node',
    level: 'error',
    transaction: 'POST /api/webhook/[channel]/[tenantSlug]',
    exception: {
      values: [
        {
          type: 'Error',
          value: `send to ${phone} failed: Malformed access token ${metaToken} (wa_id ${waId})`,
          mechanism: { type: 'auto.function.nextjs.on_request_error', handled: false },
          stacktrace: {
            frames: [
              {
                filename: 'app:///.next/server/chunks/ssr/src_outbound_deliver.js',
                function: 'deliverOutboundMessage',
                lineno: 120,
                vars: { accessToken: metaToken, text: customerText },
              },
            ],
          },
        },
      ],
    },
    request: {
      method: 'POST',
      url: `https://inbox.example.com/api/webhook/whatsapp/esva?hub.verify_token=${metaToken}&page=2`,
      query_string: `hub.verify_token=${metaToken}&page=2`,
      data: {
        entry: [{ changes: [{ value: { messages: [{ from: waId, text: { body: customerText } }] } }] }],
      },
      cookies: { 'sb-access-token': jwt },
      headers: {
        'content-type': 'application/json',
        'user-agent': 'facebookexternalua',
        authorization: `Bearer ${anthropicKey}`,
        cookie: `sb-access-token=${jwt}`,
        'x-hub-signature-256': 'sha256=0badc0ffee',
        'x-forwarded-for': '203.0.113.7',
      },
      env: { REMOTE_ADDR: '203.0.113.7' },
    },
    breadcrumbs: [
      {
        category: 'inbound',
        message: `message from ${phone}`,
        data: { message_body: customerText, wa_id: waId, tenantId: 'c0ffee00-0000-4000-8000-000000000001' },
      },
      {
        category: 'http',
        type: 'http',
        data: {
          method: 'POST',
          url: `https://graph.facebook.com/v26.0/100000000000001/messages?access_token=${metaToken}`,
          status_code: 400,
        },
      },
    ],
    extra: {
      payload: { to: waId, text: { body: customerText } },
      note: `staff ${email} retried with ${sealed}`,
      caption: customerText,
    },
    tags: { channel: 'whatsapp', from: waId },
    contexts: {
      trace: {
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        span_id: '00f067aa0ba902b7',
        data: { 'url.full': `https://graph.facebook.com/me?access_token=${metaToken}` },
      },
      runtime: { name: 'node', version: 'v20.20.2' },
      nextjs: {
        request_path: `/api/webhook/whatsapp/esva?hub.verify_token=${metaToken}`,
        route_type: 'route',
      },
      ai: { apiKey: anthropicKey, model: 'claude-haiku-5-5' },
    },
    user: { id: 'staff-1', email, ip_address: '203.0.113.7' },
  };
}

describe('scrubSentryEvent', () => {
  const event = requestErrorEvent();
  const scrubbed = scrubSentryEvent(event);

  it('leaves no phone number, token, key, JWT, sealed secret, email or message body anywhere', () => {
    expect(leaks(event).length).toBeGreaterThan(5);
    expect(leaks(scrubbed)).toEqual([]);
  });

  it('keeps what Sentry needs to group and link the event, and what a developer reads', () => {
    expect(scrubbed.event_id).toBe(event.event_id);
    expect(scrubbed.contexts?.trace?.trace_id).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(scrubbed.contexts?.trace?.span_id).toBe('00f067aa0ba902b7');
    expect(scrubbed.contexts?.runtime).toEqual({ name: 'node', version: 'v20.20.2' });
    expect(scrubbed.transaction).toBe('POST /api/webhook/[channel]/[tenantSlug]');
    const [exception] = scrubbed.exception!.values!;
    expect(exception!.value).toBe(
      'send to [number] failed: Malformed access token [redacted] (wa_id [number])',
    );
    expect(exception!.stacktrace!.frames![0]).toMatchObject({
      function: 'deliverOutboundMessage',
      lineno: 120,
    });
    expect(scrubbed.breadcrumbs![0]!.data!.tenantId).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(scrubbed.tags?.channel).toBe('whatsapp');
  });

  it('drops the request body, cookies, credentials headers and the caller address', () => {
    const request = scrubbed.request!;
    expect(request.data).toBe('[removed]');
    expect(request.cookies).toBeUndefined();
    expect(request.env).toBeUndefined();
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': '[redacted]',
    });
    expect(request.query_string).toBe('hub.verify_token=[redacted]&page=2');
    expect(request.url).toBe(
      'https://inbox.example.com/api/webhook/whatsapp/esva?hub.verify_token=[redacted]&page=2',
    );
  });

  it('drops local variables of stack frames and all of the user but the id', () => {
    expect(scrubbed.exception!.values![0]!.stacktrace!.frames![0]!.vars).toBeUndefined();
    expect(scrubbed.user).toEqual({ id: 'staff-1' });
  });

  it('does not change the event it was given', () => {
    expect(event).toEqual(requestErrorEvent());
  });
});

describe('scrubSentryBreadcrumb', () => {
  it('redacts a console breadcrumb quoting a customer message and a token', () => {
    const crumb = scrubSentryBreadcrumb({
      category: 'console',
      level: 'error',
      message: `failed for ${phone} with Bearer ${jwt}`,
      data: { arguments: [{ text: customerText, token: metaToken }] },
    });
    expect(leaks(crumb)).toEqual([]);
    expect(crumb.message).toBe('failed for [number] with Bearer [redacted]');
  });
});

describe('scrubSentrySpan', () => {
  it('redacts a streamed span: its name and its attributes, keeping the SDK own ones', () => {
    const span = scrubSentrySpan({
      name: `GET https://graph.facebook.com/v26.0/me?access_token=${metaToken}`,
      attributes: {
        'sentry.op': 'http.client',
        'http.request.header.authorization': `Bearer ${anthropicKey}`,
        'url.query': `?access_token=${metaToken}&fields=id`,
      },
    });
    expect(leaks(span)).toEqual([]);
    expect(span.attributes['sentry.op']).toBe('http.client');
  });
});
