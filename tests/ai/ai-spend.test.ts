import { randomBytes, randomUUID } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { budgetExhaustedReason, dailyCapReason } from '@/src/ai/ai-budget';
import { devSessionCookieName, sealDevSession } from '@/src/auth/dev-session-cookie';
import { aiPreviewLimit, limitAiPreview } from '@/src/dashboard/ai/limit-ai-preview';
import { previewAiResponse } from '@/src/dashboard/ai/preview-ai-response';
import { saveAiSection } from '@/src/dashboard/ai/save-ai-section';
import { loadAiSpend } from '@/src/dashboard/overview/load-ai-spend';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import { getEnv, parseEnv, setEnvForProcess } from '@/src/env';
import { createMemoryCookies } from '../dashboard/memory-cookies';
import {
  addInboundMessage,
  type ConversationFixture,
  createConversation,
  runJobs,
} from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest } from '../outbound/platform-fake';
import { createPromptCacheFake, largeKnowledge } from '../support/anthropic-prompt-cache-fake';
import { replyHandlers } from '../support/reply-handlers';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { answer } from './anthropic-fake';

// Issue 19, "AI spend under control", against real PostgreSQL and a fake Messages API that
// reports `usage` as the real one does (prompt cache included).

const anthropic = 'https://anthropic.test';
const graph = 'https://graph.test';
const claudeCalls: CapturedRequest[] = [];
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
    ANTHROPIC_MODELS: 'claude-haiku-5-5,claude-sonnet-5-5,claude-haiku-4-5',
    AI_MAX_RETRIES: '0',
    AI_MONTHLY_TOKEN_BUDGET: '0',
    AI_DAILY_TURNS_PER_CUSTOMER: '40',
    GRAPH_API_BASE_URL: graph,
  });
  let sent = 0;
  server.use(
    http.post(`${graph}/v26.0/:phoneNumberId/messages`, () => {
      sent += 1;
      return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.spend${sent}` }] });
    }),
  );
  const usageFor = createPromptCacheFake({ minimumTokens: 1024, outputTokens: 95 });
  server.use(
    http.post(`${anthropic}/v1/messages`, async ({ request }) => {
      const call = await captureRequest(request);
      claudeCalls.push(call);
      const body = call.body as Parameters<typeof usageFor>[0];
      return HttpResponse.json({
        id: `msg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'text', text: JSON.stringify(answer()) }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: usageFor(body),
      });
    }),
  );
});
afterEach(() => {
  server.resetHandlers();
  claudeCalls.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

async function conversation(slug: string, knowledge = largeKnowledge()): Promise<ConversationFixture> {
  const fixture = await createConversation(test, { channel: 'whatsapp', slug, text: '¿Dónde están?' });
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: fixture.slug,
    p_patch: { knowledge, business_hours: {}, escalation_keywords: [], auto_escalate_after_messages: null },
  });
  return fixture;
}

async function answerNewest(fixture: ConversationFixture, messageId = fixture.inboundMessageId) {
  await test.db.rpc('enqueue_job', {
    p_job_type: 'ai_response',
    p_payload: { conversation_id: fixture.conversationId, message_id: messageId },
    p_tenant_id: fixture.tenantId,
    p_priority: 10,
    p_dedupe_key: `ai_response:${fixture.conversationId}`,
  });
  return runJobs(test, replyHandlers);
}

/** Tokens this tenant already used this month (or this customer today), as earlier answers left them. */
async function spentBefore(fixture: ConversationFixture, rows: number, tokensEach: number) {
  await test.pool.query(
    `insert into ai_usage (tenant_id, conversation_id, provider, model, input_tokens, output_tokens)
     select $1, $2, 'anthropic', 'claude-haiku-5-5', $3, 0 from generate_series(1, $4)`,
    [fixture.tenantId, fixture.conversationId, tokensEach, rows],
  );
}

async function usageOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select u.*, m.sender, m.generated_by from ai_usage u left join messages m on m.id = u.message_id
     where u.conversation_id = $1 order by u.created_at, u.id`,
    [fixture.conversationId],
  );
  return rows;
}

async function conversationRow(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    'select handled_by, escalation_reason, escalated_at from conversations where id = $1',
    [fixture.conversationId],
  );
  return rows[0];
}

async function outbound(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select sender, generated_by, text from messages where conversation_id = $1 and direction = 'outbound'
     order by created_at`,
    [fixture.conversationId],
  );
  return rows;
}

describe('usage and prompt caching', () => {
  it('records each AI answer’s tokens with it, and the second turn reads the cached system prompt', async () => {
    const fixture = await conversation('gasto-uso');
    await answerNewest(fixture);
    const second = await addInboundMessage(test, fixture, '¿Y cuánto cuesta el Tratamiento 3?');
    await answerNewest(fixture, second);

    expect(claudeCalls).toHaveLength(2);
    for (const call of claudeCalls) {
      const system = (call.body as { system: { type: string; text: string; cache_control?: unknown }[] })
        .system;
      // The stable part (prompt, business, knowledge, rules) is the cache breakpoint; the clock
      // comes after it, so a new minute does not spoil the cache.
      expect(system).toHaveLength(2);
      expect(system[0]).toMatchObject({ type: 'text', cache_control: { type: 'ephemeral' } });
      expect(system[0]!.text).toContain('Tratamiento 40');
      expect(system[0]!.text).not.toContain('Current local time');
      expect(system[1]).not.toHaveProperty('cache_control');
      expect(system[1]!.text).toContain('Current local time');
    }
    const [first, next] = await usageOf(fixture);
    expect(first).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-5-5', output_tokens: 95 });
    expect(first.sender).toBe('ai');
    expect(first.generated_by).toBe('claude');
    expect(first.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(first.cache_read_input_tokens).toBe(0);
    expect(next.cache_creation_input_tokens).toBe(0);
    expect(next.cache_read_input_tokens).toBe(first.cache_creation_input_tokens);
    expect(next.input_tokens).toBeGreaterThan(0);
    expect(next.input_tokens).toBeLessThan(first.cache_creation_input_tokens);
  });

  it('refuses usage that does not count tokens as whole numbers, in the same call as the reply', async () => {
    const fixture = await conversation('gasto-uso-malo');
    await expect(
      test.db.rpc('ai_record_reply', {
        p_job_id: randomUUID(),
        p_locked_by: 'nobody',
        p_attempts: 1,
        p_conversation_id: fixture.conversationId,
        p_latest_inbound_id: fixture.inboundMessageId,
        p_reply: {
          text: 'Hola',
          sender: 'ai',
          generated_by: 'claude',
          intent: 'greeting',
          usage: { provider: 'anthropic', model: 'claude-haiku-5-5', input_tokens: -1, output_tokens: 3 },
        },
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(await usageOf(fixture)).toEqual([]);
  });
  it('an answer Claude failed to give (invalid twice) still counts the tokens paid, on the hand-off', async () => {
    const fixture = await conversation('gasto-fallo');
    server.use(
      http.post(`${anthropic}/v1/messages`, async ({ request }) => {
        claudeCalls.push(await captureRequest(request));
        return HttpResponse.json({
          id: `msg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
          type: 'message',
          role: 'assistant',
          model: 'claude-haiku-5-5',
          content: [{ type: 'text', text: 'esto no es JSON' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: {
            input_tokens: 700,
            output_tokens: 30,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        });
      }),
    );
    await answerNewest(fixture);
    expect(claudeCalls).toHaveLength(2);
    expect(await usageOf(fixture)).toMatchObject([
      { input_tokens: 1400, output_tokens: 60, sender: 'system', generated_by: null },
    ]);
    expect(await conversationRow(fixture)).toMatchObject({ handled_by: 'human' });
  });
});

describe('monthly budget', () => {
  it('warns at 80 % on the overview and still answers with Claude', async () => {
    const fixture = await conversation('gasto-aviso');
    const owner = await createTenantWithStaff(test, 'gasto-aviso-equipo');
    await test.db.rpc('admin_set_ai_limits', {
      p_tenant_slug: fixture.slug,
      p_monthly_token_budget: 100_000,
      p_turns_per_customer_per_day: null,
    });
    await spentBefore(fixture, 4, 21_000);
    // A member of this tenant reads the card; another tenant's member cannot.
    await test.pool.query(
      `insert into tenant_members (tenant_id, user_id, role)
       select $1, user_id, 'agent' from tenant_members where tenant_id = $2`,
      [fixture.tenantId, owner.tenantId],
    );
    const tenant = await resolveTenant(test.db, owner.staff, fixture.slug);
    const spend = await loadAiSpend(test.db, owner.staff, tenant, getEnv());
    expect(spend).toMatchObject({ used: 84_000, budget: 100_000, percent: 84, state: 'warning', answers: 4 });

    await answerNewest(fixture);
    expect(claudeCalls).toHaveLength(1);
    expect(await conversationRow(fixture)).toMatchObject({ handled_by: 'ai', escalated_at: null });
  });

  it('past 100 %: no Claude call, the offline responder answers and a person takes over, told why', async () => {
    const fixture = await conversation('gasto-agotado', {
      services: [],
      faqs: [{ question: '¿Dónde están?', answer: 'Av. Insurgentes Sur 1234, CDMX.' }],
    });
    setEnvForProcess({ AI_MONTHLY_TOKEN_BUDGET: '50000' });
    await spentBefore(fixture, 2, 25_000);

    await answerNewest(fixture);

    expect(claudeCalls).toHaveLength(0);
    expect(await outbound(fixture)).toMatchObject([
      { sender: 'ai', generated_by: 'offline', text: 'Av. Insurgentes Sur 1234, CDMX.' },
    ]);
    expect(await conversationRow(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: budgetExhaustedReason,
    });
    expect(budgetExhaustedReason).toBe('Se agotó el presupuesto mensual de IA');
    // Nothing was spent on it.
    expect(await usageOf(fixture)).toHaveLength(2);
  });

  it('a tenant’s own budget of 0 means no limit, whatever the default', async () => {
    const fixture = await conversation('gasto-sin-limite');
    setEnvForProcess({ AI_MONTHLY_TOKEN_BUDGET: '1000' });
    await test.db.rpc('admin_set_ai_limits', {
      p_tenant_slug: fixture.slug,
      p_monthly_token_budget: 0,
      p_turns_per_customer_per_day: null,
    });
    await spentBefore(fixture, 1, 5_000);
    await answerNewest(fixture);
    expect(claudeCalls).toHaveLength(1);
  });
});

describe('daily AI turns per customer', () => {
  it('past the cap, this customer goes to a person with the reason; another customer still gets Claude', async () => {
    const capped = await conversation('gasto-diario');
    await test.db.rpc('admin_set_ai_limits', {
      p_tenant_slug: capped.slug,
      p_monthly_token_budget: null,
      p_turns_per_customer_per_day: 2,
    });
    await spentBefore(capped, 2, 100);
    await answerNewest(capped);
    expect(claudeCalls).toHaveLength(0);
    expect(await conversationRow(capped)).toMatchObject({
      handled_by: 'human',
      escalation_reason: dailyCapReason,
    });

    const other = await createConversation(test, { channel: 'whatsapp', slug: 'gasto-diario', text: 'Hola' });
    await answerNewest(other);
    expect(claudeCalls).toHaveLength(1);
    expect(await conversationRow(other)).toMatchObject({ handled_by: 'ai' });
  });
});

describe('model allowlist', () => {
  it('the form refuses a model outside ANTHROPIC_MODELS, in Spanish, and saves one on it', async () => {
    const owner = await createTenantWithStaff(test, 'modelos-form');
    const tenant = await resolveTenant(test.db, owner.staff, 'modelos-form');
    await expect(
      saveAiSection(test.db, owner.staff, tenant, 'advanced', {
        model: 'claude-opus-5-5',
        max_tokens: '600',
      }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      details: { fields: ['model'], reason: 'model_not_allowed' },
    });
    const { messagesEs } = await import('@/src/i18n/messages-es');
    expect(messagesEs.aiSpend.modelNotAllowed).toMatch(/no está disponible/);
    const saved = await saveAiSection(test.db, owner.staff, tenant, 'advanced', {
      model: 'claude-sonnet-5-5',
      max_tokens: '600',
    });
    expect(saved).toMatchObject({ model: 'claude-sonnet-5-5' });
    // Longer answers than 4096 tokens are refused too.
    await expect(
      saveAiSection(test.db, owner.staff, tenant, 'advanced', { model: '', max_tokens: '8192' }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['max_tokens'] } });
  });

  it('SQL refuses it too when a staff member calls the function directly, until the allowlist has it', async () => {
    const owner = await createTenantWithStaff(test, 'modelos-sql');
    const call = (patch: Record<string, unknown>) =>
      test.db.rpc(
        'dashboard_update_ai_settings',
        { p_tenant_id: owner.tenantId, p_patch: patch },
        { as: owner.staff },
      );
    await expect(call({ model: 'claude-opus-5-5' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('allowed list'),
    });
    await expect(call({ system_prompt: 'x'.repeat(8001) })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call({ max_tokens: 4097 })).rejects.toMatchObject({ code: 'bad_request' });
    // The operator adds it (ANTHROPIC_MODELS, copied at start): now SQL takes it.
    try {
      await test.db.rpc('ai_sync_model_allowlist', {
        p_provider: 'anthropic',
        p_models: ['claude-haiku-5-5', 'claude-opus-5-5'],
      });
      await expect(call({ model: 'claude-opus-5-5' })).resolves.toMatchObject({ model: 'claude-opus-5-5' });
      await expect(call({ model: 'claude-sonnet-5-5' })).rejects.toMatchObject({ code: 'bad_request' });
    } finally {
      await test.db.rpc('ai_sync_model_allowlist', {
        p_provider: 'anthropic',
        p_models: ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-haiku-4-5'],
      });
    }
  });

  it('a saved model later dropped from the list is not sent: the default answers', async () => {
    const fixture = await conversation('modelos-quitado');
    await test.db.rpc('admin_update_ai_context', {
      p_tenant_slug: fixture.slug,
      p_patch: { model: 'claude-sonnet-5-5' },
    });
    setEnvForProcess({ ANTHROPIC_MODELS: 'claude-haiku-5-5' });
    await answerNewest(fixture);
    expect(claudeCalls.map((call) => (call.body as { model: string }).model)).toEqual(['claude-haiku-5-5']);
  });
});

describe('preview limit', () => {
  it('answers a clear 429 JSON once the hour’s test messages are used, without calling Claude', async () => {
    const env = {
      ...parseEnv({ APP_MODE: 'local', ENCRYPTION_KEY: randomBytes(32).toString('base64') }),
      ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
      ANTHROPIC_BASE_URL: anthropic,
      AI_MAX_RETRIES: 0,
    };
    const owner = await createTenantWithStaff(test, 'prueba-limite');
    const cookies = createMemoryCookies();
    cookies.set(
      devSessionCookieName,
      sealDevSession({ sub: owner.userId, email: 'owner@prueba-limite.example' }, env.ENCRYPTION_KEY!),
    );
    const preview = () =>
      previewAiResponse(
        new Request('http://localhost/api/t/prueba-limite/ai/preview', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: '¿Dónde están?', channel: 'whatsapp' }),
        }),
        { tenantSlug: 'prueba-limite' },
        { db: test.db, env, cookies },
      );

    // Under the limit Claude answers (before, the preview passed `timeout: undefined`, which the
    // SDK refuses, so "Probar la IA" always fell back to the hand-off).
    const allowed = await preview();
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ generatedBy: 'claude', escalate: false });
    expect(claudeCalls).toHaveLength(1);
    const callsBefore = claudeCalls.length;

    for (let i = 1; i < aiPreviewLimit.limit; i += 1) await limitAiPreview(test.db, owner.tenantId);
    const refused = await preview();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: { code: 'too_many_requests', message: 'Too many test messages' },
    });
    expect(claudeCalls).toHaveLength(callsBefore);
  });
});
