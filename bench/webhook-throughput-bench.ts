import type { BenchStack, CpuMs, SqlFunctionTime } from './bench-stack';
import { runClosedLoop } from './http-load';
import { type BenchRow, round } from './measure';
import { ackRoundTrips, platformRouteRows } from './platform-route-rows';
import { deliveriesFor, failures, latency, type TargetName, webhookTargets } from './webhook-targets';

// Closed-loop throughput of each target (N connections, each posting when its last answer
// came), and where the time goes: CPU per request of the app, PostgreSQL and the bare server
// (from /proc, including the jobs after() ran until the queue was idle again), and the time
// spent inside each SQL function per delivery (pg_stat_user_functions).

type Measured = {
  perSecond: number;
  /** Database round trips per request (the app's counting port), webhook targets only. */
  roundTrips?: { perRequest: number; detail: string };
  p50: number;
  failed: number;
  requests: number;
  cpuMsPerRequest: CpuMs;
  sqlMsPerRequest: Record<string, { calls: number; totalMs: number; selfMs: number }>;
};

export type ThroughputResult = { rows: BenchRow[]; breakdown: Record<string, Measured> };

function perRequest<T extends Record<string, number>>(after: T, before: T, requests: number): T {
  return Object.fromEntries(
    Object.entries(after).map(([key, value]) => [key, round((value - (before[key] ?? 0)) / requests, 3)]),
  ) as T;
}

function sqlPerRequest(
  after: Record<string, SqlFunctionTime>,
  before: Record<string, SqlFunctionTime>,
  n: number,
) {
  const rows = Object.entries(after)
    .map(([name, time]) => {
      const was = before[name] ?? { calls: 0, totalMs: 0, selfMs: 0 };
      return [name, perRequest(time, was, n)] as const;
    })
    .filter(([, time]) => time.calls > 0)
    .sort((a, b) => b[1].totalMs - a[1].totalMs);
  return Object.fromEntries(rows);
}

export async function runAckThroughput(
  stack: BenchStack,
  options: { seconds: number; connections: number; run: number },
): Promise<ThroughputResult> {
  const targets = webhookTargets(stack);
  const breakdown = {} as Record<TargetName, Measured>;
  for (const key of ['empty', 'bare', 'webhookNoAi', 'webhookAi', 'webhookPlatform'] as const) {
    const { next } = deliveriesFor(stack, targets[key], options.run);
    const webhook = key !== 'empty' && key !== 'bare';
    const cpuBefore = stack.cpuMs();
    const sqlBefore = webhook ? await stack.sqlFunctionTimes() : {};
    const callsBefore = webhook ? await stack.countedCalls() : undefined;
    const result = await runClosedLoop({
      baseUrl: targets[key].baseUrl,
      connections: options.connections,
      durationMs: options.seconds * 1000,
      maxRequests: 200_000,
      next,
    });
    const callsAfter = webhook ? await stack.countedCalls() : undefined;
    await stack.waitForIdleQueue(20_000, 180_000);
    const cpuAfter = stack.cpuMs();
    // Idle backends report their function statistics within 10 s (PGSTAT_IDLE_INTERVAL).
    if (webhook) await new Promise((resolve) => setTimeout(resolve, 11_000));
    const requests = result.samples.length;
    breakdown[key] = {
      perSecond: round(result.perSecond, 0),
      p50: latency(result.samples, 50),
      failed: failures(result.samples),
      requests,
      cpuMsPerRequest: perRequest(cpuAfter, cpuBefore, requests),
      sqlMsPerRequest: webhook ? sqlPerRequest(await stack.sqlFunctionTimes(), sqlBefore, requests) : {},
      roundTrips: callsBefore && callsAfter ? ackRoundTrips(callsBefore, callsAfter, requests) : undefined,
    };
  }
  const label = `closed loop, ${options.connections} connections, ${options.seconds} s`;
  const rows: BenchRow[] = [];
  for (const key of ['webhookNoAi', 'webhookAi', 'webhookPlatform'] as const) {
    for (const base of ['empty', 'bare'] as const) {
      const value = breakdown[key];
      const baseline = breakdown[base];
      rows.push({
        suite: 'webhook',
        metric: `throughput, ${targets[key].name} (${label})`,
        value: value.perSecond,
        unit: 'req/s',
        baseline: baseline.perSecond,
        baselineName: targets[base].name,
        ratio: round(value.perSecond / baseline.perSecond),
        note: `p50 ${value.p50} ms vs ${baseline.p50} ms; not ok: ${value.failed} vs ${baseline.failed}; ratio = value/baseline throughput`,
      });
    }
  }
  rows.push(...platformRouteRows(breakdown, label));
  for (const key of ['webhookNoAi', 'webhookAi', 'webhookPlatform'] as const) {
    const cpu = breakdown[key].cpuMsPerRequest;
    const total = (c: CpuMs) => round(c.app + c.postgres + c.bare, 3);
    rows.push({
      suite: 'cpu',
      metric: `CPU per delivery, ${targets[key].name}: app ${cpu.app} + PostgreSQL ${cpu.postgres}`,
      value: total(cpu),
      unit: 'ms',
      baseline: total(breakdown.bare.cpuMsPerRequest),
      baselineName: 'bare node:http',
      ratio: round(total(cpu) / total(breakdown.bare.cpuMsPerRequest)),
      note: `empty route: app ${breakdown.empty.cpuMsPerRequest.app} ms; bare: node ${breakdown.bare.cpuMsPerRequest.bare} + PostgreSQL ${breakdown.bare.cpuMsPerRequest.postgres} ms; AI replies include the jobs after() ran`,
    });
  }
  return { rows, breakdown };
}

/** "Where the time goes", printed under the table: CPU per request, then the costliest SQL functions. */
export function describeBreakdown(breakdown: Record<string, Measured>): string {
  const lines = ['where the time goes (closed loop; per request, including the jobs after() ran):'];
  for (const [target, measured] of Object.entries(breakdown)) {
    const cpu = measured.cpuMsPerRequest;
    lines.push(`  ${target}: CPU app ${cpu.app} ms, PostgreSQL ${cpu.postgres} ms, bare ${cpu.bare} ms`);
    for (const [name, time] of Object.entries(measured.sqlMsPerRequest).slice(0, 8)) {
      lines.push(`      ${name}: ${time.calls} calls, ${time.totalMs} ms inside (${time.selfMs} ms own)`);
    }
  }
  return lines.join('\n');
}
