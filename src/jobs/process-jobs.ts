import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { type CompletionBatch, createCompletionBatch } from './completion-batch';
import { claimJobs } from './job-queue';
import type { JobHandler } from './job-types';
import { type JobRunOutcome, type JobRunReport, runClaimedJob } from './run-claimed-job';

// Drains due jobs with up to `concurrency` handlers at once, claiming only as many as there are
// free slots (so every lease starts when its job starts). Stops claiming once the time budget is
// nearly spent; handlers still running are aborted at the deadline, and any the processor
// cannot finish recording are left to their lease, which expires and hands them on.

export type ProcessJobsOptions = {
  db: DbPort;
  env: AppEnv;
  handlers: readonly JobHandler[];
  maxJobs: number;
  budgetMs: number;
  concurrency?: number;
  workerId?: string;
  tenantId?: string;
  jobTypes?: string[];
  /** Per job; defaults to the smaller of 60 s and the budget. */
  jobTimeoutMs?: number;
  /** Completions without follow-ups share one call when they finish together (default true). */
  batchCompletions?: boolean;
  /** Stops claiming and aborts handlers (the local scheduler's shutdown). */
  signal?: AbortSignal;
};

export type ProcessJobsResult = {
  worker_id: string;
  claimed: number;
  outcomes: Record<JobRunOutcome, number>;
  stopped_by: 'drained' | 'max_jobs' | 'budget' | 'stopped' | 'claim_error';
  jobs: JobRunReport[];
};

const abandonAfterAbortMs = 2_000;
const leaseMarginSeconds = 30;

function createWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function indexHandlers(handlers: readonly JobHandler[]): Map<string, JobHandler> {
  const byType = new Map<string, JobHandler>();
  for (const handler of handlers) {
    if (byType.has(handler.type)) throw new Error(`Two job handlers registered for "${handler.type}"`);
    byType.set(handler.type, handler);
  }
  return byType;
}

function countOutcomes(reports: JobRunReport[]): Record<JobRunOutcome, number> {
  const counts: Record<JobRunOutcome, number> = {
    completed: 0,
    completed_by_handler: 0,
    retry_scheduled: 0,
    failed: 0,
    superseded: 0,
    lease_lost: 0,
    left_to_lease: 0,
  };
  for (const report of reports) counts[report.outcome] += 1;
  return counts;
}

// After a claim that emptied the queue, only this processor's own jobs could have made more work
// due for it (jobs enqueued elsewhere start their own processor or wait for the sweep). When every
// job finished since then was completed in a batch, the batch's answer says whether anything is
// due: no need for one more claim that would find nothing.
function nothingDueSince(
  emptiedAt: { finished: number; batched: number },
  finished: number,
  completions: CompletionBatch,
): boolean {
  const settled = completions.settled();
  const batchedSince = settled.jobs - emptiedAt.batched;
  return settled.due === false && batchedSince > 0 && batchedSince === finished - emptiedAt.finished;
}

export async function processJobs(options: ProcessJobsOptions): Promise<ProcessJobsResult> {
  const handlers = indexHandlers(options.handlers);
  const workerId = options.workerId ?? createWorkerId();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const maxJobs = Math.max(0, Math.floor(options.maxJobs));
  const jobTimeoutMs = Math.max(1, Math.min(options.jobTimeoutMs ?? 60_000, options.budgetMs));
  const leaseSeconds = Math.ceil((jobTimeoutMs + abandonAfterAbortMs) / 1000) + leaseMarginSeconds;
  const stopClaimingAt = Date.now() + options.budgetMs - Math.min(jobTimeoutMs, options.budgetMs / 2);

  const budget = new AbortController();
  const budgetTimer = setTimeout(() => budget.abort(new Error('time budget spent')), options.budgetMs);
  budgetTimer.unref?.();
  const budgetSignal = options.signal ? AbortSignal.any([budget.signal, options.signal]) : budget.signal;
  const completions =
    options.batchCompletions === false
      ? undefined
      : createCompletionBatch(options.db, { tenantId: options.tenantId, jobTypes: options.jobTypes });
  const deps = {
    db: options.db,
    env: options.env,
    handlers,
    budgetSignal,
    jobTimeoutMs,
    abandonAfterAbortMs,
    completeInBatch: completions?.complete,
  };

  const reports: JobRunReport[] = [];
  const active = new Set<Promise<void>>();
  let claimed = 0;
  let claimError: unknown;
  // A claim that found fewer jobs than it asked for emptied the queue: claiming again before a
  // running job finishes (and perhaps enqueues a follow-up) would only find nothing.
  let queueEmptied = false;
  // Where the last claim that emptied the queue left things: reports and batched completions so far.
  let emptiedAt: { finished: number; batched: number } | undefined;
  let stoppedBy: ProcessJobsResult['stopped_by'] = 'drained';
  try {
    while (true) {
      if (options.signal?.aborted) {
        stoppedBy = 'stopped';
        break;
      }
      if (claimed >= maxJobs) {
        stoppedBy = 'max_jobs';
        break;
      }
      if (Date.now() >= stopClaimingAt) {
        stoppedBy = 'budget';
        break;
      }
      const room = Math.min(concurrency - active.size, maxJobs - claimed);
      if (room <= 0 || (queueEmptied && active.size > 0)) {
        await Promise.race(active);
        queueEmptied = false;
        continue;
      }
      if (
        emptiedAt &&
        active.size === 0 &&
        completions &&
        nothingDueSince(emptiedAt, reports.length, completions)
      ) {
        break;
      }
      let batch: Awaited<ReturnType<typeof claimJobs>>;
      try {
        batch = await claimJobs(options.db, {
          workerId,
          limit: room,
          leaseSeconds,
          tenantId: options.tenantId,
          jobTypes: options.jobTypes,
        });
      } catch (error) {
        claimError = error;
        stoppedBy = 'claim_error';
        break;
      }
      if (batch.length === 0) {
        if (active.size === 0) break;
        // Running jobs may enqueue follow-ups: look again when one finishes.
        await Promise.race(active);
        continue;
      }
      queueEmptied = batch.length < room;
      emptiedAt = queueEmptied
        ? { finished: reports.length, batched: completions?.settled().jobs ?? 0 }
        : undefined;
      for (const job of batch) {
        claimed += 1;
        const running: Promise<void> = runClaimedJob(deps, job)
          .then((report) => {
            reports.push(report);
          })
          .finally(() => active.delete(running));
        active.add(running);
      }
    }
    await Promise.all(active);
  } finally {
    clearTimeout(budgetTimer);
  }
  if (claimError) {
    log.error('jobs.claim_failed', { workerId, claimed, error: (claimError as Error).message });
    if (claimed === 0) throw claimError;
  }
  const outcomes = countOutcomes(reports);
  if (claimed > 0) log.info('jobs.processed', { workerId, claimed, stoppedBy, ...outcomes });
  return { worker_id: workerId, claimed, outcomes, stopped_by: stoppedBy, jobs: reports };
}
