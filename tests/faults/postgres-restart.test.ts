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

// PostgreSQL restarted twice under a load of deliveries and jobs: once with a fast shutdown
// (connections cut, clean stop) and once with an immediate one (no checkpoint: crash recovery
// on start). The app is never restarted or told anything: its pool has to find the server again.

let stack: FaultStack;
let logs: DeliveryLog[];
let result: Invariants;
let appPid: number;
let healthAfter: number;
const restarts: string[] = [];

beforeAll(async () => {
  stack = await startFaultStack({ aiDelayMs: 200, graphDelayMs: 100 });
  appPid = stack.app.pid;
  const deliveries = conversationLoad({ phoneNumberId, appSecret, run: 'pg' }, 30, 4);
  const plan = new Map<number, 'fast' | 'immediate'>([
    [30, 'fast'],
    [80, 'immediate'],
  ]);
  let incident = Promise.resolve();
  logs = await deliverLikeMeta(deliveries, {
    baseUrl: () => stack.app.baseUrl,
    path: `/api/webhook/whatsapp/${tenantSlug}`,
    concurrency: 6,
    maxAttempts: 400,
    deadlineMs: 180_000,
    replayEvery: 7,
    onAck: (acked) => {
      const mode = plan.get(acked);
      if (!mode) return;
      plan.delete(acked);
      incident = incident.then(async () => {
        await stack.db.restart(mode, 1500);
        restarts.push(mode);
      });
    },
  });
  await incident;
  healthAfter = (await fetch(`${stack.app.baseUrl}/api/health`)).status;
  const drained = await drainQueue({
    baseUrl: () => stack.app.baseUrl,
    cronSecret: stack.cronSecret,
    pool: stack.db.pool,
    deadlineMs: 180_000,
  });
  result = await readInvariants(stack.db.pool, stack.graph, logs);
  const statuses = logs.flatMap((log) => log.statuses);
  console.log(
    'postgres-restart:',
    JSON.stringify({
      restarts,
      deliveries: logs.length,
      attempts: statuses.length,
      refusedWith: Object.fromEntries(
        [...new Set(statuses.filter((status) => status !== 200))].map((status) => [
          status,
          statuses.filter((s) => s === status).length,
        ]),
      ),
      drainCalls: drained.calls,
      left: drained.left,
      graphRequests: result.graphRequests,
      failedReplies: result.failedReplies.map((reply) => `${reply.error_code}/${reply.sends}`),
    }),
  );
}, 600_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

describe('PostgreSQL restarted under load', () => {
  it('restarted fast and immediately while the app kept running, untouched', () => {
    expect(restarts).toEqual(['fast', 'immediate']);
    expect(stack.app.pid).toBe(appPid);
    expect(healthAfter).toBe(200);
  });

  it('deliveries refused during the outage were accepted on Meta’s retry; every acknowledged one is stored once', () => {
    expect(result.notAcked).toEqual([]);
    for (const log of logs) expect(result.storedCounts.get(log.delivery.wamid)).toBe(1);
    const refused = logs.flatMap((log) => log.statuses).filter((status) => status !== 200);
    for (const status of refused) expect(status === 'network' || status >= 500).toBe(true);
  });

  it('no job is left pending or processing; every conversation answered once, no reply sent twice', () => {
    expect(result.unfinishedJobs).toBe(0);
    expect(result.unanswered).toEqual([]);
    expect(result.doubleAnswers, JSON.stringify(result.doubleThreads)).toBe(0);
    expect(result.sendsAboveOne).toEqual([]);
    expect(result.samePlatformTextTwice).toEqual([]);
    expect(result.sentWithoutOneSend).toEqual([]);
    for (const reply of result.failedReplies) expect(reply.error_code).toBeTruthy();
  });

  it('a reply the platform accepted while the database was down is still recorded as sent', () => {
    expect(result.failedReplies.filter((reply) => reply.sends > 0)).toEqual([]);
  });
});
