import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getEnv } from '@/src/env';
import { enqueueJob } from '@/src/jobs/job-queue';
import { startLocalScheduler } from '@/src/launcher/local-scheduler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countByStatus, countingHandler, insertJobs } from './job-fixtures';

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('local scheduler', () => {
  it('drains jobs that are due now and jobs enqueued while it runs, until stopped', async () => {
    await insertJobs(test.pool, 120);
    const { handler, runs } = countingHandler();
    const scheduler = startLocalScheduler({
      db: test.db,
      env: getEnv(),
      handlers: [handler],
      intervalMs: 200,
    });
    try {
      // 120 jobs is more than one run takes: the follow-up run starts without waiting.
      await vi.waitFor(async () => expect(await countByStatus(test.pool)).toEqual({ completed: 120 }), {
        timeout: 20_000,
        interval: 50,
      });
      await enqueueJob(test.db, { job_type: 'count_me', payload: { n: 121 } });
      await vi.waitFor(async () => expect(await countByStatus(test.pool)).toEqual({ completed: 121 }), {
        timeout: 20_000,
        interval: 50,
      });
    } finally {
      await scheduler.stop();
    }
    expect(runs.size).toBe(121);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);

    // Stopped means stopped: nothing claims new work any more.
    await enqueueJob(test.db, { job_type: 'count_me', payload: { n: 122 } });
    await test.pool.query('select pg_sleep(0.5)');
    expect(await countByStatus(test.pool)).toEqual({ completed: 121, pending: 1 });
  });
});
