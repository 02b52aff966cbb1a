import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { claimJobs, completeJob, failJob } from '@/src/jobs/job-queue';
import type { JobHandler } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { effectHandler, expireLeases, insertJobs, installEffectFunction, readJob } from './job-fixtures';

// A processor that dies mid-batch is simulated by claiming jobs and never finishing them; its
// leases are then made to run out (instead of waiting for them).

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  await installEffectFunction(test);
});
afterAll(() => test.drop());
beforeEach(async () => {
  await test.pool.query('delete from public.jobs; delete from public.test_effects;');
});

function drain(workerId: string) {
  return processJobs({
    db: test.db,
    env: getEnv(),
    handlers: [effectHandler()],
    maxJobs: 100,
    budgetMs: 20_000,
    workerId,
  });
}

describe('lease recovery', () => {
  it('does not hand on jobs whose lease is still running', async () => {
    await insertJobs(test.pool, 5);
    await claimJobs(test.db, { workerId: 'alive', limit: 5, leaseSeconds: 600 });
    const result = await drain('other');
    expect(result.claimed).toBe(0);
  });

  it('runs abandoned jobs again after the lease, and the dead worker cannot complete them', async () => {
    const ids = await insertJobs(test.pool, 10);
    const abandoned = await claimJobs(test.db, { workerId: 'crashed', limit: 10, leaseSeconds: 600 });
    expect(abandoned).toHaveLength(10);
    expect(await expireLeases(test.pool, 'crashed')).toBe(10);

    const result = await drain('rescuer');
    expect(result.claimed).toBe(10);
    expect(result.outcomes.completed_by_handler).toBe(10);
    for (const id of ids)
      expect(await readJob(test.pool, id)).toMatchObject({ status: 'completed', attempts: 2 });

    // The crashed worker comes back to life and tries to finish what it claimed.
    for (const job of abandoned) {
      await expect(completeJob(test.db, job, { late: true }, [])).rejects.toMatchObject({ code: 'conflict' });
      await expect(failJob(test.db, job, { message: 'late', retryable: true })).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(
        // @ts-expect-error a test-only function (job-fixtures.ts), not in the migrations' generated types
        test.db.rpc('test_record_effect', {
          p_job_id: job.id,
          p_locked_by: job.locked_by,
          p_attempts: job.attempts,
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
    }
    // Its refused effects were rolled back with the refusal: one effect per job, all the rescuer's.
    const { rows } = await test.pool.query(
      'select worker, count(*)::int as n from public.test_effects group by worker',
    );
    expect(rows).toEqual([{ worker: 'rescuer', n: 10 }]);
    for (const id of ids) expect((await readJob(test.pool, id)).result).toEqual({ effect: true });
  });

  it('lets only the current holder finish a job that was re-claimed', async () => {
    const [id] = await insertJobs(test.pool, 1);
    const [stale] = await claimJobs(test.db, { workerId: 'slow', limit: 1, leaseSeconds: 600 });
    await expireLeases(test.pool, 'slow');
    const [current] = await claimJobs(test.db, { workerId: 'fresh', limit: 1, leaseSeconds: 600 });
    expect(current).toMatchObject({ id, attempts: 2, locked_by: 'fresh' });

    await expect(completeJob(test.db, stale!, { from: 'slow' }, [])).rejects.toMatchObject({
      code: 'conflict',
    });
    await completeJob(test.db, current!, { from: 'fresh' }, [{ job_type: 'send_whatsapp', payload: {} }]);
    expect(await readJob(test.pool, id!)).toMatchObject({ status: 'completed', result: { from: 'fresh' } });
    const { rows } = await test.pool.query(
      "select count(*)::int as n from public.jobs where job_type = 'send_whatsapp'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('reports a lost lease without touching the job when the handler finished too late', async () => {
    const [id] = await insertJobs(test.pool, 1);
    // The handler's lease is taken away while it runs (as if it outlived its lease).
    const handler = effectHandler();
    const lateHandler: JobHandler = {
      ...handler,
      run: async (payload, context) => {
        await test.pool.query(
          "update public.jobs set locked_by = 'thief', attempts = attempts + 1 where id = $1",
          [context.job.id],
        );
        return handler.run(payload, context);
      },
    };
    const result = await processJobs({
      db: test.db,
      env: getEnv(),
      handlers: [lateHandler],
      maxJobs: 1,
      budgetMs: 20_000,
    });
    expect(result.jobs[0]?.outcome).toBe('lease_lost');
    expect(await readJob(test.pool, id!)).toMatchObject({ status: 'processing', locked_by: 'thief' });
    const { rows } = await test.pool.query('select count(*)::int as n from public.test_effects');
    expect(rows[0].n).toBe(0);
  });
});
