import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { sendFromReplyBox } from '@/src/dashboard/inbox/send-from-reply-box';
import type { TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { setEnvForProcess } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type ConversationFixture, createConversation, readMessage, runJobs } from './outbound-fixture';
import { type CapturedRequest, captureRequest } from './platform-fake';

// Staff replies with options (issue 16 §2), from the reply box to the platform: each channel's
// exact request body (PLATFORMS.md 2.4 / 3.3, PLATFORMS-2.md 4.1-4.2), the channel's limits
// refused before anything is queued, and the one-click services menu.

const graph = 'https://graph.test';
const instagram = 'https://instagram.test';
const tiktok = 'https://tiktok.test';
const sent: CapturedRequest[] = [];
const server = setupServer(
  http.post(`${graph}/v26.0/:id/messages`, async ({ request }) => {
    sent.push(await captureRequest(request));
    if (request.url.includes('/10')) {
      return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${sent.length}` }] });
    }
    return HttpResponse.json({ recipient_id: 'x', message_id: `m_${sent.length}` });
  }),
  http.post(`${instagram}/v26.0/:id/messages`, async ({ request }) => {
    sent.push(await captureRequest(request));
    return HttpResponse.json({ recipient_id: 'x', message_id: `ig_${sent.length}` });
  }),
  http.post(`${tiktok}/open_api/v1.3/business/message/send/`, async ({ request }) => {
    sent.push(await captureRequest(request));
    return HttpResponse.json({
      code: 0,
      message: 'OK',
      data: { message: { message_id: `tt-${sent.length}` } },
    });
  }),
);
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({
    GRAPH_API_BASE_URL: graph,
    INSTAGRAM_API_BASE_URL: instagram,
    TIKTOK_API_BASE_URL: tiktok,
    GRAPH_API_VERSION: 'v26.0',
  });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterEach(() => {
  sent.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

async function staffOn(channel: Channel) {
  const fixture = await createConversation(test, { channel });
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: fixture.slug,
    p_email: `agent@${fixture.slug}.example`,
    p_role: 'agent',
  });
  const tenant = {
    id: fixture.tenantId,
    slug: fixture.slug,
    name: 'Clínica',
    timezone: 'America/Mexico_City',
    locale: 'es-MX',
  } as TenantContext;
  const send = (fields: Record<string, string>) =>
    sendFromReplyBox(
      test.db,
      staffIdentity(member.user_id),
      tenant,
      { tenantSlug: fixture.slug, conversationId: fixture.conversationId, channel, ...fields },
      messagesEs,
    );
  return { fixture, send };
}

async function outboundOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select id, text, content, delivery_status from public.messages
     where conversation_id = $1 and direction = 'outbound' order by created_at`,
    [fixture.conversationId],
  );
  return rows;
}

async function jobsOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    "select id from public.jobs where tenant_id = $1 and job_type like 'send_%'",
    [fixture.tenantId],
  );
  return rows;
}

describe('staff replies with options', () => {
  it('reach WhatsApp as interactive reply buttons', async () => {
    const { fixture, send } = await staffOn('whatsapp');
    const notice = await send({ text: '¿Te agendo para mañana?', choices: 'Sí, agendar\nOtro día\n' });
    expect(notice).toBe(messagesEs.inbox.replyQueued);
    await runJobs(test, sendHandlers);
    const [message] = await outboundOf(fixture);
    expect(message.text).toBe('¿Te agendo para mañana?\n\n1. Sí, agendar\n2. Otro día');
    expect(sent.map((request) => request.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: fixture.externalId,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: '¿Te agendo para mañana?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'choice-1', title: 'Sí, agendar' } },
              { type: 'reply', reply: { id: 'choice-2', title: 'Otro día' } },
            ],
          },
        },
        biz_opaque_callback_data: `inbox:${message.id}`,
      },
    ]);
    expect(await readMessage(test, message.id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'wamid.1',
    });
  });

  it('reach WhatsApp as a list past three options, with the list button staff named', async () => {
    const { send } = await staffOn('whatsapp');
    await send({
      text: 'Horarios libres el lunes:',
      choices: '9:00\n10:00\n11:30\n13:00',
      listButton: 'Ver horarios',
    });
    await runJobs(test, sendHandlers);
    expect(sent[0]!.body).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Horarios libres el lunes:' },
        action: {
          button: 'Ver horarios',
          sections: [
            {
              rows: [
                { id: 'choice-1', title: '9:00' },
                { id: 'choice-2', title: '10:00' },
                { id: 'choice-3', title: '11:30' },
                { id: 'choice-4', title: '13:00' },
              ],
            },
          ],
        },
      },
    });
  });

  it('reach Messenger as text quick replies with our ids as payloads', async () => {
    const { fixture, send } = await staffOn('facebook');
    await send({ text: '¿Qué prefieres?', choices: 'Mañana\nTarde' });
    await runJobs(test, sendHandlers);
    const [message] = await outboundOf(fixture);
    expect(sent[0]!.url).toBe(`${graph}/v26.0/${fixture.account.pageId}/messages`);
    expect(sent[0]!.body).toEqual({
      recipient: { id: fixture.externalId },
      messaging_type: 'RESPONSE',
      message: {
        text: '¿Qué prefieres?',
        quick_replies: [
          { content_type: 'text', title: 'Mañana', payload: 'choice-1' },
          { content_type: 'text', title: 'Tarde', payload: 'choice-2' },
        ],
        metadata: `inbox:${message.id}`,
      },
    });
  });

  it('reach Instagram as quick replies', async () => {
    const { fixture, send } = await staffOn('instagram');
    await send({ text: '¿Sucursal?', choices: 'Centro\nNorte\nSur\nPoniente' });
    await runJobs(test, sendHandlers);
    const [message] = await outboundOf(fixture);
    expect(sent[0]!.url).toBe(`${instagram}/v26.0/${fixture.account.instagramAccountId}/messages`);
    expect(sent[0]!.body).toEqual({
      recipient: { id: fixture.externalId },
      messaging_type: 'RESPONSE',
      message: {
        text: '¿Sucursal?',
        quick_replies: ['Centro', 'Norte', 'Sur', 'Poniente'].map((title, index) => ({
          content_type: 'text',
          title,
          payload: `choice-${index + 1}`,
        })),
        metadata: `inbox:${message.id}`,
      },
    });
  });

  it('reach TikTok as a numbered text after the words', async () => {
    const { fixture, send } = await staffOn('tiktok');
    await send({ text: '¿Qué día te queda?', choices: 'Lunes\nMartes' });
    await runJobs(test, sendHandlers);
    expect(sent[0]!.body).toEqual({
      business_id: fixture.account.businessId,
      recipient_type: 'CONVERSATION',
      recipient: fixture.threadId,
      message_type: 'TEXT',
      text: { body: '¿Qué día te queda?\n\n1. Lunes\n2. Martes' },
    });
  });

  it('refuses options over the channel limits before queueing, naming each one', async () => {
    const { fixture, send } = await staffOn('whatsapp');
    const refused = await send({
      text: 'Elige',
      choices: 'Limpieza\nBlanqueamiento dental\nLimpieza',
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'bad_request',
      details: {
        fields: ['Opción 2: tiene 21 letras; en WhatsApp caben 20.', 'Opción 3: es igual a la opción 1.'],
      },
    });
    const tooMany = await send({
      text: 'Elige',
      choices: Array.from({ length: 11 }, (_, i) => `Opción ${i + 1}`).join('\n'),
    }).catch((error: unknown) => error);
    expect(tooMany).toMatchObject({ details: { fields: ['Opciones: como máximo 10.'] } });
    const noWords = await send({ text: '  ', choices: 'Sí' }).catch((error: unknown) => error);
    expect(noWords).toMatchObject({
      details: { fields: ['Tu respuesta: escribe el texto que va sobre las opciones.'] },
    });
    // A form claiming another channel's (looser) limits is undone by send_human_choices.
    const tampered = await send({
      channel: 'tiktok',
      text: 'Elige',
      choices: 'Una opción de veintitrés',
    }).catch((error: unknown) => error);
    expect(tampered).toMatchObject({ code: 'bad_request' });
    expect(await outboundOf(fixture)).toEqual([]);
    expect(await jobsOf(fixture)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('sends the services menu as a WhatsApp list built from the active services', async () => {
    const { fixture, send } = await staffOn('whatsapp');
    await test.pool.query(
      `insert into public.services (tenant_id, name, duration_minutes, price_min, price_max, active) values
         ($1, 'Limpieza dental', 45, 800, null, true),
         ($1, 'Blanqueamiento', 60, 2500, 3500, true),
         ($1, 'Ortodoncia (ya no se ofrece)', 30, null, null, false)`,
      [fixture.tenantId],
    );
    const { rows: ids } = await test.pool.query('select id, name from public.services where tenant_id = $1', [
      fixture.tenantId,
    ]);
    const idOf = (name: string) => ids.find((row) => row.name === name)!.id;
    const notice = await send({ intent: 'services_menu', text: '' });
    expect(notice).toBe(messagesEs.choices.servicesMenuSent);
    await runJobs(test, sendHandlers);
    const [message] = await outboundOf(fixture);
    expect(message.text).toBe(
      'Estos son nuestros servicios. Elige uno para saber más:\n\n1. Blanqueamiento — 60 min · MXN 2500–3500\n2. Limpieza dental — 45 min · MXN 800',
    );
    expect(sent[0]!.body).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Estos son nuestros servicios. Elige uno para saber más:' },
        action: {
          button: 'Ver servicios',
          sections: [
            {
              rows: [
                {
                  id: `service:${idOf('Blanqueamiento')}`,
                  title: 'Blanqueamiento',
                  description: '60 min · MXN 2500–3500',
                },
                {
                  id: `service:${idOf('Limpieza dental')}`,
                  title: 'Limpieza dental',
                  description: '45 min · MXN 800',
                },
              ],
            },
          ],
        },
      },
    });
  });

  it('says so when the tenant has no active service for the menu', async () => {
    const { fixture, send } = await staffOn('facebook');
    const refused = await send({ intent: 'services_menu', text: '' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'bad_request', details: { reason: 'services_menu_empty' } });
    expect(await outboundOf(fixture)).toEqual([]);
  });
});
