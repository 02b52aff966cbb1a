import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getEnv } from '@/src/env';
import { createCompletionBatch } from '@/src/jobs/completion-batch';
import { claimJobs } from '@/src/jobs/job-queue';
import type { JobHandler } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countingPort } from '../webhooks/support/counting-port';
import { countByStatus, countingHandler, expireLeases, insertJobs, readJob } from './job-fixtures';

// Jobs that finish together are completed in one complete_jobs call (issue 19); each job still
// learns whether it was completed or its lease was lost.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  await test.pool.query('delete from public.jobs');
});

describe('complete_jobs', () => {
  it('completes the jobs still held and leaves a job whose lease was lost to its new holder', async () => {
    await insertJobs(test.pool, 3);
    const claimed = await claimJobs(test.db, { workerId: 'slow', limit: 3, leaseSeconds: 60 });
    const lost = claimed[2]!;
    await test.pool.query("update public.jobs set locked_until = now() - interval '1 second' where id = $1", [
      lost.id,
    ]);
    const [taken] = await claimJobs(test.db, { workerId: 'other', limit: 1, leaseSeconds: 60 });
    expect(taken?.id).toBe(lost.id);

    const complete = createCompletionBatch(test.db);
    const outcomes = await Promise.all(claimed.map((job) => complete(job, { n: job.id })));
    expect(outcomes).toEqual([true, true, false]);
    for (const job of claimed.slice(0, 2)) {
      const row = await readJob(test.pool, job.id);
      expect(row.status).toBe('completed');
      expect(row.result).toEqual({ n: job.id });
    }
    const stillTaken = await readJob(test.pool, lost.id);
    expect(stillTaken.status).toBe('processing');
    expect(stillTaken.locked_by).toBe('other');
    expect(await expireLeases(test.pool, 'other')).toBe(1);
  });

  it('refuses an empty or oversized batch with a clear error', async () => {
    await expect(test.db.rpc('complete_jobs', { p_jobs: [] })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      test.db.rpc('complete_jobs', { p_jobs: { id: 'x' } as unknown as [] }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('processJobs with batched completions', () => {
  it('completes jobs that finish together in one call, and claims the next batch at once', async () => {
    await insertJobs(test.pool, 12);
    const counting = countingPort(test.db);
    const { handler, runs } = countingHandler();
    const result = await processJobs({
      db: counting,
      env: getEnv(),
      handlers: [handler],
      maxJobs: 100,
      budgetMs: 20_000,
      concurrency: 6,
    });
    expect(result.outcomes.completed).toBe(12);
    expect([...runs.values()]).toEqual(Array(12).fill(1));
    expect(await countByStatus(test.pool)).toEqual({ completed: 12 });
    const count = (name: string) => counting.calls.filter((call) => call === name).length;
    expect(count('complete_job')).toBe(0);
    // Two claimed batches of 6, each completed in one call; one last claim finds the queue empty.
    expect(count('complete_jobs')).toBe(2);
    expect(count('claim_jobs')).toBe(3);
  });

  it('still completes a job with follow-ups through complete_job, follow-ups in the same transaction', async () => {
    await insertJobs(test.pool, 1, { jobType: 'parent' });
    const counting = countingPort(test.db);
    const parent: JobHandler = {
      type: 'parent',
      payloadSchema: z.object({ n: z.number().int() }),
      async run() {
        return { kind: 'complete', followUps: [{ job_type: 'count_me', payload: { n: 2 } }] };
      },
    };
    const result = await processJobs({
      db: counting,
      env: getEnv(),
      handlers: [parent, countingHandler().handler],
      maxJobs: 100,
      budgetMs: 20_000,
    });
    expect(result.outcomes.completed).toBe(2);
    expect(counting.calls.filter((call) => call === 'complete_job')).toHaveLength(1);
    expect(counting.calls.filter((call) => call === 'complete_jobs')).toHaveLength(1);
    expect(await countByStatus(test.pool)).toEqual({ completed: 2 });
  });
});
