import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv, setEnvForProcess } from '@/src/env';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import {
  type ConversationFixture,
  createConversation,
  makeAllDue,
  runJobs,
} from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest } from '../outbound/platform-fake';
import { replyHandlers } from '../support/reply-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson } from '../webhooks/support/fixtures';
import { postRaw, signedHeaders } from '../webhooks/support/post-webhook';
import { answer, claudeMessage } from './anthropic-fake';

// The AI's choices (issue 16 §2), from a fake Anthropic to the fake platforms: WhatsApp gets
// interactive buttons, TikTok a numbered text, "services_menu" the tenant's services as a
// WhatsApp list; a WhatsApp button tap is answered like text; without a key, "¿qué servicios
// tienen?" gets the menu from the offline responder.

const anthropic = 'https://anthropic.test';
const graph = 'https://graph.test';
const tiktok = 'https://tiktok.test';
const claudeCalls: CapturedRequest[] = [];
const platformCalls: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
beforeEach(() => {
  setEnvForProcess({
    ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
    ANTHROPIC_BASE_URL: anthropic,
    ANTHROPIC_MODEL: 'claude-haiku-5-5',
    AI_MAX_RETRIES: '0',
    GRAPH_API_BASE_URL: graph,
    GRAPH_API_VERSION: 'v26.0',
    TIKTOK_API_BASE_URL: tiktok,
  });
  server.use(
    http.post(`${graph}/v26.0/:phoneNumberId/messages`, async ({ request }) => {
      platformCalls.push(await captureRequest(request));
      return HttpResponse.json({
        messaging_product: 'whatsapp',
        messages: [{ id: `wamid.${platformCalls.length}` }],
      });
    }),
    http.post(`${tiktok}/open_api/v1.3/business/message/send/`, async ({ request }) => {
      platformCalls.push(await captureRequest(request));
      return HttpResponse.json({ code: 0, message: 'OK', data: { message: { message_id: 'tt-1' } } });
    }),
  );
});
afterEach(() => {
  server.resetHandlers();
  claudeCalls.length = 0;
  platformCalls.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

function claudeAnswers(fields: Record<string, unknown>) {
  server.use(
    http.post(`${anthropic}/v1/messages`, async ({ request }) => {
      claudeCalls.push(await captureRequest(request));
      return claudeMessage({ ...answer(), ...fields });
    }),
  );
}

async function conversationOn(channel: Channel, text: string): Promise<ConversationFixture> {
  const fixture = await createConversation(test, { channel, text });
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: fixture.slug,
    p_patch: { ...demoAiContext, business_hours: {} },
  });
  return fixture;
}

async function answerLatest(fixture: ConversationFixture) {
  await test.db.rpc('enqueue_job', {
    p_job_type: 'ai_response',
    p_payload: { conversation_id: fixture.conversationId, message_id: fixture.inboundMessageId },
    p_tenant_id: fixture.tenantId,
    p_priority: 10,
    p_dedupe_key: `ai_response:${fixture.conversationId}`,
  });
  await runJobs(test, replyHandlers);
}

async function aiReplyOf(conversationId: string) {
  const { rows } = await test.pool.query(
    `select id, text, content, generated_by, delivery_status from public.messages
     where conversation_id = $1 and direction = 'outbound' order by created_at`,
    [conversationId],
  );
  return rows;
}

async function addServices(tenantId: string) {
  await test.pool.query(
    `insert into public.services (tenant_id, name, duration_minutes, price_min) values
       ($1, 'Limpieza dental profesional', 45, 800), ($1, 'Blanqueamiento', 60, 2500)`,
    [tenantId],
  );
}

describe('the AI offers choices', () => {
  it('reach WhatsApp as interactive reply buttons, the options told to Claude as a rule', async () => {
    const fixture = await conversationOn('whatsapp', 'Quiero una limpieza, ¿tienen algo el lunes?');
    claudeAnswers({
      reply: 'Sí, el lunes tengo dos horarios libres. ¿Cuál prefieres?',
      intent: 'booking',
      choices_style: 'buttons',
      choices: [
        { title: 'Lunes 10:00', description: '' },
        { title: 'Lunes 16:30', description: '' },
      ],
    });
    await answerLatest(fixture);

    // System text blocks (the cached prefix and the rest): the rules are in one of them.
    const system = (claudeCalls[0]!.body as { system: { text: string }[] }).system
      .map((block) => block.text)
      .join('\n');
    expect(system).toContain('choices_style: "buttons" when you offer the customer 2 or 3 clear options');
    expect(system).toContain('at most 20 characters for buttons, 24 for a list');
    const [reply] = await aiReplyOf(fixture.conversationId);
    expect(reply).toMatchObject({
      generated_by: 'claude',
      delivery_status: 'sent',
      text: 'Sí, el lunes tengo dos horarios libres. ¿Cuál prefieres?\n\n1. Lunes 10:00\n2. Lunes 16:30',
    });
    expect(platformCalls.map((call) => call.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: fixture.externalId,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Sí, el lunes tengo dos horarios libres. ¿Cuál prefieres?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'choice-1', title: 'Lunes 10:00' } },
              { type: 'reply', reply: { id: 'choice-2', title: 'Lunes 16:30' } },
            ],
          },
        },
        biz_opaque_callback_data: `inbox:${reply.id}`,
      },
    ]);
  });

  it('reach TikTok as a numbered text after the words', async () => {
    const fixture = await conversationOn('tiktok', '¿Qué tratamientos de blanqueamiento hay?');
    claudeAnswers({
      reply: 'Tenemos tres opciones:',
      choices_style: 'list',
      choices: [
        { title: 'Blanqueamiento LED', description: '1 sesión' },
        { title: 'Blanqueamiento casero', description: '' },
        { title: 'Combinado', description: 'LED y casero' },
        { title: 'Solo valoración', description: '' },
      ],
    });
    await answerLatest(fixture);
    expect(platformCalls.map((call) => call.body)).toEqual([
      {
        business_id: fixture.account.businessId,
        recipient_type: 'CONVERSATION',
        recipient: fixture.threadId,
        message_type: 'TEXT',
        text: {
          body: 'Tenemos tres opciones:\n\n1. Blanqueamiento LED — 1 sesión\n2. Blanqueamiento casero\n3. Combinado — LED y casero\n4. Solo valoración',
        },
      },
    ]);
  });

  it('attaches the services menu from the services table as a WhatsApp list', async () => {
    const fixture = await conversationOn('whatsapp', '¿Qué servicios tienen?');
    await addServices(fixture.tenantId);
    claudeAnswers({
      reply: 'Con gusto, estos son nuestros servicios:',
      choices_style: 'services_menu',
      choices: [],
    });
    await answerLatest(fixture);
    const [reply] = await aiReplyOf(fixture.conversationId);
    expect(reply.content).toMatchObject({ kind: 'choices', style: 'list', listButton: 'Ver servicios' });
    expect(platformCalls[0]!.body).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'list',
        // A name was shortened for its row, so the words above the list carry every full name.
        body: {
          text: 'Con gusto, estos son nuestros servicios:\n\n1. Blanqueamiento — 60 min · MXN 2500\n2. Limpieza dental profesional — 45 min · MXN 800',
        },
        action: {
          button: 'Ver servicios',
          sections: [
            {
              rows: [
                { title: 'Blanqueamiento', description: '60 min · MXN 2500' },
                // 27 characters: shortened at a word for the row (24 at most).
                { title: 'Limpieza dental…', description: '45 min · MXN 800' },
              ],
            },
          ],
        },
      },
    });
  });

  it('answers a WhatsApp button tap like text: Claude reads the chosen title', async () => {
    const slug = `tap-${Date.now()}`;
    const phoneNumberId = `10${Date.now()}`;
    await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: 'Clínica Tap' });
    await test.db.rpc('admin_update_ai_context', {
      p_tenant_slug: slug,
      p_patch: { ...demoAiContext, business_hours: {} },
    });
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: slug,
      channel: 'whatsapp',
      mode: 'live',
      phoneNumberId,
      businessAccountId: `20${Date.now()}`,
      accessToken: 'EAAG-tap-token',
      appSecret: 'tap-app-secret-0123456789',
      verifyToken: 'tap-verify-token',
    });
    const tap = fixtureJson<{
      entry: {
        changes: { value: { metadata: { phone_number_id: string }; messages: { timestamp: string }[] } }[];
      }[];
    }>('whatsapp', 'interactive-button-reply');
    tap.entry[0]!.changes[0]!.value.metadata.phone_number_id = phoneNumberId;
    tap.entry[0]!.changes[0]!.value.messages[0]!.timestamp = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify(tap);
    const posted = await postRaw(
      'whatsapp',
      slug,
      body,
      signedHeaders('whatsapp', body, 'tap-app-secret-0123456789'),
    );
    expect(posted.status).toBe(200);
    claudeAnswers({ reply: '¡Listo! ¿A qué hora te queda mejor?', intent: 'booking' });
    await makeAllDue(test);
    await runJobs(test, replyHandlers);

    expect(claudeCalls).toHaveLength(1);
    const messages = (claudeCalls[0]!.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'Sí, agendar' });
    expect(platformCalls).toHaveLength(1);
    expect(platformCalls[0]!.body).toMatchObject({
      to: '5215587654321',
      type: 'text',
      text: { body: '¡Listo! ¿A qué hora te queda mejor?' },
    });
  });
});

describe('the offline responder', () => {
  beforeEach(() => setEnvForProcess({ ANTHROPIC_API_KEY: '' }));

  it('answers "¿qué servicios tienen?" with the services menu', async () => {
    const fixture = await conversationOn('whatsapp', 'Hola, ¿qué servicios tienen?');
    await addServices(fixture.tenantId);
    await answerLatest(fixture);
    expect(claudeCalls).toHaveLength(0);
    const [reply] = await aiReplyOf(fixture.conversationId);
    expect(reply).toMatchObject({ generated_by: 'offline', delivery_status: 'sent' });
    expect(reply.content).toMatchObject({ kind: 'choices', style: 'list' });
    expect(platformCalls[0]!.body).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
  });
});
