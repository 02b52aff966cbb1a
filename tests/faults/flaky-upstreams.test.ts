import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryLog, deliverLikeMeta } from './support/deliver-like-meta';
import { drainQueue } from './support/drain-queue';
import { anthropicError } from './support/fake-anthropic';
import { graphError } from './support/fake-graph';
import type { Answer } from './support/fake-upstream';
import {
  appSecret,
  type FaultStack,
  phoneNumberId,
  startFaultStack,
  tenantSlug,
} from './support/fault-stack';
import { type Invariants, readInvariants } from './support/reply-invariants';
import { conversationLoad } from './support/whatsapp-deliveries';

// Anthropic and Graph misbehave for a while, every way PLATFORMS.md §2.5 and §6.3 list (and a
// few more), then recover. Every customer message must end answered, or handed to a human with
// the fallback message, or with its reply dead-lettered under an error that says what happened.

const aiFaults: Answer[] = [
  anthropicError(429, 'rate_limit_error', { 'retry-after': '1' }),
  anthropicError(529, 'overloaded_error'),
  anthropicError(500, 'api_error'),
  { hang: true },
  { reset: true },
  {
    status: 429,
    body: {
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'spend limit',
        details: { error_code: 'enforced_spend_limit_reached' },
      },
    },
  },
];
const graphFaults: Answer[] = [
  graphError(500, 1, 'An unknown error occurred'),
  graphError(429, 130429, 'Rate limit hit', { 'retry-after': '1' }),
  { status: 503, body: '<html>Service Unavailable</html>' },
  { hang: true },
  { reset: true },
  { status: 200, body: { messaging_product: 'whatsapp', messages: [] } },
  graphError(400, 131047, 'Re-engagement message'),
];
const failingAiRequests = 18;
const failingGraphRequests = 21;

let stack: FaultStack;
let logs: DeliveryLog[];
let result: Invariants;
let conversations: Array<{ handled_by: string; escalation_reason: string | null; last_reply: string | null }>;

beforeAll(async () => {
  stack = await startFaultStack({
    aiFault: ({ n }) => (n <= failingAiRequests ? aiFaults[(n - 1) % aiFaults.length] : undefined),
    graphFault: ({ n }) =>
      n <= failingGraphRequests ? graphFaults[(n - 1) % graphFaults.length] : undefined,
    env: { SEND_UNCONFIRMED_GRACE_SECONDS: '2' },
  });
  logs = await deliverLikeMeta(conversationLoad({ phoneNumberId, appSecret, run: 'flaky' }, 20, 2), {
    baseUrl: () => stack.app.baseUrl,
    path: `/api/webhook/whatsapp/${tenantSlug}`,
    concurrency: 4,
    maxAttempts: 20,
    deadlineMs: 60_000,
  });
  const drained = await drainQueue({
    baseUrl: () => stack.app.baseUrl,
    cronSecret: stack.cronSecret,
    pool: stack.db.pool,
    deadlineMs: 300_000,
  });
  result = await readInvariants(stack.db.pool, stack.graph, logs);
  conversations = (
    await stack.db.pool.query(
      `select c.handled_by, c.escalation_reason,
         (select o.text from messages o where o.conversation_id = c.id and o.direction = 'outbound'
           order by o.created_at desc limit 1) as last_reply
       from conversations c`,
    )
  ).rows;
  console.log(
    'flaky-upstreams:',
    JSON.stringify({
      anthropicRequests: stack.anthropic.requests.length,
      graphRequests: stack.graph.requests.length,
      drainCalls: drained.calls,
      left: drained.left,
      handedOff: conversations.filter((c) => c.handled_by === 'human').map((c) => c.escalation_reason),
      deadLetters: result.failedJobs.map((job) => job.error_message),
    }),
  );
}, 600_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

describe('Anthropic and Graph failing for a while', () => {
  it('the fakes did fail as scripted, and were asked again after failing', () => {
    expect(stack.anthropic.requests.length).toBeGreaterThan(failingAiRequests);
    expect(stack.graph.requests.length).toBeGreaterThan(failingGraphRequests);
  });

  it('nothing is lost: every delivery acknowledged and stored once, no job left pending or processing', () => {
    expect(result.notAcked).toEqual([]);
    for (const log of logs) expect(result.storedCounts.get(log.delivery.wamid)).toBe(1);
    expect(result.unfinishedJobs).toBe(0);
  });

  it('Claude’s failures end in an answer or a hand-off with the fallback message, never a dead AI job', () => {
    expect(result.failedJobs.filter((job) => job.job_type === 'ai_response')).toEqual([]);
    for (const conversation of conversations) {
      if (conversation.handled_by !== 'human') continue;
      // A person takes over either because Claude never answered (the customer got the fallback)
      // or because the answer's send died (the dead-letter escalation names the send's error).
      const reason = conversation.escalation_reason ?? '';
      if (reason.startsWith('AI unavailable: ')) {
        expect(conversation.last_reply).toBe('Te escribimos pronto.');
      } else {
        expect(reason).toMatch(/^The reply could not be sent: (send_unconfirmed|131047): /);
      }
    }
    expect(conversations.some((c) => c.escalation_reason?.includes('spend limit'))).toBe(true);
  });

  it('every conversation has a reply after its last message, answered once', () => {
    expect(result.unanswered).toEqual([]);
    expect(result.doubleAnswers, JSON.stringify(result.doubleThreads)).toBe(0);
  });

  it('a send that cannot be completed is a dead letter that says why; none is sent twice', () => {
    for (const job of result.failedJobs) {
      expect(job.job_type).toBe('send_whatsapp');
      expect(job.error_message).toMatch(/^(PermanentJobError|RetryableJobError): [\w.]+: .{10,}/);
    }
    for (const reply of result.failedReplies) {
      expect(reply.error_code).toBeTruthy();
      expect(reply.error_message).toBeTruthy();
    }
    expect(result.failedReplies.map((reply) => reply.error_code)).toEqual(
      expect.arrayContaining(['send_unconfirmed', '131047']),
    );
    expect(result.sendsAboveOne.length).toBeLessThanOrEqual(result.failedReplies.length);
    expect(result.sentWithoutOneSend).toEqual([]);
  });
});
