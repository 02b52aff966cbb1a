import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson, fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { insertOutboundMessage } from './support/outbound-message';
import { postRaw, postSigned } from './support/post-webhook';
import { basicAuthorization } from './support/sign';
import { countRows, messageByPlatformId, webhookEvents } from './support/stored-rows';
import { secrets } from './support/webhook-tenant';

// Postmark's Inbound, Bounce and SpamComplaint webhooks at /api/webhook/email/<tenant>
// (PLATFORMS-2.md §9.1), authenticated by the Basic credentials in the URL Postmark posts to.

const customer = 'lucia.gomez@correo-cliente.example';
const firstId = 'CAGXpo2WKfxHWZhy4UsE9Kqu6y6x4g@mail.correo-cliente.example';
let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

async function conversationOf(messageId: string) {
  const { rows } = await test.pool.query(
    `select c.id, c.external_thread_id, i.external_id from messages m
       join conversations c on c.id = m.conversation_id
       join lead_identities i on i.lead_id = c.lead_id and i.channel = 'email'
     where m.id = $1`,
    [messageId],
  );
  return rows[0] as { id: string; external_thread_id: string; external_id: string };
}

describe('email: authentication', () => {
  it('stores a mail posted with the connection’s Basic credentials, and queues the AI', async () => {
    const posted = await postSigned('email', tenant.slug, fixtureText('email', 'inbound-text'));
    expect(posted).toMatchObject({ status: 200, body: { stored: 1, ai_jobs: 1 } });
    const message = await messageByPlatformId(test, tenant.tenantId, firstId);
    expect(message).toMatchObject({ channel: 'email', direction: 'inbound', sender: 'lead' });
    // The subject is the question; the signature ("-- ") is not for the AI.
    expect(message.text).toBe(
      'Asunto: Precio de limpieza dental\n\nHola, ¿cuánto cuesta una limpieza dental? ¿Tienen lugar el sábado?\n\nGracias,\nLucía',
    );
    const conversation = await conversationOf(message.id);
    expect(conversation.external_id).toBe(customer);
    expect(JSON.parse(conversation.external_thread_id)).toEqual({
      root: firstId,
      last: firstId,
      subject: 'Precio de limpieza dental',
    });
  });

  const refused: Array<[string, Record<string, string>]> = [
    ['no Authorization header', {}],
    ['a wrong password', { authorization: basicAuthorization('postmark:wrong-password-0123') }],
    [
      'the right password for another user',
      { authorization: basicAuthorization('other:test-email-password-0123') },
    ],
    ['a Bearer token', { authorization: `Bearer ${secrets.email}` }],
    ['garbage after Basic', { authorization: 'Basic !!!not-base64!!!' }],
  ];

  it.each(refused)('answers 403 to %s and stores nothing but the refusal', async (_, headers) => {
    const posted = await postRaw('email', tenant.slug, fixtureText('email', 'inbound-text'), headers);
    // 403 is what stops Postmark's retries (PLATFORMS-2.md §9.1).
    expect(posted).toMatchObject({ status: 403, body: { error: 'bad_signature' } });
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ messages: 0, leads: 0, jobs: 0 });
    expect(await webhookEvents(test, 'email')).toMatchObject([
      { tenant_id: tenant.tenantId, outcome: 'bad_signature', http_status: 403 },
    ]);
  });

  it('a mail addressed to another business is counted as skipped, stored nowhere', async () => {
    const body = fixtureText('email', 'inbound-text').replaceAll(
      'hola@clinica-fixture.example',
      'ventas@otra-empresa.example',
    );
    const posted = await postSigned('email', tenant.slug, body);
    expect(posted).toMatchObject({ status: 200, body: { stored: 0, skipped: 1 } });
    expect((await countRows(test, tenant.tenantId)).messages).toBe(0);
  });
});

describe('email: replays and threads', () => {
  it('a replayed mail (same Message-ID) is a duplicate: one message, one AI job', async () => {
    const body = fixtureText('email', 'inbound-text');
    expect((await postSigned('email', tenant.slug, body)).body).toMatchObject({ stored: 1 });
    // Postmark retries with a new MessageID of its own; the mail's Message-ID is the same.
    const retried = body.replace(
      '73e6d360-66eb-11e1-8e72-a8904824019b',
      'ffffffff-66eb-11e1-8e72-a8904824019b',
    );
    const again = await postSigned('email', tenant.slug, retried);
    expect(again).toMatchObject({ status: 200, body: { outcome: 'duplicate', stored: 0, ai_jobs: 0 } });
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ messages: 1, jobs: 1 });
  });

  it('a reply to our answer joins the conversation; the AI reads only the new words', async () => {
    await postSigned('email', tenant.slug, fixtureText('email', 'inbound-text'));
    const first = await messageByPlatformId(test, tenant.tenantId, firstId);
    const ours = await insertOutboundMessage(test, tenant.tenantId, 'email', {
      externalId: customer,
      platformMessageId: 'pm-0001',
      text: 'La limpieza cuesta 650 pesos. ¿Le acomoda el sábado a las 10?',
      sender: 'ai',
    });
    const reply = fixtureText('email', 'inbound-reply').replaceAll('REPLACED', ours.messageId);
    const posted = await postSigned('email', tenant.slug, reply);
    expect(posted.body).toMatchObject({ stored: 1, conversations_created: 0 });
    const message = await messageByPlatformId(
      test,
      tenant.tenantId,
      'CAGXpo2Wreply7Hq1@mail.correo-cliente.example',
    );
    expect(message.text).toBe('Perfecto, el sábado a las 10 me queda bien.');
    const conversation = await conversationOf(message.id);
    expect(conversation.id).toBe(first.conversation_id);
    expect(conversation.id).toBe(ours.conversationId);
    // The next reply answers this mail and keeps the thread's first id.
    expect(JSON.parse(conversation.external_thread_id)).toEqual({
      root: firstId,
      last: 'CAGXpo2Wreply7Hq1@mail.correo-cliente.example',
      subject: 'Precio de limpieza dental',
    });
  });

  it('without StrippedTextReply, quoted lines and "El … escribió:" are stripped', async () => {
    const body = fixtureJson<Record<string, unknown>>('email', 'inbound-reply');
    body.StrippedTextReply = '';
    const posted = await postSigned('email', tenant.slug, JSON.stringify(body));
    expect(posted.body).toMatchObject({ stored: 1 });
    const message = await messageByPlatformId(
      test,
      tenant.tenantId,
      'CAGXpo2Wreply7Hq1@mail.correo-cliente.example',
    );
    expect(message.text).toBe('Perfecto, el sábado a las 10 me queda bien.');
  });
});

describe('email: what is not answered, and what is cleaned', () => {
  it('an out-of-office reply is stored for staff and not answered by the AI', async () => {
    const posted = await postSigned('email', tenant.slug, fixtureText('email', 'inbound-auto-reply'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    const message = await messageByPlatformId(
      test,
      tenant.tenantId,
      'autoreply-5521@mail.correo-cliente.example',
    );
    expect(message.raw_payload.auto_reply).toBe('auto-submitted:auto-replied');
  });

  const loops: Array<[string, Record<string, unknown>]> = [
    ['Precedence: bulk', { Headers: [{ Name: 'Precedence', Value: 'bulk' }] }],
    ['X-Autorespond', { Headers: [{ Name: 'X-Autorespond', Value: 'yes' }] }],
  ];

  it.each(loops)('%s: stored, not answered', async (_, change) => {
    const body = { ...fixtureJson('email', 'inbound-text'), ...change };
    const posted = await postSigned('email', tenant.slug, JSON.stringify(body));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0 });
  });

  it('our own mail coming back (From is our address) is never answered: the business is not its own lead', async () => {
    const own = { Email: 'hola@clinica-fixture.example', Name: 'Clínica Sonrisa', MailboxHash: '' };
    const body = { ...fixtureJson('email', 'inbound-text'), From: own.Email, FromFull: own };
    const posted = await postSigned('email', tenant.slug, JSON.stringify(body));
    expect(posted).toMatchObject({ status: 200, body: { stored: 0, ai_jobs: 0 } });
    expect((await countRows(test, tenant.tenantId)).leads).toBe(0);
  });

  it('Auto-Submitted: no is a person: answered', async () => {
    const body = {
      ...fixtureJson('email', 'inbound-text'),
      Headers: [{ Name: 'Auto-Submitted', Value: 'no' }],
    };
    expect((await postSigned('email', tenant.slug, JSON.stringify(body))).body).toMatchObject({ ai_jobs: 1 });
  });

  it('keeps only sanitised HTML (no script, on* handlers, javascript: links) and no attachment bytes', async () => {
    const posted = await postSigned('email', tenant.slug, fixtureText('email', 'inbound-html'));
    expect(posted.body).toMatchObject({ stored: 1 });
    const message = await messageByPlatformId(
      test,
      tenant.tenantId,
      'html-only-771@mail.correo-cliente.example',
    );
    const html: string = message.raw_payload.HtmlBody;
    expect(html).toContain('<b>agendar</b>');
    expect(html).toContain('href="https://clinica.example/promo"');
    for (const forbidden of [
      '<script',
      'alert(',
      '<style',
      'onload',
      'onclick',
      'onerror',
      'javascript:',
      '<iframe',
      'tracker.example',
    ]) {
      expect(html).not.toContain(forbidden);
    }
    expect(message.text).toBe(
      'Asunto: Quiero agendar\n\nQuiero agendar una cita.\nver promo\n\n[Adjunto: radiografia.pdf]',
    );
    expect(message.raw_payload.Attachments).toEqual([
      { Name: 'radiografia.pdf', ContentType: 'application/pdf', ContentLength: 22, ContentID: '' },
    ]);
    expect(JSON.stringify(message.raw_payload)).not.toContain('JVBERi0');
  });
});

describe('email: bounces and complaints', () => {
  it('a hard bounce marks our message failed with the reason', async () => {
    const ours = await insertOutboundMessage(test, tenant.tenantId, 'email', {
      externalId: customer,
      platformMessageId: '883953f4-6105-42a2-a16a-77a8eac79483',
    });
    const posted = await postSigned('email', tenant.slug, fixtureText('email', 'bounce'));
    expect(posted).toMatchObject({ status: 200, body: { statuses_applied: 1, stored: 0 } });
    const { rows } = await test.pool.query(
      'select delivery_status, error_code, error_message from messages where id = $1',
      [ours.messageId],
    );
    expect(rows[0]).toMatchObject({ delivery_status: 'failed', error_code: 'email_bounce_HardBounce' });
    expect(rows[0].error_message).toContain('does not exist');
  });

  it('a spam complaint marks it failed too', async () => {
    const ours = await insertOutboundMessage(test, tenant.tenantId, 'email', {
      externalId: customer,
      platformMessageId: '00000000-0000-0000-0000-000000000000',
    });
    await postSigned('email', tenant.slug, fixtureText('email', 'spam-complaint'));
    const { rows } = await test.pool.query('select delivery_status, error_code from messages where id = $1', [
      ours.messageId,
    ]);
    expect(rows[0]).toEqual({ delivery_status: 'failed', error_code: 'email_spam_complaint' });
  });

  it('delivery webhooks are counted, not stored', async () => {
    const posted = await postSigned('email', tenant.slug, fixtureText('email', 'delivery'));
    expect(posted).toMatchObject({ status: 200, body: { events: 0, ignored: 1 } });
  });
});

describe('email: raw MIME (RawEmail only, parsed with mailparser)', () => {
  it('reads sender, subject, threading headers, text and attachments from the MIME itself', async () => {
    const posted = await postSigned('email', tenant.slug, fixtureText('email', 'inbound-raw-only'));
    expect(posted).toMatchObject({ status: 200, body: { stored: 1, ai_jobs: 1 } });
    const message = await messageByPlatformId(
      test,
      tenant.tenantId,
      'raw-mime-9931@mail.correo-cliente.example',
    );
    // Quoted-printable and encoded words decoded; the quoted history stripped.
    expect(message.text).toBe(
      'Asunto: ¿Atienden los domingos?\n\nBuenas tardes, ¿atienden los domingos? Me duele una muela.\n\n[Adjunto: muela.jpg]',
    );
    const conversation = await conversationOf(message.id);
    expect(conversation.external_id).toBe('pedro.ruiz@correo-cliente.example');
    expect(JSON.parse(conversation.external_thread_id)).toMatchObject({
      root: 'older-1@mail.correo-cliente.example',
    });
    expect(message.raw_payload.HtmlBody).not.toMatch(/script|onmouseover/);
    expect(message.raw_payload).not.toHaveProperty('RawEmail');
  });

  it('a RawEmail that names no recipient is refused as malformed (400), nothing stored', async () => {
    const body = JSON.stringify({ MessageID: 'x-1', RawEmail: 'esto no es un correo' });
    const posted = await postSigned('email', tenant.slug, body);
    expect(posted.status).toBe(400);
    expect((await countRows(test, tenant.tenantId)).messages).toBe(0);
  });
});
