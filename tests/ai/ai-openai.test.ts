import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { budgetExhaustedReason } from '@/src/ai/ai-budget';
import { saveAiSection } from '@/src/dashboard/ai/save-ai-section';
import { loadAiSpend } from '@/src/dashboard/overview/load-ai-spend';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import { getEnv, setEnvForProcess } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import { createScheduling, everyDay } from '../appointments/scheduling-fixture';
import { type ConversationFixture, createConversation, runJobs } from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest } from '../outbound/platform-fake';
import { replyHandlers } from '../support/reply-handlers';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { answer, anthropicError, claudeMessage } from './anthropic-fake';
import { openAiError, openAiFunctionCalls, openAiMessage } from './openai-fake';

// OpenAI as the tenant's provider (issue 17 §3): the same scenarios as Claude's (a reply with
// scoring, an escalation, an appointment booked through tools, the budget), against a fake
// Responses API at the HTTP edge and the real database; then the cross-provider fallback.

const openai = 'https://openai.test/v1';
const anthropic = 'https://anthropic.test';
const graph = 'https://graph.test';
const openAiCalls: CapturedRequest[] = [];
const claudeCalls: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

type ResponsesBody = {
  model: string;
  instructions: string;
  input: { role?: string; type?: string; content?: unknown; call_id?: string; output?: string }[];
  store: boolean;
  max_output_tokens: number;
  text: { format: { type: string; name: string; strict: boolean; schema: Record<string, unknown> } };
  tools?: { type: string; name: string; strict: boolean; parameters: Record<string, unknown> }[];
  tool_choice?: string;
  response_format?: unknown;
};
type Responder = (body: ResponsesBody) => Response;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
beforeEach(() => {
  setEnvForProcess({
    ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
    ANTHROPIC_BASE_URL: anthropic,
    ANTHROPIC_MODEL: 'claude-haiku-5-5',
    OPENAI_API_KEY: 'sk-openai-test-0123456789',
    OPENAI_BASE_URL: openai,
    OPENAI_MODEL: 'gpt-6.2-luna',
    OPENAI_MODELS: 'gpt-6.2-luna,gpt-6.1-terra,gpt-6.1-sol',
    AI_MAX_RETRIES: '0',
    AI_MONTHLY_TOKEN_BUDGET: '0',
    GRAPH_API_BASE_URL: graph,
  });
  let sent = 0;
  server.use(
    http.post(`${graph}/v26.0/:phoneNumberId/messages`, () => {
      sent += 1;
      return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.oa${sent}` }] });
    }),
  );
});
afterEach(() => {
  server.resetHandlers();
  openAiCalls.length = 0;
  claudeCalls.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

function openAiScript(...responders: Responder[]) {
  let index = 0;
  server.use(
    http.post(`${openai}/responses`, async ({ request }) => {
      const captured = await captureRequest(request);
      openAiCalls.push(captured);
      const respond = responders[Math.min(index, responders.length - 1)]!;
      index += 1;
      return respond(captured.body as ResponsesBody);
    }),
  );
}

function claudeScript(...responders: (() => Response)[]) {
  let index = 0;
  server.use(
    http.post(`${anthropic}/v1/messages`, async ({ request }) => {
      claudeCalls.push(await captureRequest(request));
      const respond = responders[Math.min(index, responders.length - 1)]!;
      index += 1;
      return respond();
    }),
  );
}

let counter = 0;
async function conversationWith(
  patch: Record<string, unknown>,
  text = 'Hola, ¿cuánto cuesta la limpieza? Tengo presupuesto de 1000 pesos',
  slug = `oa-${process.pid}-${++counter}`,
): Promise<ConversationFixture> {
  const fixture = await createConversation(test, { channel: 'whatsapp', text, slug });
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: fixture.slug,
    p_patch: { ...demoAiContext, business_hours: {}, ...patch },
  });
  return fixture;
}

async function answerNewest(fixture: ConversationFixture, maxAttempts?: number) {
  await test.db.rpc('enqueue_job', {
    p_job_type: 'ai_response',
    p_payload: { conversation_id: fixture.conversationId, message_id: fixture.inboundMessageId },
    p_tenant_id: fixture.tenantId,
    p_priority: 10,
    p_dedupe_key: `ai_response:${fixture.conversationId}`,
    p_max_attempts: maxAttempts,
  });
  return runJobs(test, replyHandlers);
}

async function outbound(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select sender, generated_by, text, ai_tool_calls from messages
     where conversation_id = $1 and direction = 'outbound' order by created_at`,
    [fixture.conversationId],
  );
  return rows;
}

async function usageOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select provider, model, input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens,
       message_id is not null as on_message
     from ai_usage where conversation_id = $1 order by created_at`,
    [fixture.conversationId],
  );
  return rows;
}

async function conversationRow(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    'select handled_by, escalated_at, escalation_reason from conversations where id = $1',
    [fixture.conversationId],
  );
  return rows[0];
}

async function leadRow(fixture: ConversationFixture) {
  const { rows } = await test.pool.query('select score, classification from leads where id = $1', [
    fixture.leadId,
  ]);
  return rows[0];
}

const openAiTenant = { ai_provider: 'openai' };

describe('OpenAI answers for a tenant that chose it', () => {
  it('sends the Responses request with the strict schema, records the reply, score, usage and provider', async () => {
    const fixture = await conversationWith(openAiTenant);
    openAiScript(() => openAiMessage(answer({ signals: ['interested', 'budget_mentioned'] })));

    const run = await answerNewest(fixture);

    expect(run.outcomes).toMatchObject({ completed_by_handler: 1 });
    expect(claudeCalls).toHaveLength(0);
    expect(openAiCalls).toHaveLength(1);
    const call = openAiCalls[0]!;
    expect(call.headers.authorization).toBe('Bearer sk-openai-test-0123456789');
    const body = call.body as ResponsesBody;
    expect(body.model).toBe('gpt-6.2-luna');
    expect(body.store).toBe(false);
    expect(body.response_format).toBeUndefined();
    expect(body.text.format).toMatchObject({ type: 'json_schema', name: 'ai_reply', strict: true });
    expect(body.text.format.schema).toMatchObject({
      additionalProperties: false,
      required: ['reply', 'intent', 'signals', 'escalate', 'escalation_reason', 'choices_style', 'choices'],
      properties: { intent: { type: 'string' } },
    });
    expect(body.instructions).toContain(demoAiContext.system_prompt.slice(0, 40));
    // Customer text stays in the turns, never in the instructions.
    expect(body.instructions).not.toContain('Tengo presupuesto');
    expect(body.input).toEqual([
      { role: 'user', content: 'Hola, ¿cuánto cuesta la limpieza? Tengo presupuesto de 1000 pesos' },
    ]);
    expect(body.tools).toBeUndefined();

    expect(await outbound(fixture)).toMatchObject([
      { sender: 'ai', generated_by: 'openai', text: answer().reply },
    ]);
    expect(await leadRow(fixture)).toMatchObject({ score: 80, classification: 'hot' });
    // 1300 prompt tokens of which 1024 cached: stored as 276 uncached + 1024 cache reads.
    expect(await usageOf(fixture)).toEqual([
      {
        provider: 'openai',
        model: 'gpt-6.2-luna',
        input_tokens: 276,
        output_tokens: 120,
        cache_read_input_tokens: 1024,
        cache_creation_input_tokens: 0,
        on_message: true,
      },
    ]);
  });

  it('escalates when the model says so: the conversation goes to a person with the reason', async () => {
    const fixture = await conversationWith(openAiTenant, 'Me duele mucho una muela desde ayer, ¿qué hago?');
    openAiScript(() =>
      openAiMessage(
        answer({
          reply: 'Claro, una persona de nuestro equipo te escribe en breve.',
          intent: 'emergency',
          escalate: true,
          escalation_reason: 'dolor fuerte',
        }),
      ),
    );

    await answerNewest(fixture);

    expect(await conversationRow(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: 'dolor fuerte',
    });
    expect(await outbound(fixture)).toMatchObject([{ sender: 'ai', generated_by: 'openai' }]);
  });

  it('output off the schema is asked for once more, then the answer counts both calls', async () => {
    const fixture = await conversationWith(openAiTenant);
    openAiScript(
      () => openAiMessage(null, { raw: '{"reply": "hola"' }),
      () => openAiMessage(answer()),
    );

    await answerNewest(fixture);

    expect(openAiCalls).toHaveLength(2);
    expect((openAiCalls[1]!.body as ResponsesBody).max_output_tokens).toBe(
      2 * (openAiCalls[0]!.body as ResponsesBody).max_output_tokens,
    );
    expect(await usageOf(fixture)).toMatchObject([
      { provider: 'openai', input_tokens: 552, output_tokens: 240 },
    ]);
  });

  it('books an appointment through function calls: function_call_output goes back, the booking is real', async () => {
    const slug = `oa-book-${process.pid}`;
    const scheduling = await createScheduling(test, {
      slug,
      timezone: 'America/Mexico_City',
      hours: everyDay('09:00', '18:00'),
      services: [{ name: 'Limpieza dental', minutes: 60 }],
      resources: [{ name: 'Dra. Ana', services: ['Limpieza dental'] }],
    });
    const fixture = await conversationWith(openAiTenant, 'Quiero una cita para limpieza mañana', slug);
    const serviceId = scheduling.services['Limpieza dental']!;
    openAiScript(
      (body) => {
        expect(body.tool_choice).toBe('auto');
        expect(body.tools?.map((tool) => tool.name)).toContain('book_appointment');
        expect(body.tools?.every((tool) => tool.type === 'function' && tool.strict)).toBe(true);
        return openAiFunctionCalls([
          {
            name: 'find_available_slots',
            input: {
              service_id: serviceId,
              branch_id: null,
              from_date: null,
              days: null,
              weekdays: null,
              earliest_time: null,
              latest_time: null,
            },
          },
        ]);
      },
      (body) => {
        const [functionCall, output] = body.input.slice(-2);
        expect(functionCall).toMatchObject({ type: 'function_call', name: 'find_available_slots' });
        expect(output).toMatchObject({ type: 'function_call_output', call_id: functionCall!.call_id });
        const found = JSON.parse(output!.output!) as { slots: { local_start: string }[] };
        expect(found.slots.length).toBeGreaterThan(0);
        return openAiFunctionCalls([
          {
            name: 'book_appointment',
            input: {
              service_id: serviceId,
              branch_id: null,
              local_start: found.slots[0]!.local_start,
              resource_id: null,
              notes: null,
            },
          },
        ]);
      },
      (body) => {
        const booked = JSON.parse(body.input.at(-1)!.output!) as { outcome: string };
        expect(booked.outcome).toBe('booked');
        return openAiMessage(answer({ reply: 'Listo, tu cita quedó agendada.', intent: 'booking' }));
      },
    );

    await answerNewest(fixture);

    expect(openAiCalls).toHaveLength(3);
    const { rows: appointments } = await test.pool.query(
      'select status, source from appointments where lead_id = $1',
      [fixture.leadId],
    );
    expect(appointments).toHaveLength(1);
    const [reply] = await outbound(fixture);
    expect(reply).toMatchObject({ generated_by: 'openai', text: 'Listo, tu cita quedó agendada.' });
    expect(
      reply.ai_tool_calls.map((tool: { name: string; outcome: string }) => `${tool.name}:${tool.outcome}`),
    ).toEqual(['find_available_slots:slots', 'book_appointment:booked']);
  });

  it('past the monthly budget OpenAI is not called: the offline responder answers and a person takes over', async () => {
    const fixture = await conversationWith(openAiTenant);
    await test.db.rpc('admin_set_ai_limits', {
      p_tenant_slug: fixture.slug,
      p_monthly_token_budget: 1000,
      p_turns_per_customer_per_day: null,
    });
    await test.pool.query(
      `insert into ai_usage (tenant_id, conversation_id, provider, model, input_tokens, output_tokens)
       values ($1, $2, 'openai', 'gpt-6.2-luna', 900, 200)`,
      [fixture.tenantId, fixture.conversationId],
    );
    openAiScript(() => openAiMessage(answer()));

    await answerNewest(fixture);

    expect(openAiCalls).toHaveLength(0);
    expect(await conversationRow(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: budgetExhaustedReason,
    });
  });
});

describe('cross-provider fallback', () => {
  it('OpenAI down (503): Claude answers when the tenant allows it, and the usage says Claude', async () => {
    const fixture = await conversationWith({ ai_provider: 'openai', ai_provider_fallback: true });
    openAiScript(() => openAiError(503, 'server_error', null, 'The server is overloaded.'));
    claudeScript(() => claudeMessage(answer()));

    await answerNewest(fixture);

    expect(openAiCalls).toHaveLength(1);
    expect(claudeCalls).toHaveLength(1);
    expect(await outbound(fixture)).toMatchObject([{ sender: 'ai', generated_by: 'claude' }]);
    expect(await usageOf(fixture)).toMatchObject([{ provider: 'anthropic', model: 'claude-haiku-5-5' }]);
    expect(await conversationRow(fixture)).toMatchObject({ handled_by: 'ai' });
  });

  it('Claude down (529 overloaded, 429): OpenAI answers with its default model', async () => {
    for (const down of [
      () => anthropicError(529, 'overloaded_error', 'Overloaded'),
      () => anthropicError(429, 'rate_limit_error', 'Number of request tokens has exceeded your rate limit'),
    ]) {
      const fixture = await conversationWith({ ai_provider: 'anthropic', ai_provider_fallback: true });
      claudeScript(down);
      openAiScript(() => openAiMessage(answer()));

      await answerNewest(fixture);

      expect(await outbound(fixture)).toMatchObject([{ sender: 'ai', generated_by: 'openai' }]);
      expect(await usageOf(fixture)).toMatchObject([{ provider: 'openai', model: 'gpt-6.2-luna' }]);
      openAiCalls.length = 0;
      claudeCalls.length = 0;
    }
  });

  it('without the tenant’s permission the other provider is never asked: the job retries later', async () => {
    const fixture = await conversationWith({ ai_provider: 'openai' });
    openAiScript(() => openAiError(500, 'server_error', null, 'The server had an error.'));
    claudeScript(() => claudeMessage(answer()));

    const run = await answerNewest(fixture, 3);

    expect(claudeCalls).toHaveLength(0);
    expect(run.outcomes).toMatchObject({ retry_scheduled: 1 });
    expect(await outbound(fixture)).toEqual([]);
    // The retry waits in the queue; later tests run the queue too.
    await test.pool.query('delete from public.jobs where tenant_id = $1', [fixture.tenantId]);
  });

  it('a refusal that is not an outage (401) is final: no fallback, the hand-off', async () => {
    const fixture = await conversationWith({ ai_provider: 'openai', ai_provider_fallback: true });
    openAiScript(() =>
      openAiError(401, 'invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'),
    );
    claudeScript(() => claudeMessage(answer()));

    await answerNewest(fixture);

    expect(claudeCalls).toHaveLength(0);
    expect(await conversationRow(fixture)).toMatchObject({ handled_by: 'human' });
  });

  it('both down on the last attempt: the fallback message and a hand-off, never silence', async () => {
    const fixture = await conversationWith({ ai_provider: 'openai', ai_provider_fallback: true });
    openAiScript(() => openAiError(429, 'requests', 'rate_limit_exceeded', 'Rate limit reached.'));
    claudeScript(() => anthropicError(503, 'api_error', 'Service unavailable'));

    await answerNewest(fixture, 1);

    expect(openAiCalls).toHaveLength(1);
    expect(claudeCalls).toHaveLength(1);
    const [reply] = await outbound(fixture);
    expect(reply).toMatchObject({ sender: 'system', generated_by: null });
    expect(await conversationRow(fixture)).toMatchObject({ handled_by: 'human' });
    expect((await conversationRow(fixture)).escalation_reason).toMatch(/AI unavailable/);
  });
});

describe('usage per provider on the overview', () => {
  it('sums this month’s tokens and answers per provider for the tenant’s members', async () => {
    const fixture = await conversationWith({});
    const owner = await createTenantWithStaff(test, `oa-overview-${process.pid}`);
    await test.pool.query(
      `insert into tenant_members (tenant_id, user_id, role) select $1, user_id, 'agent'
       from tenant_members where tenant_id = $2`,
      [fixture.tenantId, owner.tenantId],
    );
    await test.pool.query(
      `insert into ai_usage (tenant_id, conversation_id, provider, model, input_tokens, output_tokens)
       values ($1, $2, 'anthropic', 'claude-haiku-5-5', 1000, 100), ($1, $2, 'anthropic', 'claude-haiku-5-5', 500, 50),
              ($1, $2, 'openai', 'gpt-6.2-luna', 2000, 200)`,
      [fixture.tenantId, fixture.conversationId],
    );
    const tenant = await resolveTenant(test.db, owner.staff, fixture.slug);
    const spend = await loadAiSpend(test.db, owner.staff, tenant, getEnv());
    expect(spend).toMatchObject({
      used: 3850,
      answers: 3,
      byProvider: [
        { provider: 'anthropic', tokens: 1650, answers: 2 },
        { provider: 'openai', tokens: 2200, answers: 1 },
      ],
    });
  });
});

describe('choosing the provider and its model', () => {
  it('the form saves OpenAI with one of its models and the fallback, and refuses a Claude model for it', async () => {
    const owner = await createTenantWithStaff(test, `oa-form-${process.pid}`);
    const tenant = await resolveTenant(test.db, owner.staff, `oa-form-${process.pid}`);
    const save = (entries: Record<string, string>) =>
      saveAiSection(test.db, owner.staff, tenant, 'advanced', { max_tokens: '600', ...entries });
    await expect(save({ ai_provider: 'openai', model: 'claude-sonnet-5-5' })).rejects.toMatchObject({
      code: 'bad_request',
      details: { fields: ['model'], reason: 'model_not_allowed' },
    });
    await expect(save({ ai_provider: 'openai', model: 'gpt-7-nova' })).rejects.toMatchObject({
      code: 'bad_request',
      details: { fields: ['model'] },
    });
    await expect(
      save({ ai_provider: 'openai', model: 'gpt-6.1-terra', ai_provider_fallback: 'on' }),
    ).resolves.toMatchObject({ ai_provider: 'openai', model: 'gpt-6.1-terra', ai_provider_fallback: true });
    // An unticked box is not posted: the fallback is off again.
    await expect(save({ ai_provider: 'anthropic', model: '' })).resolves.toMatchObject({
      ai_provider: 'anthropic',
      model: null,
      ai_provider_fallback: false,
    });
    expect(messagesEs.aiProvider.openai).toBe('ChatGPT (de OpenAI)');
  });

  it('SQL refuses a model that is not on the chosen provider’s list, and unknown providers', async () => {
    const owner = await createTenantWithStaff(test, `oa-sql-${process.pid}`);
    const call = (patch: Record<string, unknown>) =>
      test.db.rpc(
        'dashboard_update_ai_settings',
        { p_tenant_id: owner.tenantId, p_patch: patch },
        { as: owner.staff },
      );
    await expect(call({ ai_provider: 'openai', model: 'claude-haiku-5-5' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('chosen provider'),
    });
    await expect(call({ model: 'gpt-6.1-terra' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call({ ai_provider: 'mistral' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call({ ai_provider_fallback: 'yes' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call({ ai_provider: 'openai', model: 'gpt-6.1-terra' })).resolves.toMatchObject({
      ai_provider: 'openai',
      model: 'gpt-6.1-terra',
    });
    // Back to Claude with the OpenAI model still saved: refused until the model changes too.
    await expect(call({ ai_provider: 'anthropic' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call({ ai_provider: 'anthropic', model: '' })).resolves.toMatchObject({
      ai_provider: 'anthropic',
      model: null,
    });
    // OPENAI_MODELS reaches SQL through the same sync as ANTHROPIC_MODELS.
    try {
      await test.db.rpc('ai_sync_model_allowlist', { p_provider: 'openai', p_models: ['gpt-7-nova'] });
      await expect(call({ ai_provider: 'openai', model: 'gpt-7-nova' })).resolves.toMatchObject({
        model: 'gpt-7-nova',
      });
    } finally {
      await call({ model: '' });
      await test.db.rpc('ai_sync_model_allowlist', {
        p_provider: 'openai',
        p_models: ['gpt-6.2-luna', 'gpt-6.1-terra', 'gpt-6.1-sol'],
      });
    }
  });
});
