import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryLog, deliverLikeMeta } from './support/deliver-like-meta';
import { drainQueue } from './support/drain-queue';
import {
  appSecret,
  type FaultStack,
  phoneNumberId,
  startFaultStack,
  tenantSlug,
} from './support/fault-stack';
import { type Invariants, readInvariants } from './support/reply-invariants';
import { conversationLoad } from './support/whatsapp-deliveries';

// SIGKILL of the built app twice in the middle of a load of signed WhatsApp deliveries while
// its after() work is running Claude calls and Graph sends (both fakes answer slowly, so some
// are always in flight). Meta's side retries whatever was not answered 200; after each kill the
// app is started again as it was, and afterwards the cron route drains the queue.

let stack: FaultStack;
let logs: DeliveryLog[];
let result: Invariants;
const kills: number[] = [];

beforeAll(async () => {
  stack = await startFaultStack({ aiDelayMs: 300, graphDelayMs: 200 });
  const deliveries = conversationLoad({ phoneNumberId, appSecret, run: 'kill' }, 30, 4);
  const killAt = new Set([30, 80]);
  let incident = Promise.resolve();
  logs = await deliverLikeMeta(deliveries, {
    baseUrl: () => stack.app.baseUrl,
    path: `/api/webhook/whatsapp/${tenantSlug}`,
    concurrency: 6,
    maxAttempts: 400,
    deadlineMs: 180_000,
    replayEvery: 7,
    onAck: (acked) => {
      if (!killAt.has(acked)) return;
      killAt.delete(acked);
      incident = incident.then(async () => {
        kills.push(stack.app.pid);
        await stack.app.kill('SIGKILL');
        await stack.restartApp();
      });
    },
  });
  await incident;
  const drained = await drainQueue({
    baseUrl: () => stack.app.baseUrl,
    cronSecret: stack.cronSecret,
    pool: stack.db.pool,
    deadlineMs: 180_000,
  });
  result = await readInvariants(stack.db.pool, stack.graph, logs);
  console.log(
    'kill-server:',
    JSON.stringify({
      kills: kills.length,
      deliveries: logs.length,
      attempts: logs.reduce((sum, log) => sum + log.attempts, 0),
      notOk: logs.flatMap((log) => log.statuses).filter((status) => status !== 200).length,
      drainCalls: drained.calls,
      left: drained.left,
      graphRequests: result.graphRequests,
      anthropicRequests: stack.anthropic.requests.length,
      failedJobs: result.failedJobs.length,
      failedReplies: result.failedReplies.map((reply) => `${reply.error_code}/${reply.sends}`),
    }),
  );
}, 600_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

describe('SIGKILL of the server under load', () => {
  it('killed it twice, mid-load, and started it again', () => {
    expect(kills).toHaveLength(2);
  });

  it('every delivery was eventually acknowledged, and every acknowledged one is stored exactly once', () => {
    expect(result.notAcked).toEqual([]);
    for (const log of logs) expect(result.storedCounts.get(log.delivery.wamid)).toBe(1);
  });

  it('no job is left pending or processing; any dead letter says why', () => {
    expect(result.unfinishedJobs).toBe(0);
    for (const job of result.failedJobs) expect(job.error_message).toMatch(/send_unconfirmed|\w+: .+/);
  });

  it('every conversation got a reply after its last message, and no customer message was answered twice', () => {
    expect(result.unanswered).toEqual([]);
    expect(result.doubleAnswers, JSON.stringify(result.doubleThreads)).toBe(0);
  });

  it('no reply reached the platform twice', () => {
    expect(result.sendsAboveOne).toEqual([]);
    expect(result.samePlatformTextTwice).toEqual([]);
    expect(result.sentWithoutOneSend).toEqual([]);
    for (const reply of result.failedReplies) {
      expect(reply.error_code).toBeTruthy();
      expect(reply.sends).toBeLessThanOrEqual(1);
    }
  });
});
