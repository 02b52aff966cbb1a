import type pg from 'pg';
import type { BenchStack } from './bench-stack';
import { runOpenLoop } from './http-load';
import { type BenchRow, round } from './measure';
import { tenants } from './seed-bench-tenants';
import { seedBroadcast, stormDeliveries } from './status-storm';
import { deliveriesFor, failures, latency, webhookTargets } from './webhook-targets';

// Status storm (issue 19): a broadcast of `count` template messages brings back ~3 statuses
// each. Three loads against the AI-off tenant, which also receives customer messages:
//  A. customer messages alone (the baseline);
//  B. the storm of a first broadcast alone: round trips per delivery, rows written and read per
//     status (pg_stat_user_tables), ack percentiles;
//  C. the storm of a second broadcast with customer messages at the same rate as A.
// Every message must end `read` (forward-only, whatever the order), nothing left pending.

export type StormOptions = { count: number; stormRate: number; customerRate: number; maxPerPost: number };

type TableCounters = { written: number; read: number; messagesUpdated: number };

async function tableCounters(admin: pg.Pool): Promise<TableCounters> {
  // Backends flush their counters when idle, at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await admin.query('select pg_stat_clear_snapshot()');
  const { rows } = await admin.query<TableCounters>(
    `select sum(n_tup_ins + n_tup_upd + n_tup_del)::float8 as written,
       sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::float8 as read,
       sum(case when relname = 'messages' then n_tup_upd else 0 end)::float8 as "messagesUpdated"
     from pg_stat_user_tables`,
  );
  return rows[0]!;
}

export async function runStatusStormBench(stack: BenchStack, options: StormOptions): Promise<BenchRow[]> {
  const target = webhookTargets(stack).webhookNoAi;
  const tenant = tenants.noAi;
  for (const broadcast of [1, 2])
    await seedBroadcast(stack.admin, { tenantSlug: tenant.slug, broadcast, count: options.count });
  await stack.admin.query('analyze public.messages');
  const storm = (broadcast: number) =>
    stormDeliveries({
      ...tenant,
      path: target.path,
      broadcast,
      count: options.count,
      maxPerPost: options.maxPerPost,
    });
  const stormLoad = (requests: ReturnType<typeof storm>['requests'], statuses: number) =>
    runOpenLoop({
      baseUrl: target.baseUrl,
      // statuses per second -> POSTs per second
      rate: (options.stormRate * requests.length) / statuses,
      durationMs: (statuses / options.stormRate) * 1000,
      next: (index) => requests[index]!,
    });
  const first = storm(1);
  const second = storm(2);
  const customerSeconds = second.statuses / options.stormRate;
  const customers = (run: number) => {
    const { next } = deliveriesFor(stack, target, run);
    return runOpenLoop({
      baseUrl: target.baseUrl,
      rate: options.customerRate,
      durationMs: customerSeconds * 1000,
      next,
    });
  };

  console.log(`status storm: customers alone (${round(customerSeconds)} s)`);
  const alone = await customers(40);
  await stack.waitForIdleQueue(20_000, 180_000);

  console.log(`status storm: ${first.statuses} statuses in ${first.requests.length} POSTs, alone`);
  const countsBefore = await stack.countedCalls();
  const tablesBefore = await tableCounters(stack.admin);
  const stormAlone = await stormLoad(first.requests, first.statuses);
  const tablesAfter = await tableCounters(stack.admin);
  const countsAfter = await stack.countedCalls();
  const calls = Object.entries(countsAfter.calls).reduce(
    (sum, [name, n]) => sum + n - (countsBefore.calls[name] ?? 0),
    0,
  );

  console.log(`status storm: ${second.statuses} statuses with customer messages beside them`);
  const [stormBeside, withStorm] = await Promise.all([
    stormLoad(second.requests, second.statuses),
    customers(41),
  ]);
  await stack.waitForIdleQueue(20_000, 180_000);

  const { rows: end } = await stack.admin.query<{ read: number; pending: number; jobs: number }>(
    `select (select count(*)::int from public.messages
             where platform_message_id like 'wamid.storm.%' and delivery_status = 'read' and read_at is not null) as read,
       (select count(*)::int from public.pending_message_statuses) as pending,
       (select count(*)::int from public.jobs j join public.tenants t on t.id = j.tenant_id
        where t.slug = $1) as jobs`,
    [tenant.slug],
  );
  // Not a failure of the bench: an overloaded app refuses (500) or the load stops early, and the
  // platform would redeliver. Reported, so a figure from such a run is read for what it is.
  const complete = end[0]!.read === 2 * options.count && end[0]!.pending === 0;

  const posts = stormAlone.samples.length;
  const written = (tablesAfter.written - tablesBefore.written) / first.statuses;
  const read = (tablesAfter.read - tablesBefore.read) / first.statuses;
  const messagesUpdated = (tablesAfter.messagesUpdated - tablesBefore.messagesUpdated) / first.statuses;
  const note = [
    `${options.count} template messages per broadcast; ${first.statuses} + ${second.statuses} statuses in`,
    `${first.requests.length} + ${second.requests.length} POSTs (1-${options.maxPerPost} statuses each), ${options.stormRate} statuses/s;`,
    `customer messages ${options.customerRate} req/s (AI off, same tenant);`,
    `not ok: storm ${failures(stormAlone.samples)} + ${failures(stormBeside.samples)}, customers ${failures(alone.samples)} alone / ${failures(withStorm.samples)} beside;`,
    `unsent (load stopped early): ${stormAlone.unsent} + ${stormBeside.unsent};`,
    complete
      ? 'every message ended read;'
      : `INCOMPLETE: ${end[0]!.read} of ${2 * options.count} messages read, ${end[0]!.pending} statuses pending;`,
    `jobs of the tenant after both storms: ${end[0]!.jobs}`,
  ].join(' ');
  const row = (metric: string, value: number, unit: string, baseline?: number, baselineName?: string) => ({
    suite: 'storm',
    metric,
    value: round(value),
    unit,
    ...(baseline !== undefined && {
      baseline: round(baseline),
      baselineName,
      ratio: round(value / baseline),
    }),
    note,
  });
  return [
    row('round trips per status delivery (POST)', calls / posts, 'calls', 1, 'one per webhook'),
    row('rows written per status (all tables)', written, 'rows'),
    row('messages rows updated per status', messagesUpdated, 'rows'),
    row('rows read per status (seq + index fetches)', read, 'rows'),
    row('status ack p50, storm alone', latency(stormAlone.samples, 50), 'ms'),
    row('status ack p99, storm alone', latency(stormAlone.samples, 99), 'ms'),
    row('status ack p99, storm beside customers', latency(stormBeside.samples, 99), 'ms'),
    row(
      'customer message ack p50, during the storm',
      latency(withStorm.samples, 50),
      'ms',
      latency(alone.samples, 50),
      'no storm',
    ),
    row(
      'customer message ack p99, during the storm',
      latency(withStorm.samples, 99),
      'ms',
      latency(alone.samples, 99),
      'no storm',
    ),
  ];
}
