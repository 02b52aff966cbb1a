import type { DbCallCounts } from '@/src/db/counting-db-port';
import type { BenchStack } from './bench-stack';
import { runClosedLoop, runOpenLoop } from './http-load';
import { type BenchRow, percentile, round } from './measure';
import { deliveriesFor, failures, latency, type TargetName, webhookTargets } from './webhook-targets';

// Webhook ack under an open-loop load (requests leave on schedule whatever the answers do):
// the empty route and the bare server first, then the WhatsApp route for the AI-off tenant and
// for the AI tenant, at the same rate and with the same deliveries. Each webhook load ends when
// the jobs it started are done, so the next one starts on an idle queue.

export type Ack = { waId: string; ackAt: number };
export type CountsWindow = { before: DbCallCounts; after: DbCallCounts; deliveries: number; replies: number };

export async function warmUp(stack: BenchStack, run: number): Promise<void> {
  for (const target of Object.values(webhookTargets(stack))) {
    const { next } = deliveriesFor(stack, target, run);
    await runClosedLoop({
      baseUrl: target.baseUrl,
      connections: 4,
      durationMs: 3_000,
      maxRequests: 300,
      next,
    });
  }
  await stack.waitForIdleQueue(10_000, 60_000);
}

export async function runAckOpenLoop(
  stack: BenchStack,
  options: { rate: number; seconds: number; run: number },
): Promise<{ rows: BenchRow[]; acks: Ack[]; swept: number; counts: Record<'noAi' | 'ai', CountsWindow> }> {
  const targets = webhookTargets(stack);
  const results = {} as Record<TargetName, Awaited<ReturnType<typeof runOpenLoop>>>;
  const counts = {} as Record<'noAi' | 'ai', CountsWindow>;
  let acks: Ack[] = [];
  let swept = 0;
  for (const key of ['empty', 'bare', 'webhookNoAi', 'webhookAi'] as const) {
    const target = targets[key];
    const { next, sent } = deliveriesFor(stack, target, options.run);
    const before = await stack.countedCalls();
    const sendsBefore = stack.graph.sends();
    results[key] = await runOpenLoop({
      baseUrl: target.baseUrl,
      rate: options.rate,
      durationMs: options.seconds * 1000,
      next,
    });
    if (key === 'empty' || key === 'bare') continue;
    swept += (await stack.waitForIdleQueue(20_000, 180_000)).swept;
    counts[key === 'webhookAi' ? 'ai' : 'noAi'] = {
      before,
      after: await stack.countedCalls(),
      deliveries: results[key].samples.length,
      replies: stack.graph.sends() - sendsBefore,
    };
    if (key === 'webhookAi') {
      acks = results[key].samples
        .filter((sample) => sample.status === 200 && sent[sample.index]?.kind === 'new_user')
        .map((sample) => ({ waId: sent[sample.index]!.waId!, ackAt: sample.doneAt }));
    }
  }
  const empty = results.empty.samples;
  const lag = Math.max(...Object.values(results).map((result) => percentile(result.sendLags, 99)));
  const rows: BenchRow[] = [];
  for (const key of ['webhookNoAi', 'webhookAi'] as const) {
    const { samples, unsent } = results[key];
    const note = [
      `open loop, ${options.seconds} s per target; ${key === 'webhookAi' ? 'AI replies' : 'AI off'}`,
      `not ok: ${failures(samples)} (empty route ${failures(empty)}, bare ${failures(results.bare.samples)})`,
      unsent > 0 ? `OVERLOADED: stopped with ${unsent} deliveries unsent` : 'all sent',
      `bare node:http p50 ${latency(results.bare.samples, 50)} ms, p99 ${latency(results.bare.samples, 99)} ms`,
      `load generator late by ${round(lag)} ms at p99`,
    ].join('; ');
    for (const [p, name] of [
      [50, 'p50'],
      [99, 'p99'],
      [100, 'max'],
    ] as const) {
      rows.push({
        suite: 'webhook',
        metric: `ack ${name}, ${targets[key].name}, ${options.rate} req/s (${samples.length} deliveries)`,
        value: latency(samples, p),
        unit: 'ms',
        baseline: latency(empty, p),
        baselineName: 'empty route',
        ratio: round(latency(samples, p) / latency(empty, p)),
        note,
      });
    }
  }
  return { rows, acks, swept, counts };
}
