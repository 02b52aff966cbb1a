import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { defaultHandlers } from '@/src/jobs/default-handlers';
import { schedulePurgeExpired } from '@/src/jobs/handlers/purge-expired-handler';
import { scheduleReportRollup } from '@/src/jobs/handlers/report-rollup-handler';
import type { JobHandler } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import { recordSweepRun } from '@/src/jobs/record-sweep-run';
import { scheduleTokenHealthChecks } from '@/src/jobs/schedule-token-health';
import { log } from '@/src/shared/logger';

// Local mode's stand-in for Vercel Cron: inside `npm run dev` / `npm start`, drain due jobs
// every JOBS_LOCAL_INTERVAL_MS. Runs never overlap; a run that hit its job limit is followed at
// once. Claims go through the same SQL as the route, so both may run side by side. Like the cron
// sweep, it asks for a retention run (purge_expired), the daily token checks and the reports rollup
// now and then; the database decides if one is due.

export type LocalScheduler = { stop: () => Promise<void> };

const jobsPerRun = 50;
const retryAfterErrorMs = 10_000;
const purgeCheckEveryMs = 60_000;

export function startLocalScheduler(options: {
  db: DbPort;
  env: AppEnv;
  handlers?: readonly JobHandler[];
  intervalMs?: number;
}): LocalScheduler {
  const { db, env } = options;
  const intervalMs = options.intervalMs ?? env.JOBS_LOCAL_INTERVAL_MS;
  const jobTimeoutMs = env.JOB_TIMEOUT_SECONDS * 1000;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failing = false;
  let nextPurgeCheckAt = 0;
  const handlers = options.handlers ?? defaultHandlers;

  async function tick(): Promise<void> {
    let nextInMs = intervalMs;
    try {
      if (Date.now() >= nextPurgeCheckAt) {
        nextPurgeCheckAt = Date.now() + purgeCheckEveryMs;
        await recordSweepRun(db, 'internal');
        await schedulePurgeExpired({ db, env, handlers });
        await scheduleTokenHealthChecks({ db, handlers });
        await scheduleReportRollup({ db, handlers });
      }
      const result = await processJobs({
        db,
        env,
        handlers,
        maxJobs: jobsPerRun,
        budgetMs: jobTimeoutMs * 2,
        jobTimeoutMs,
        concurrency: env.JOBS_CONCURRENCY,
        signal: stopping.signal,
      });
      if (failing) log.info('jobs.local_scheduler_recovered');
      failing = false;
      if (result.stopped_by === 'max_jobs') nextInMs = 0;
    } catch (error) {
      // Logged once per outage, not every interval.
      if (!failing) log.warn('jobs.local_scheduler_failed', { error: (error as Error).message });
      failing = true;
      nextInMs = retryAfterErrorMs;
    }
    if (!stopping.signal.aborted) schedule(nextInMs);
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      running = tick();
    }, delayMs);
  }

  schedule(0);
  log.info('jobs.local_scheduler_started', { intervalMs });
  return {
    async stop() {
      stopping.abort(new Error('local scheduler stopping'));
      clearTimeout(timer);
      await running;
    },
  };
}
