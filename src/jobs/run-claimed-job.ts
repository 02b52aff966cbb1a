import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { isAppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { CompleteInBatch } from './completion-batch';
import { describeJobFailure, type JobFailure, scrubForLog } from './describe-job-failure';
import { completeJob, failJob } from './job-queue';
import type { ClaimedJob, JobHandler, JobOutcome } from './job-types';

// Runs one claimed job to a recorded end: completed, retry scheduled, dead letter, or (when the
// lease was lost or the database could not be reached) left for the lease to hand on. Never throws.

export type JobRunOutcome =
  | 'completed'
  | 'completed_by_handler'
  | 'retry_scheduled'
  | 'failed'
  | 'superseded'
  | 'lease_lost'
  | 'left_to_lease';

export type JobRunReport = { id: string; job_type: string; attempts: number; outcome: JobRunOutcome };

export type RunJobDeps = {
  db: DbPort;
  env: AppEnv;
  handlers: ReadonlyMap<string, JobHandler>;
  /** Aborted when the processor's budget is spent (or it is told to stop). */
  budgetSignal: AbortSignal;
  jobTimeoutMs: number;
  /** How long a handler may ignore its aborted signal before the processor stops waiting. */
  abandonAfterAbortMs: number;
  /** Completions without follow-ups go here when set (one call for the jobs finishing together). */
  completeInBatch?: CompleteInBatch;
};

type Settled = { ok: true; value: JobOutcome } | { ok: false; error: unknown } | { abandoned: true };

function runWithinSignal(work: () => Promise<JobOutcome>, signal: AbortSignal, graceMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    timer = setTimeout(() => resolveAbandoned({ abandoned: true }), graceMs);
    timer.unref?.();
  };
  let resolveAbandoned: (value: Settled) => void = () => {};
  const abandoned = new Promise<Settled>((resolve) => {
    resolveAbandoned = resolve;
  });
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const running: Promise<Settled> = Promise.resolve()
    .then(work)
    .then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  return Promise.race([running, abandoned]).finally(() => {
    signal.removeEventListener('abort', onAbort);
    if (timer) clearTimeout(timer);
  });
}

function isOutcome(value: unknown): value is JobOutcome {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'complete' || kind === 'completed_by_handler';
}

async function recordFailure(deps: RunJobDeps, job: ClaimedJob, failure: JobFailure): Promise<JobRunOutcome> {
  const fields = { jobId: job.id, jobType: job.job_type, tenantId: job.tenant_id, attempts: job.attempts };
  try {
    const result = await failJob(deps.db, job, failure);
    const outcome = result.status === 'pending' ? 'retry_scheduled' : result.status;
    const level = outcome === 'failed' ? 'error' : 'warn';
    log[level](`job.${outcome}`, { ...fields, error: scrubForLog(failure.message) });
    return outcome;
  } catch (error) {
    return handleQueueCallError(error, fields);
  }
}

function handleQueueCallError(error: unknown, fields: Record<string, unknown>): JobRunOutcome {
  if (isAppError(error) && error.code === 'conflict') {
    log.warn('job.lease_lost', fields);
    return 'lease_lost';
  }
  log.error('job.record_failed', {
    ...fields,
    error: scrubForLog((error as Error).message ?? String(error)),
  });
  return 'left_to_lease';
}

async function recordOutcome(deps: RunJobDeps, job: ClaimedJob, outcome: JobOutcome): Promise<JobRunOutcome> {
  const fields = { jobId: job.id, jobType: job.job_type, tenantId: job.tenant_id, attempts: job.attempts };
  if (outcome.kind === 'completed_by_handler') {
    log.info('job.completed', { ...fields, by: 'handler' });
    return 'completed_by_handler';
  }
  try {
    if (deps.completeInBatch && !outcome.followUps?.length) {
      if (!(await deps.completeInBatch(job, outcome.result))) {
        log.warn('job.lease_lost', fields);
        return 'lease_lost';
      }
      log.info('job.completed', { ...fields, followUps: 0 });
      return 'completed';
    }
    await completeJob(deps.db, job, outcome.result, outcome.followUps);
    log.info('job.completed', { ...fields, followUps: outcome.followUps?.length ?? 0 });
    return 'completed';
  } catch (error) {
    // Follow-ups the queue refuses (bad type, another tenant) will be refused on every retry too.
    if (isAppError(error) && (error.code === 'bad_request' || error.code === 'forbidden')) {
      return recordFailure(deps, job, { message: `could not complete: ${error.message}`, retryable: false });
    }
    return handleQueueCallError(error, fields);
  }
}

async function runHandler(deps: RunJobDeps, job: ClaimedJob, handler: JobHandler): Promise<JobRunOutcome> {
  const parsed = handler.payloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    return recordFailure(deps, job, { message: `invalid payload: ${problems.join('; ')}`, retryable: false });
  }
  const deadline = Date.now() + deps.jobTimeoutMs;
  const signal = AbortSignal.any([deps.budgetSignal, AbortSignal.timeout(deps.jobTimeoutMs)]);
  const settled = await runWithinSignal(
    () => handler.run(parsed.data, { job, db: deps.db, env: deps.env, signal, deadline }),
    signal,
    deps.abandonAfterAbortMs,
  );
  if ('abandoned' in settled) {
    log.error('job.abandoned', { jobId: job.id, jobType: job.job_type, tenantId: job.tenant_id });
    return 'left_to_lease';
  }
  if (!settled.ok) return recordFailure(deps, job, describeJobFailure(settled.error, signal.aborted));
  if (!isOutcome(settled.value)) {
    return recordFailure(deps, job, { message: 'handler returned no valid outcome', retryable: true });
  }
  return recordOutcome(deps, job, settled.value);
}

export async function runClaimedJob(deps: RunJobDeps, job: ClaimedJob): Promise<JobRunReport> {
  const report = (outcome: JobRunOutcome): JobRunReport => ({
    id: job.id,
    job_type: job.job_type,
    attempts: job.attempts,
    outcome,
  });
  const handler = deps.handlers.get(job.job_type);
  if (!handler) {
    const message = `unknown job type "${job.job_type}": no handler is registered for it`;
    return report(await recordFailure(deps, job, { message, retryable: false }));
  }
  return report(await runHandler(deps, job, handler));
}
