import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getEnv, setEnvForProcess } from '@/src/env';
import type { ClaimedJob } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import {
  type ConversationFixture,
  createConversation,
  enqueueSend,
  queueOutbound,
  readJobsOf,
  runJobs,
} from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest } from '../outbound/platform-fake';
import { replyHandlers } from '../support/reply-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A dead letter never leaves the customer with nothing: an ai_response job that died, or an
// automated reply that could not be sent, hands the conversation to a person (and, where the AI
// never answered, sends the tenant's fallback message), unless someone answered meanwhile.

const graph = 'https://graph.test';
const graphCalls: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;
let graphAnswer: () => Response;

beforeAll(async () => {
  setEnvForProcess({ GRAPH_API_BASE_URL: graph, ANTHROPIC_API_KEY: '' });
  server.listen({ onUnhandledRequest: 'error' });
  server.use(
    http.post(`${graph}/v26.0/:phoneNumberId/messages`, async ({ request }) => {
      graphCalls.push(await captureRequest(request));
      return graphAnswer();
    }),
  );
  test = await createTestDatabase();
});
afterEach(() => {
  graphCalls.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

const accepted = () =>
  HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${graphCalls.length}` }] });
const outsideWindow = () =>
  HttpResponse.json(
    { error: { message: '(#131047) Re-engagement message', type: 'OAuthException', code: 131047 } },
    { status: 400 },
  );

async function clinicConversation(): Promise<ConversationFixture> {
  const fixture = await createConversation(test, { channel: 'whatsapp' });
  await test.db.rpc('admin_update_ai_context', { p_tenant_slug: fixture.slug, p_patch: demoAiContext });
  return fixture;
}

async function conversationOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    'select handled_by, status, escalated_at is not null as escalated, escalation_reason from public.conversations where id = $1',
    [fixture.conversationId],
  );
  return rows[0];
}

async function outboundOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select sender, text, delivery_status, error_code from public.messages
     where conversation_id = $1 and direction = 'outbound' order by created_at`,
    [fixture.conversationId],
  );
  return rows;
}

/** A job claimed by a worker that then died on its last attempt: the lease runs out. */
async function dieHolding(fixture: ConversationFixture, jobType: string): Promise<ClaimedJob> {
  await test.pool.query('update public.jobs set max_attempts = 1 where tenant_id = $1 and job_type = $2', [
    fixture.tenantId,
    jobType,
  ]);
  const [job] = await test.db.rpc('claim_jobs', {
    p_worker: 'worker-that-dies',
    p_limit: 1,
    p_lease_seconds: 60,
    p_tenant_id: fixture.tenantId,
    p_job_types: [jobType],
  });
  await test.pool.query("update public.jobs set locked_until = now() - interval '1 second' where id = $1", [
    job!.id,
  ]);
  return job!;
}

describe('dead letters hand the conversation to a person', () => {
  it('an ai_response whose worker died on the last attempt: fallback sent, conversation escalated', async () => {
    graphAnswer = accepted;
    const fixture = await clinicConversation();
    await test.db.rpc('enqueue_job', {
      p_job_type: 'ai_response',
      p_payload: { conversation_id: fixture.conversationId, message_id: fixture.inboundMessageId },
      p_tenant_id: fixture.tenantId,
      p_dedupe_key: `ai_response:${fixture.conversationId}`,
    });
    await dieHolding(fixture, 'ai_response');

    await runJobs(test, replyHandlers);

    expect(await conversationOf(fixture)).toEqual({
      handled_by: 'human',
      status: 'pending',
      escalated: true,
      escalation_reason: expect.stringMatching(
        /^The AI could not answer: lease expired on the final attempt/,
      ),
    });
    expect(await outboundOf(fixture)).toEqual([
      { sender: 'system', text: demoAiContext.fallback_message, delivery_status: 'sent', error_code: null },
    ]);
    expect(graphCalls).toHaveLength(1);
    const [escalation] = await readJobsOf(test, 'escalate_unanswered').then((jobs) =>
      jobs.filter((job) => job.payload.conversation_id === fixture.conversationId),
    );
    expect(escalation).toMatchObject({ status: 'completed', result: { outcome: 'escalated' } });
  });

  it('an AI reply WhatsApp refused: escalated with the reason, nothing else sent', async () => {
    graphAnswer = outsideWindow;
    const fixture = await clinicConversation();
    await queueOutbound(test, fixture, { text: 'La limpieza cuesta MXN 800.' });

    await runJobs(test, replyHandlers);

    expect(graphCalls).toHaveLength(1);
    expect(await conversationOf(fixture)).toMatchObject({
      handled_by: 'human',
      escalated: true,
      escalation_reason: expect.stringMatching(/^The reply could not be sent: 131047: /),
    });
    expect(await outboundOf(fixture)).toEqual([
      expect.objectContaining({ sender: 'ai', delivery_status: 'failed', error_code: '131047' }),
    ]);
  });

  it('a send cut off on its last attempt: marked unconfirmed (check the chat) and escalated', async () => {
    graphAnswer = accepted;
    const fixture = await clinicConversation();
    const id = await queueOutbound(test, fixture);
    await test.db.rpc('outbound_begin_send', {
      p_message_id: id,
      p_tenant_id: fixture.tenantId,
      p_channel: 'whatsapp',
    });
    await dieHolding(fixture, 'send_whatsapp');

    await runJobs(test, replyHandlers);

    expect(graphCalls).toHaveLength(0);
    expect(await outboundOf(fixture)).toEqual([
      expect.objectContaining({ delivery_status: 'failed', error_code: 'send_unconfirmed' }),
    ]);
    expect(await conversationOf(fixture)).toMatchObject({ handled_by: 'human', escalated: true });
  });

  it('changes nothing when the customer was answered since, or when a person is on it', async () => {
    graphAnswer = outsideWindow;
    const answeredSince = await clinicConversation();
    const refused = await queueOutbound(test, answeredSince, { text: 'Primera respuesta' });
    // Only the send runs now: the escalation it asks for runs after the later reply below.
    await processJobs({
      db: test.db,
      env: getEnv(),
      handlers: replyHandlers,
      maxJobs: 10,
      budgetMs: 20_000,
      jobTypes: ['send_whatsapp'],
    });
    // Meanwhile a later reply went out.
    await test.pool.query(
      `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text,
         delivery_status, sent_at, created_at)
       values ($1, $2, $3, 'whatsapp', 'outbound', 'ai', 'Segunda respuesta', 'sent', now(), now() + interval '1 second')`,
      [answeredSince.tenantId, answeredSince.conversationId, answeredSince.leadId],
    );

    const withPerson = await clinicConversation();
    await test.pool.query("update public.conversations set handled_by = 'human' where id = $1", [
      withPerson.conversationId,
    ]);
    const humanReply = await test.pool.query(
      `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, delivery_status)
       values ($1, $2, $3, 'whatsapp', 'outbound', 'human', 'Hola, soy Ana', 'queued') returning id`,
      [withPerson.tenantId, withPerson.conversationId, withPerson.leadId],
    );
    await enqueueSend(test, withPerson, humanReply.rows[0].id);

    await runJobs(test, replyHandlers);

    expect(await conversationOf(answeredSince)).toMatchObject({ handled_by: 'ai', escalated: false });
    expect(await conversationOf(withPerson)).toMatchObject({ handled_by: 'human', escalated: false });
    const escalations = (await readJobsOf(test, 'escalate_unanswered')).filter((job) =>
      [answeredSince.conversationId, withPerson.conversationId].includes(job.payload.conversation_id),
    );
    // The refused AI reply asked for an escalation, which found it not needed; the person's own
    // failed reply asked for none.
    expect(escalations).toEqual([
      expect.objectContaining({
        status: 'completed',
        payload: expect.objectContaining({ failed_message_id: refused }),
        result: { outcome: 'not_needed', reason: 'answered_since' },
      }),
    ]);
  });
});
