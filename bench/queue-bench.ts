import type pg from 'pg';
import { z } from 'zod';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { DbPort } from '@/src/db/rpc-port';
import { getEnv } from '@/src/env';
import { claimJobs, enqueueJob } from '@/src/jobs/job-queue';
import type { JobHandler } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import type { BenchServer } from './bench-database';
import { type BenchRow, percentile, round, runConcurrently, timeMs } from './measure';

// Job queue: enqueue and claim+complete throughput with no-op handlers (4 processors, as
// parallel crons would run) against the same number of raw single-row statements on the same
// table at the same concurrency; and claim latency with 100k pending jobs.

export type QueueBenchOptions = { jobs: number; pending: number; samples: number };

const processors = 4;
const concurrency = 8;
const totalConcurrency = processors * concurrency;

const noop: JobHandler = {
  type: 'bench_noop',
  payloadSchema: z.object({ n: z.number().int() }),
  run: async () => ({ kind: 'complete' }),
};

function countCalls(port: DbPort): DbPort & { calls: number } {
  const counted = {
    kind: port.kind,
    calls: 0,
    rpc: ((name, args, options) => {
      counted.calls += 1;
      return port.rpc(name, args, options);
    }) as DbPort['rpc'],
    close: () => port.close(),
  };
  return counted;
}

type Drained = { ms: number; calls: number };

// Four processors drain `jobs` no-op jobs of one type; every job must end completed on attempt 1.
async function drainQueue(
  url: string,
  admin: pg.Pool,
  jobs: number,
  jobType: string,
  batchCompletions: boolean,
): Promise<Drained> {
  const handler = { ...noop, type: jobType };
  const ports = Array.from({ length: processors }, () =>
    countCalls(createPgPort(createPgPool(url, concurrency + 1))),
  );
  const ms = await timeMs(() =>
    Promise.all(
      ports.map((db) =>
        processJobs({
          db,
          env: getEnv(),
          handlers: [handler],
          maxJobs: jobs,
          jobTypes: [jobType],
          budgetMs: 600_000,
          concurrency,
          batchCompletions,
        }),
      ),
    ),
  );
  const calls = ports.reduce((sum, port) => sum + port.calls, 0);
  await Promise.all(ports.map((port) => port.close()));
  const { rows: done } = await admin.query(
    "select count(*)::int as n from public.jobs where job_type = $1 and status = 'completed' and attempts = 1",
    [jobType],
  );
  if (done[0].n !== jobs) throw new Error(`expected ${jobs} ${jobType} completed once, found ${done[0].n}`);
  return { ms, calls };
}

async function measureThroughput(url: string, admin: pg.Pool, jobs: number): Promise<BenchRow[]> {
  const enqueuePort = createPgPort(createPgPool(url, totalConcurrency));
  const rawInsertMs = await timeMs(() =>
    runConcurrently(jobs, totalConcurrency, (i) =>
      admin.query("insert into public.jobs (job_type, payload) values ('bench_raw', $1)", [{ n: i }]),
    ),
  );
  // First the way the queue worked before issue 19 (one complete_job per job), on its own jobs,
  // drained before the batched run's jobs are enqueued so that neither walks past the other's.
  await runConcurrently(jobs, totalConcurrency, (i) =>
    enqueueJob(enqueuePort, { job_type: 'bench_single', payload: { n: i } }),
  );
  await admin.query('analyze public.jobs');
  const single = await drainQueue(url, admin, jobs, 'bench_single', false);
  const enqueueMs = await timeMs(() =>
    runConcurrently(jobs, totalConcurrency, (i) =>
      enqueueJob(enqueuePort, { job_type: 'bench_noop', payload: { n: i } }),
    ),
  );
  await enqueuePort.close();
  await admin.query('analyze public.jobs');
  const batched = await drainQueue(url, admin, jobs, 'bench_noop', true);

  // What a queue of single-row statements must do at least: one UPDATE to take each job and one to
  // finish it, on the same table at the same concurrency. Batching beats it by doing fewer calls.
  const { rows: raw } = await admin.query<{ id: string }>(
    "select id from public.jobs where job_type = 'bench_raw'",
  );
  const rawUpdates = 2 * jobs;
  const rawUpdateMs = await timeMs(() =>
    runConcurrently(rawUpdates, totalConcurrency, (k) =>
      admin.query(
        'update public.jobs set status = $2, attempts = attempts + 1, locked_by = $3 where id = $1',
        [raw[k % raw.length]!.id, Math.floor(k / raw.length) % 2 === 0 ? 'processing' : 'completed', 'bench'],
      ),
    ),
  );

  const perSecond = (ms: number) => round((jobs / ms) * 1000, 0);
  const drainRow = (metric: string, drained: Drained): BenchRow => ({
    suite: 'queue',
    metric,
    value: perSecond(drained.ms),
    unit: 'jobs/s',
    baseline: perSecond(rawUpdateMs),
    ratio: round(rawUpdateMs / drained.ms),
    note: `${drained.calls} queue calls (${round(drained.calls / jobs)} per job) vs ${rawUpdates} raw single-row UPDATEs (claim + finish per job); ratio = queue/baseline speed`,
  });
  return [
    {
      suite: 'queue',
      metric: `enqueue_job (${jobs} jobs, ${totalConcurrency} in flight)`,
      value: perSecond(enqueueMs),
      unit: 'jobs/s',
      baseline: perSecond(rawInsertMs),
      ratio: round(rawInsertMs / enqueueMs),
      note: 'baseline: raw INSERT into public.jobs; ratio = queue/baseline speed',
    },
    drainRow(`claim+complete, no-op handlers (${processors} processors x ${concurrency})`, batched),
    drainRow('claim+complete, one complete_job per job (before issue 19, same run)', single),
  ];
}

async function seedPending(admin: pg.Pool, pending: number): Promise<void> {
  await admin.query(`
    insert into public.tenants (slug, name)
    select 'bench-tenant-' || g, 'Bench tenant ' || g from generate_series(1, 20) g`);
  await admin.query(
    `insert into public.jobs (tenant_id, job_type, payload, priority, scheduled_for)
     select t.ids[1 + (g % 20)],
       (array['ai_response', 'send_whatsapp', 'send_instagram', 'fetch_profile'])[1 + (g % 4)],
       jsonb_build_object('n', g), (g % 3) * 5,
       now() - random() * interval '1 hour' + case when g % 20 = 0 then interval '2 hours' else interval '0' end
     from generate_series(1, $1) g, (select array_agg(id) as ids from public.tenants) t`,
    [pending],
  );
  await admin.query('analyze public.jobs');
}

async function sampleLatency(samples: number, call: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i += 1) latencies.push(await timeMs(call));
  return latencies;
}

async function measureClaimLatency(url: string, admin: pg.Pool, pending: number, samples: number) {
  await seedPending(admin, pending);
  const db = createPgPort(createPgPool(url, 2));
  const { rows } = await admin.query<{ id: string }>(
    "select id from public.tenants where slug = 'bench-tenant-7'",
  );
  const tenantId = rows[0]!.id;
  const claim = (extra: { tenantId?: string; jobTypes?: string[] } = {}) =>
    sampleLatency(samples, () =>
      claimJobs(db, { workerId: 'bench', limit: 10, leaseSeconds: 300, ...extra }),
    );
  const baseline = await sampleLatency(samples, () =>
    admin.query(
      "select id from public.jobs where status = 'pending' and scheduled_for <= now() order by priority desc, scheduled_for limit 10",
    ),
  );
  const all = await claim();
  const forTenant = await claim({ tenantId });
  const forTypes = await claim({ jobTypes: ['send_whatsapp', 'send_instagram'] });
  await db.close();

  const base50 = percentile(baseline, 50);
  const row = (metric: string, latencies: number[]): BenchRow => ({
    suite: 'queue',
    metric: `${metric} (${pending / 1000}k pending, p50; p95 ${round(percentile(latencies, 95))} ms)`,
    value: round(percentile(latencies, 50)),
    unit: 'ms',
    baseline: round(base50),
    ratio: round(percentile(latencies, 50) / base50),
    note: 'baseline: raw indexed SELECT of 10 due ids; ratio = claim/baseline time',
  });
  return [
    row('claim_jobs limit 10', all),
    row('claim_jobs limit 10, one tenant', forTenant),
    row('claim_jobs limit 10, two job types', forTypes),
  ];
}

export async function runQueueBench(server: BenchServer, options: QueueBenchOptions): Promise<BenchRow[]> {
  const throughputUrl = await server.createDatabase('bench_queue_throughput');
  const latencyUrl = await server.createDatabase('bench_queue_latency');
  const adminThroughput = createPgPool(throughputUrl, totalConcurrency);
  const adminLatency = createPgPool(latencyUrl, 2);
  try {
    return [
      ...(await measureThroughput(throughputUrl, adminThroughput, options.jobs)),
      ...(await measureClaimLatency(latencyUrl, adminLatency, options.pending, options.samples)),
    ];
  } finally {
    await adminThroughput.end();
    await adminLatency.end();
  }
}
