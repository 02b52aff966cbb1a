import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from './support/call-route';
import { freshWebhookTenant } from './support/fresh-tenant';
import { insertOutboundMessage } from './support/outbound-message';
import { routes } from './support/post-webhook';
import { twilioSignature } from './support/sign';
import { countRows, messageByPlatformId } from './support/stored-rows';
import {
  inboundText,
  internalBase,
  messageSid,
  postTwilio,
  publicBase,
  statusCallback,
  twilioMessages,
  useTwilioPublicBase,
} from './support/twilio-form';
import { secrets } from './support/webhook-tenant';

// /api/webhook/twilio/<slug>: Twilio's form posts, signed with the account's Auth Token over the
// public URL (APP_BASE_URL) while the request reaches us on an internal host (Vercel's proxy).

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
  useTwilioPublicBase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

const nothingStored = { leads: 0, conversations: 0, messages: 0, jobs: 0, media_jobs: 0 };

describe('Twilio WhatsApp webhook', () => {
  it('stores a signed text message with the WhatsApp profile name and number, and queues the AI', async () => {
    const fields = inboundText('Hola, ¿tienen cita para limpieza el sábado?');
    const posted = await postTwilio(tenant.slug, fields);
    expect(posted).toMatchObject({ status: 200, body: { ok: true, stored: 1, ai_jobs: 1 } });
    expect(await messageByPlatformId(test, tenant.tenantId, fields.MessageSid!)).toMatchObject({
      direction: 'inbound',
      sender: 'lead',
      message_type: 'text',
      text: 'Hola, ¿tienen cita para limpieza el sábado?',
    });
    const { rows } = await test.pool.query(
      `select l.name, l.phone, i.external_id from leads l join lead_identities i on i.lead_id = l.id
       where l.tenant_id = $1 and i.channel = 'twilio'`,
      [tenant.tenantId],
    );
    expect(rows).toEqual([{ name: 'Sofía Ramírez', phone: '+5215512345678', external_id: '5215512345678' }]);
  });

  it.each([
    ['unsigned', { token: null }],
    ['signed with another Auth Token', { token: 'not-the-auth-token-0123456789' }],
    [
      'signed for the internal URL instead of the public one',
      { signedUrl: `${internalBase}/api/webhook/twilio/x` },
    ],
  ] as const)('refuses a request %s with 403 and stores nothing', async (_name, options) => {
    const posted = await postTwilio(tenant.slug, inboundText('Hola'), options);
    expect(posted.status).toBe(403);
    expect(await countRows(test, tenant.tenantId)).toMatchObject(nothingStored);
  });

  it('refuses a body changed after signing (403)', async () => {
    const fields = inboundText('Quiero una cita');
    const path = `/api/webhook/twilio/${tenant.slug}`;
    const signature = twilioSignature(`${publicBase}${path}`, fields, secrets.twilio);
    const request = new Request(`${internalBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams({ ...fields, Body: 'Cancela todo' }).toString(),
    });
    const { response } = await callRoute(routes.twilio.POST, request, tenant.slug);
    expect(response.status).toBe(403);
    expect(await countRows(test, tenant.tenantId)).toMatchObject(nothingStored);
  });

  it('stores a redelivered MessageSid once', async () => {
    const fields = inboundText('¿Cuánto cuesta?');
    expect((await postTwilio(tenant.slug, fields)).body).toMatchObject({ stored: 1 });
    const again = await postTwilio(tenant.slug, fields);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 0, ai_jobs: 0 });
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ messages: 1, jobs: 1 });
  });

  it('registers each MediaUrl{N} for the media job, with its content type', async () => {
    const account = 'AC0123456789abcdef0123456789abcdef';
    const sid = messageSid('MM');
    const media = (n: number) =>
      `https://api.twilio.com/2010-04-01/Accounts/${account}/Messages/${sid}/Media/ME${String(n).padStart(32, '0')}`;
    const fields = inboundText('Mi radiografía', {
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      NumMedia: '2',
      MessageType: 'image',
      MediaUrl0: media(0),
      MediaContentType0: 'image/jpeg',
      MediaUrl1: media(1),
      MediaContentType1: 'application/pdf',
    });
    expect((await postTwilio(tenant.slug, fields)).body).toMatchObject({ stored: 1 });
    expect(await messageByPlatformId(test, tenant.tenantId, sid)).toMatchObject({
      message_type: 'image',
      text: '[Imagen] Mi radiografía',
    });
    const { rows } = await test.pool.query(
      'select kind, source_url, mime_type, status from media_files where tenant_id = $1 order by source_url',
      [tenant.tenantId],
    );
    expect(rows).toEqual([
      { kind: 'image', source_url: media(0), mime_type: 'image/jpeg', status: 'pending' },
      { kind: 'document', source_url: media(1), mime_type: 'application/pdf', status: 'pending' },
    ]);
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ media_jobs: 2 });
  });

  it('stores a quick-reply button tap as its text', async () => {
    const fields = inboundText('Confirmar', {
      ButtonText: 'Confirmar',
      ButtonPayload: 'confirm-123',
      MessageType: 'button',
    });
    await postTwilio(tenant.slug, fields);
    expect(await messageByPlatformId(test, tenant.tenantId, fields.MessageSid!)).toMatchObject({
      message_type: 'button',
      text: 'Confirmar',
    });
  });

  it('status callbacks move our message forward only, and a failure keeps its ErrorCode', async () => {
    const sid = messageSid();
    await insertOutboundMessage(test, tenant.tenantId, 'twilio', {
      externalId: '5215512345678',
      platformMessageId: sid,
      status: 'sent',
    });
    await postTwilio(tenant.slug, statusCallback(sid, 'delivered'));
    await postTwilio(tenant.slug, statusCallback(sid, 'read'));
    // Out of order: a late "sent" after "read" changes nothing.
    const late = await postTwilio(tenant.slug, statusCallback(sid, 'sent'));
    expect(late.status).toBe(200);
    expect(await messageByPlatformId(test, tenant.tenantId, sid)).toMatchObject({ delivery_status: 'read' });

    const failed = messageSid();
    await insertOutboundMessage(test, tenant.tenantId, 'twilio', {
      externalId: '5215512345678',
      platformMessageId: failed,
      status: 'sent',
    });
    await postTwilio(
      tenant.slug,
      statusCallback(failed, 'undelivered', { ErrorCode: '63016', ErrorMessage: 'Outside messaging window' }),
    );
    expect(await twilioMessages(test, tenant.tenantId)).toContainEqual(
      expect.objectContaining({
        platform_message_id: failed,
        delivery_status: 'failed',
        error_code: '63016',
      }),
    );
    // queued/sending say nothing new: counted as ignored, nothing changes.
    const queued = await postTwilio(tenant.slug, statusCallback(sid, 'queued'));
    expect(queued.body).toMatchObject({ ok: true, ignored: 1 });
  });

  it('refuses a form that is not a Twilio message webhook (400)', async () => {
    const posted = await postTwilio(tenant.slug, { Body: 'hola', From: 'whatsapp:+5215512345678' });
    expect(posted.status).toBe(400);
    expect(await countRows(test, tenant.tenantId)).toMatchObject(nothingStored);
  });
});
