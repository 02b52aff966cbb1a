import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemText } from '@/src/ai/prompt-cache';
import { getEnv, setEnvForProcess } from '@/src/env';
import { defaultHandlers } from '@/src/jobs/default-handlers';
import { aiResponseHandler } from '@/src/jobs/handlers/ai-response-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import {
  addInboundMessage,
  type ConversationFixture,
  createConversation,
  makeAllDue,
  readJobsOf,
  runJobs,
} from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest } from '../outbound/platform-fake';
import { replyHandlers } from '../support/reply-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { answer, anthropicError, claudeMessage } from './anthropic-fake';

const anthropic = 'https://anthropic.test';
const graph = 'https://graph.test';
const claudeCalls: CapturedRequest[] = [];
const graphCalls: CapturedRequest[] = [];
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
  });
  server.use(
    http.post(`${graph}/v26.0/:phoneNumberId/messages`, async ({ request }) => {
      graphCalls.push(await captureRequest(request));
      return HttpResponse.json({
        messaging_product: 'whatsapp',
        messages: [{ id: `wamid.${graphCalls.length}` }],
      });
    }),
  );
});
afterEach(() => {
  server.resetHandlers();
  claudeCalls.length = 0;
  graphCalls.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

function claudeAnswers(...responses: (() => Response | Promise<Response>)[]) {
  let index = 0;
  server.use(
    http.post(`${anthropic}/v1/messages`, async ({ request }) => {
      claudeCalls.push(await captureRequest(request));
      const respond = responses[Math.min(index, responses.length - 1)]!;
      index += 1;
      return respond();
    }),
  );
}

async function dentalConversation(
  options: { text?: string; slug?: string } = {},
): Promise<ConversationFixture> {
  const fixture = await createConversation(test, {
    channel: 'whatsapp',
    text: options.text,
    slug: options.slug,
  });
  // Without hours, a hand-off says the tenant's fallback whatever the wall clock; the closed
  // case has its own test.
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: fixture.slug,
    p_patch: { ...demoAiContext, business_hours: {} },
  });
  return fixture;
}

async function enqueueAi(
  fixture: ConversationFixture,
  messageId = fixture.inboundMessageId,
  maxAttempts?: number,
) {
  return test.db.rpc('enqueue_job', {
    p_job_type: 'ai_response',
    p_payload: { conversation_id: fixture.conversationId, message_id: messageId },
    p_tenant_id: fixture.tenantId,
    p_priority: 10,
    p_dedupe_key: `ai_response:${fixture.conversationId}`,
    p_max_attempts: maxAttempts,
  });
}

async function outboundOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select id, sender, generated_by, text, delivery_status, platform_message_id from public.messages
     where conversation_id = $1 and direction = 'outbound' order by created_at`,
    [fixture.conversationId],
  );
  return rows;
}

async function conversationOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query('select * from public.conversations where id = $1', [
    fixture.conversationId,
  ]);
  return rows[0];
}

async function leadOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query('select score, classification from public.leads where id = $1', [
    fixture.leadId,
  ]);
  return rows[0];
}

describe('ai_response', () => {
  it('asks Claude with the tenant context, records reply + score + send job in one step, and sends it', async () => {
    const fixture = await dentalConversation({
      text: 'Hola, ¿cuánto cuesta la limpieza? Tengo presupuesto de 1000 pesos',
    });
    claudeAnswers(() => claudeMessage(answer({ signals: ['interested', 'budget_mentioned', 'interested'] })));
    await enqueueAi(fixture);

    const run = await runJobs(test, replyHandlers);

    expect(run.outcomes).toMatchObject({ completed_by_handler: 1, completed: 1 });
    expect(claudeCalls).toHaveLength(1);
    const call = claudeCalls[0]!;
    expect(call.url).toBe(`${anthropic}/v1/messages`);
    // @anthropic-ai/sdk 1.x speaks API version 2026-10-21 and sends the key as a Bearer token.
    expect(call.headers.authorization).toBe('Bearer sk-ant-test-0123456789');
    expect(call.headers['anthropic-version']).toBe('2026-10-21');
    expect(call.headers['content-type']).toBe('application/json');
    const body = call.body as Record<string, unknown>;
    expect(body.model).toBe('claude-haiku-5-5');
    expect(body.max_tokens).toBe(600);
    for (const forbidden of ['temperature', 'top_p', 'top_k', 'tool_choice', 'thinking'])
      expect(body).not.toHaveProperty(forbidden);
    expect(body.messages).toEqual([
      { role: 'user', content: 'Hola, ¿cuánto cuesta la limpieza? Tengo presupuesto de 1000 pesos' },
    ]);
    expect(body.output_config).toMatchObject({
      format: { type: 'json_schema', schema: { type: 'object', additionalProperties: false } },
    });
    const system = systemText(body.system as { type: 'text'; text: string }[]);
    expect(system).toContain('Clínica Dental Esva');
    expect(system).toContain('Limpieza dental profesional | price: MXN 800');
    expect(system).toContain('Q: ¿Dónde están?');
    expect(system).toMatch(/Current local time: \w+day \d\d:\d\d \(America\/Mexico_City\)/);
    expect(system).toContain('at most 4096 characters');

    const [reply] = await outboundOf(fixture);
    expect(reply).toMatchObject({
      sender: 'ai',
      generated_by: 'claude',
      delivery_status: 'sent',
      platform_message_id: 'wamid.1',
    });
    expect(reply.text).toContain('MXN 800');
    expect(graphCalls).toHaveLength(1);
    expect((graphCalls[0]!.body as { text: { body: string } }).text.body).toBe(reply.text);

    expect(await leadOf(fixture)).toEqual({ score: 80, classification: 'hot' });
    const events = await test.pool.query('select * from public.lead_score_events where lead_id = $1', [
      fixture.leadId,
    ]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({
      delta: 30,
      score_before: 50,
      score_after: 80,
      classification_after: 'hot',
      signals: ['budget_mentioned', 'interested'],
      message_id: fixture.inboundMessageId,
      reason: 'pricing',
    });
    const [aiJob] = await readJobsOf(test, 'ai_response');
    expect(aiJob).toMatchObject({ status: 'completed', result: { outcome: 'replied', score_after: 80 } });
  });

  it('hands off on an escalation keyword without asking Claude', async () => {
    const fixture = await dentalConversation({ text: 'Tengo una queja, quiero hablar con una persona YA' });
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(0);
    const [handoff] = await outboundOf(fixture);
    expect(handoff).toMatchObject({
      sender: 'system',
      generated_by: null,
      text: demoAiContext.fallback_message,
      delivery_status: 'sent',
    });
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      status: 'pending',
      escalation_reason: 'keyword: queja',
    });
    // "quiero" is not interest in a complaint: the score stays where it was.
    expect(await leadOf(fixture)).toEqual({ score: 50, classification: 'warm' });
  });

  it('never raises the score of a complaint, whatever signals Claude reports with it', async () => {
    const fixture = await dentalConversation({ text: 'Me atendieron tardísimo y quiero que me llamen hoy' });
    claudeAnswers(() =>
      claudeMessage(
        answer({
          reply: 'Lamentamos mucho la espera. Una persona del equipo te llamará hoy.',
          intent: 'complaint',
          signals: ['interested', 'urgent', 'not_interested'],
          escalate: true,
          escalation_reason: 'complaint about waiting time',
        }),
      ),
    );
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    // Only the negative signal counts: 50 - 20.
    expect(await leadOf(fixture)).toEqual({ score: 30, classification: 'cold' });
  });

  it('hands off after the configured number of customer messages', async () => {
    const fixture = await dentalConversation({ text: 'Hola' });
    await test.db.rpc('admin_update_ai_context', {
      p_tenant_slug: fixture.slug,
      p_patch: { auto_escalate_after_messages: 3 },
    });
    await addInboundMessage(test, fixture, '¿Tienen estacionamiento?');
    await addInboundMessage(test, fixture, '¿Y los sábados?');
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(0);
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: 'reached 3 customer messages',
    });
    expect(await outboundOf(fixture)).toHaveLength(1);
  });

  it('escalates when Claude says so, sending its own hand-off reply once', async () => {
    const fixture = await dentalConversation({ text: 'Me sangra mucho la encía desde ayer' });
    claudeAnswers(() =>
      claudeMessage(
        answer({
          reply: 'Lo siento mucho. Una persona del equipo te contactará en unos minutos.',
          intent: 'emergency',
          signals: ['urgent'],
          escalate: true,
          escalation_reason: 'bleeding gums',
        }),
      ),
    );
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    const replies = await outboundOf(fixture);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ sender: 'ai', generated_by: 'claude', delivery_status: 'sent' });
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      status: 'pending',
      escalation_reason: 'bleeding gums',
    });
    expect(await leadOf(fixture)).toEqual({ score: 65, classification: 'warm' });

    // A later customer message in the escalated conversation gets no AI reply.
    await addInboundMessage(test, fixture, '¿Hola?');
    await enqueueAi(fixture);
    const later = await runJobs(test, replyHandlers);
    expect(later.outcomes.completed).toBe(1);
    expect(claudeCalls).toHaveLength(1);
    expect(await outboundOf(fixture)).toHaveLength(1);
  });

  it('stays silent in a conversation handled by a human', async () => {
    const fixture = await dentalConversation();
    await test.pool.query("update public.conversations set handled_by = 'human' where id = $1", [
      fixture.conversationId,
    ]);
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(0);
    expect(await outboundOf(fixture)).toHaveLength(0);
    const [job] = (await readJobsOf(test, 'ai_response')).filter(
      (j) => j.payload.conversation_id === fixture.conversationId,
    );
    expect(job).toMatchObject({ status: 'completed', result: { skipped: 'human_handled' } });
  });

  it('discards a reply made stale by a newer customer message; the newer job answers both once', async () => {
    const fixture = await dentalConversation({ text: '¿Cuánto cuesta un blanqueamiento?' });
    claudeAnswers(
      async () => {
        // The customer writes again while Claude is thinking; the ingest enqueues a new job.
        const newer = await addInboundMessage(test, fixture, '¿Y aceptan tarjeta?');
        await enqueueAi(fixture, newer);
        return claudeMessage(answer({ reply: 'El blanqueamiento cuesta MXN 3,500.' }));
      },
      () =>
        claudeMessage(
          answer({
            reply: 'El blanqueamiento cuesta MXN 3,500 y sí aceptamos tarjeta.',
            signals: ['interested'],
          }),
        ),
    );
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);

    expect(claudeCalls).toHaveLength(2);
    expect((claudeCalls[1]!.body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: '¿Cuánto cuesta un blanqueamiento?\n¿Y aceptan tarjeta?' },
    ]);
    const replies = await outboundOf(fixture);
    expect(replies.map((r) => r.text)).toEqual([
      'El blanqueamiento cuesta MXN 3,500 y sí aceptamos tarjeta.',
    ]);
    const jobs = (await readJobsOf(test, 'ai_response')).filter(
      (j) => j.payload.conversation_id === fixture.conversationId,
    );
    expect(jobs.map((j) => j.result.outcome ?? j.result.skipped)).toEqual(['discarded', 'replied']);
    expect(jobs[0].result.reason).toBe('stale');
    expect(await leadOf(fixture)).toEqual({ score: 60, classification: 'warm' });
  });

  it('stays silent when the customer deleted what they wrote before the answer; answers the rest otherwise', async () => {
    // What an Instagram is_deleted / WhatsApp revoke does to the stored message.
    const deleteMessage = (messageId: string) =>
      test.pool.query(
        `select internal.apply_message_status(m.tenant_id, m.channel, m.platform_message_id, 'deleted')
         from public.messages m where m.id = $1`,
        [messageId],
      );
    const gone = await dentalConversation({ text: 'Mensaje equivocado' });
    await enqueueAi(gone);
    await deleteMessage(gone.inboundMessageId);
    claudeAnswers(() => claudeMessage(answer({ reply: 'No debería enviarse' })));
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(0);
    expect(await outboundOf(gone)).toHaveLength(0);
    const [silent] = (await readJobsOf(test, 'ai_response')).filter(
      (j) => j.payload.conversation_id === gone.conversationId,
    );
    expect(silent).toMatchObject({ status: 'completed', result: { skipped: 'deleted_by_customer' } });

    const partly = await dentalConversation({ text: '¿Abren el sábado?' });
    const second = await addInboundMessage(test, partly, 'perdón, me equivoqué');
    await enqueueAi(partly, second);
    await deleteMessage(second);
    claudeAnswers(() => claudeMessage(answer({ reply: 'Sí, el sábado de 9:00 a 14:00.' })));
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(1);
    expect((claudeCalls[0]!.body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: '¿Abren el sábado?\n[the customer deleted this message]' },
    ]);
    expect((await outboundOf(partly)).map((r) => r.text)).toEqual(['Sí, el sábado de 9:00 a 14:00.']);
  });

  it('answers a burst of messages once', async () => {
    const fixture = await dentalConversation({ text: 'Hola' });
    await enqueueAi(fixture);
    const second = await addInboundMessage(test, fixture, 'quiero una cita');
    const third = await addInboundMessage(test, fixture, 'para el sábado');
    expect((await enqueueAi(fixture, second)).enqueued).toBe(false);
    expect((await enqueueAi(fixture, third)).enqueued).toBe(false);
    claudeAnswers(() =>
      claudeMessage(
        answer({
          reply: 'Claro, el sábado abrimos de 9:00 a 14:00. ¿A qué hora te acomoda?',
          intent: 'booking',
          signals: ['interested'],
        }),
      ),
    );
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(1);
    expect((claudeCalls[0]!.body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'Hola\nquiero una cita\npara el sábado' },
    ]);
    expect(await outboundOf(fixture)).toHaveLength(1);
    expect(graphCalls).toHaveLength(1);
  });

  it('retries a 429 with the job backoff, then answers', async () => {
    const fixture = await dentalConversation();
    claudeAnswers(
      () =>
        anthropicError(
          429,
          'rate_limit_error',
          'Number of request tokens has exceeded your per-minute rate limit',
          { 'retry-after': '7' },
        ),
      () => claudeMessage(answer()),
    );
    await enqueueAi(fixture);
    const first = await runJobs(test, replyHandlers);
    expect(first.outcomes.retry_scheduled).toBe(1);
    expect(await outboundOf(fixture)).toHaveLength(0);
    const [pending] = (await readJobsOf(test, 'ai_response')).filter(
      (j) => j.payload.conversation_id === fixture.conversationId,
    );
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.error_message).toContain('HTTP 429 rate_limit_error');

    await makeAllDue(test);
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(2);
    expect(await outboundOf(fixture)).toMatchObject([
      { sender: 'ai', generated_by: 'claude', delivery_status: 'sent' },
    ]);
  });

  it('sends the fallback message and escalates when Claude stays down through the last attempt', async () => {
    const fixture = await dentalConversation();
    claudeAnswers(() => anthropicError(529, 'overloaded_error', 'Overloaded'));
    await enqueueAi(fixture, fixture.inboundMessageId, 2);
    const first = await runJobs(test, replyHandlers);
    expect(first.outcomes.retry_scheduled).toBe(1);
    await makeAllDue(test);
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(2);
    expect(await outboundOf(fixture)).toMatchObject([
      { sender: 'system', generated_by: null, text: demoAiContext.fallback_message, delivery_status: 'sent' },
    ]);
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: 'AI unavailable: HTTP 529 overloaded_error',
    });
  });

  it('a Claude slower than the job allows ends in its own hand-off on the last attempt, not a killed job', async () => {
    // 20 s per request and one SDK retry would need 40 s; the job may take 5.
    setEnvForProcess({ AI_REQUEST_TIMEOUT_MS: '20000', AI_MAX_RETRIES: '1' });
    const fixture = await dentalConversation();
    claudeAnswers(async () => {
      await delay('infinite');
      return claudeMessage(answer());
    });
    await enqueueAi(fixture, fixture.inboundMessageId, 1);
    const run = await processJobs({
      db: test.db,
      env: getEnv(),
      handlers: defaultHandlers,
      maxJobs: 1,
      budgetMs: 20_000,
      jobTimeoutMs: 5_000,
      concurrency: 1,
      jobTypes: ['ai_response'],
    });
    expect(run.outcomes.completed_by_handler).toBe(1);
    // Both tries fitted in the job (the SDK's retry after the first timed out).
    expect(claudeCalls).toHaveLength(2);
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: 'AI unavailable: timeout',
    });
    const [reply] = await outboundOf(fixture);
    expect(reply).toMatchObject({ sender: 'system', text: demoAiContext.fallback_message });
  }, 30_000);

  it('asks twice on invalid output, then falls back and escalates', async () => {
    const fixture = await dentalConversation();
    claudeAnswers(
      () => claudeMessage(null, { raw: 'Claro, la limpieza cuesta 800.' }),
      () =>
        claudeMessage({
          reply: 'x',
          intent: 'not-an-intent',
          signals: [],
          escalate: false,
          escalation_reason: '',
        }),
    );
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(claudeCalls.map((call) => (call.body as { max_tokens: number }).max_tokens)).toEqual([600, 1200]);
    expect(await outboundOf(fixture)).toMatchObject([
      { sender: 'system', text: demoAiContext.fallback_message },
    ]);
    expect((await conversationOf(fixture)).escalation_reason).toContain(
      'invalid output: not JSON, schema mismatch',
    );
  });

  it('uses the tenant model and never sends temperature (removed in API version 2026-10-21)', async () => {
    const fixture = await dentalConversation();
    await test.db.rpc('admin_update_ai_context', {
      p_tenant_slug: fixture.slug,
      p_patch: { model: 'claude-haiku-4-5', temperature: 0.3 },
    });
    claudeAnswers(() => claudeMessage(answer(), { model: 'claude-haiku-4-5' }));
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(claudeCalls[0]!.body).toMatchObject({ model: 'claude-haiku-4-5' });
    expect(claudeCalls[0]!.body).not.toHaveProperty('temperature');
  });
});

describe('ai_response under a lost lease', () => {
  it('writes nothing when another worker took the job over meanwhile', async () => {
    const fixture = await dentalConversation();
    await enqueueAi(fixture);
    const claim = (worker: string) =>
      test.db.rpc('claim_jobs', {
        p_worker: worker,
        p_limit: 1,
        p_lease_seconds: 60,
        p_tenant_id: fixture.tenantId,
      });
    const [mine] = await claim('worker-a');
    claudeAnswers(async () => {
      // While Claude thinks, the lease runs out and worker B claims the job.
      await test.pool.query(
        "update public.jobs set locked_until = now() - interval '1 second' where id = $1",
        [mine!.id],
      );
      await claim('worker-b');
      return claudeMessage(answer({ signals: ['interested'] }));
    });
    const run = aiResponseHandler.run(
      { conversation_id: fixture.conversationId, message_id: fixture.inboundMessageId },
      {
        job: mine!,
        db: test.db,
        env: getEnv(),
        signal: new AbortController().signal,
        deadline: Date.now() + 60_000,
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'conflict' });
    expect(await outboundOf(fixture)).toHaveLength(0);
    expect(await leadOf(fixture)).toEqual({ score: 50, classification: 'warm' });
    const { rows } = await test.pool.query(
      "select count(*)::int as n from public.jobs where job_type like 'send_%' and tenant_id = $1",
      [fixture.tenantId],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('ai_response without ANTHROPIC_API_KEY (offline responder)', () => {
  beforeEach(() => setEnvForProcess({ ANTHROPIC_API_KEY: '' }));

  it('answers from the FAQ, marked offline, and scores with keyword rules', async () => {
    const fixture = await dentalConversation({ text: '¿Qué formas de pago aceptan? Quiero agendar' });
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(claudeCalls).toHaveLength(0);
    const [reply] = await outboundOf(fixture);
    expect(reply).toMatchObject({ sender: 'ai', generated_by: 'offline', delivery_status: 'sent' });
    expect(reply.text).toContain('Efectivo, tarjeta de débito y crédito');
    expect(await leadOf(fixture)).toEqual({ score: 60, classification: 'warm' });
    expect((await conversationOf(fixture)).handled_by).toBe('ai');
  });

  it('quotes matching services with their prices, one per line', async () => {
    const fixture = await dentalConversation({ text: 'Hola, ¿cuánto cuesta una limpieza?' });
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    const [reply] = await outboundOf(fixture);
    expect(reply).toMatchObject({ generated_by: 'offline' });
    expect(reply.text).toBe('Estos son nuestros precios:\n• Limpieza dental profesional: MXN 800 (45 min)');
  });

  it('hands a complaint to a person without raising the score', async () => {
    const fixture = await dentalConversation({
      text: 'Pésimo servicio, quiero que alguien me explique el cobro',
    });
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(await outboundOf(fixture)).toMatchObject([
      { sender: 'system', generated_by: null, text: demoAiContext.fallback_message },
    ]);
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: 'offline responder: complaint',
    });
    expect(await leadOf(fixture)).toEqual({ score: 50, classification: 'warm' });
  });

  it('outside business hours, the hand-off says when the clinic opens instead of "en breve"', async () => {
    const fixture = await dentalConversation({ text: '¿Hacen implantes de titanio?' });
    // Open only on the weekday three days from now (Mexico City), 09:00-10:00: closed right now.
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Mexico_City', weekday: 'short' })
      .format(inThreeDays)
      .toLowerCase();
    await test.db.rpc('admin_update_ai_context', {
      p_tenant_slug: fixture.slug,
      p_patch: {
        business_hours: { timezone: 'America/Mexico_City', weekly: { [weekday]: [['09:00', '10:00']] } },
      },
    });
    const dayName = new Intl.DateTimeFormat('es-MX', {
      timeZone: 'America/Mexico_City',
      weekday: 'long',
    }).format(inThreeDays);
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    const [reply] = await outboundOf(fixture);
    expect(reply!.text).toMatch(
      new RegExp(
        `^Gracias por escribir a .+\\. Ahora estamos cerrados; abrimos el ${dayName} a las 9:00 y una persona del equipo te responderá entonces\\.$`,
      ),
    );
    expect(reply!.text).not.toContain('en breve');
    expect((await conversationOf(fixture)).handled_by).toBe('human');
  });

  it('hands off with the fallback message when nothing matches', async () => {
    const fixture = await dentalConversation({
      text: '¿Hacen implantes de titanio con garantía de por vida?',
    });
    await enqueueAi(fixture);
    await runJobs(test, replyHandlers);
    expect(await outboundOf(fixture)).toMatchObject([
      { sender: 'system', generated_by: null, text: demoAiContext.fallback_message },
    ]);
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      escalation_reason: 'offline responder: no answer in the FAQ',
    });
  });
});
