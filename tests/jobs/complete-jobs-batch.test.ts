import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getEnv } from '@/src/env';
import { createCompletionBatch } from '@/src/jobs/completion-batch';
import { claimJobs, enqueueJob } from '@/src/jobs/job-queue';
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

    const batch = createCompletionBatch(test.db);
    const outcomes = await Promise.all(claimed.map((job) => batch.complete(job, { n: job.id })));
    expect(outcomes).toEqual([true, true, false]);
    // One call; nothing pending, and the lost job's new lease still runs: nothing due.
    expect(batch.settled()).toEqual({ jobs: 3, due: false });
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
    await insertJobs(test.pool, 10);
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
    expect(result.outcomes.completed).toBe(10);
    expect([...runs.values()]).toEqual(Array(10).fill(1));
    expect(await countByStatus(test.pool)).toEqual({ completed: 10 });
    const count = (name: string) => counting.calls.filter((call) => call === name).length;
    expect(count('complete_job')).toBe(0);
    // Batches of 6 and 4, each completed in one call. The second claim emptied the queue and the
    // last completion found nothing due: no third claim to find nothing.
    expect(count('complete_jobs')).toBe(2);
    expect(count('claim_jobs')).toBe(2);
  });

  it('claims again when a batched job enqueued work through its own SQL call', async () => {
    const [tenant] = (
      await test.pool.query<{ id: string }>(
        "insert into public.tenants (slug, name) values ('batch-due', 'Batch due') returning id",
      )
    ).rows;
    await insertJobs(test.pool, 1, { jobType: 'parent', tenantId: tenant!.id });
    const counting = countingPort(test.db);
    const parent: JobHandler = {
      type: 'parent',
      payloadSchema: z.object({ n: z.number().int() }),
      async run(_payload, { db }) {
        // Like a handler whose SQL function enqueues a job: no follow-ups in its outcome.
        await enqueueJob(db, { job_type: 'count_me', payload: { n: 2 }, tenant_id: tenant!.id });
        return { kind: 'complete' };
      },
    };
    const { handler, runs } = countingHandler();
    const result = await processJobs({
      db: counting,
      env: getEnv(),
      handlers: [parent, handler],
      tenantId: tenant!.id,
      maxJobs: 100,
      budgetMs: 20_000,
    });
    expect(result.outcomes.completed).toBe(2);
    expect(runs.size).toBe(1);
    expect(counting.calls.filter((call) => call === 'claim_jobs')).toHaveLength(2);
    expect(await countByStatus(test.pool)).toEqual({ completed: 2 });
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
