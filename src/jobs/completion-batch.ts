import type { DbPort } from '@/src/db/rpc-port';
import type { ClaimedJob } from './job-types';

// Jobs that finish together are completed together: completions without follow-ups wait for the
// end of the current turn of the event loop and go to PostgreSQL as one complete_jobs call. A
// processor whose handlers finish at once (a claimed batch of quick jobs) then frees all its slots
// at once, and its next claim takes a batch too. Each job still learns its own fate: completed, or
// its lease was lost (the job is left to whoever holds it now). Each call also reports whether
// anything is due for the processor's filter once these jobs are done (see `settled`).

export type CompleteInBatch = (
  job: ClaimedJob,
  result: Record<string, unknown> | undefined,
) => Promise<boolean>;

export type CompletionBatch = {
  complete: CompleteInBatch;
  /** Jobs whose completion call has answered, and what the latest answer said about due work. */
  settled: () => { jobs: number; due: boolean | undefined };
};

export type CompletionFilter = { tenantId?: string; jobTypes?: string[] };

type Waiting = {
  job: ClaimedJob;
  result: Record<string, unknown> | null;
  resolve: (completed: boolean) => void;
  reject: (error: unknown) => void;
};

const maxBatch = 1000;

export function createCompletionBatch(db: DbPort, filter: CompletionFilter = {}): CompletionBatch {
  const waiting: Waiting[] = [];
  let settledJobs = 0;
  let lastDue: boolean | undefined;

  async function flush(): Promise<void> {
    const batch = waiting.splice(0, maxBatch);
    if (waiting.length > 0) setImmediate(flush);
    try {
      const { completed, due } = await db.rpc('complete_jobs', {
        p_jobs: batch.map(({ job, result }) => ({
          id: job.id,
          locked_by: job.locked_by,
          attempts: job.attempts,
          result,
        })),
        p_tenant_id: filter.tenantId,
        p_job_types: filter.jobTypes?.length ? filter.jobTypes : undefined,
      });
      settledJobs += batch.length;
      lastDue = due;
      const done = new Set(completed);
      for (const entry of batch) entry.resolve(done.has(entry.job.id));
    } catch (error) {
      lastDue = undefined;
      for (const entry of batch) entry.reject(error);
    }
  }

  return {
    complete: (job, result) =>
      new Promise<boolean>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ job, result: result ?? null, resolve, reject });
      }),
    settled: () => ({ jobs: settledJobs, due: lastDue }),
  };
}
