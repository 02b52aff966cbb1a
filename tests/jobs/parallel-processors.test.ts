import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { DbPort } from '@/src/db/rpc-port';
import { getEnv } from '@/src/env';
import { processJobs } from '@/src/jobs/process-jobs';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countingHandler, effectHandler, insertJobs, installEffectFunction } from './job-fixtures';

// Four processors, each with its own connection pool as separate serverless instances would
// have, drain one queue at the same time.

let test: TestDatabase;
let ports: DbPort[];

beforeAll(async () => {
  test = await createTestDatabase();
  await installEffectFunction(test);
  ports = Array.from({ length: 4 }, () => createPgPort(createPgPool(test.url, 4)));
});
afterAll(async () => {
  await Promise.all(ports.map((port) => port.close()));
  await test.drop();
});

describe('parallel processors', () => {
  it('drain 1,000 jobs with each handled exactly once', async () => {
    const ids = await insertJobs(test.pool, 1000);
    const { handler, runs } = countingHandler();
    const results = await Promise.all(
      ports.map((db, index) =>
        processJobs({
          db,
          env: getEnv(),
          handlers: [handler],
          maxJobs: 1000,
          budgetMs: 120_000,
          concurrency: 8,
          workerId: `processor-${index}`,
        }),
      ),
    );

    expect(results.reduce((sum, result) => sum + result.claimed, 0)).toBe(1000);
    expect(runs.size).toBe(1000);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(runs.keys())).toEqual(new Set(ids));
    const { rows } = await test.pool.query(
      'select status, attempts, count(*)::int as n from public.jobs group by status, attempts',
    );
    expect(rows).toEqual([{ status: 'completed', attempts: 1, n: 1000 }]);
    for (const result of results) expect(result.outcomes.completed).toBe(result.claimed);
  });

  it('write each side effect exactly once when handlers finish jobs in their own transaction', async () => {
    await test.pool.query('delete from public.jobs');
    await insertJobs(test.pool, 400);
    await Promise.all(
      ports.map((db) =>
        processJobs({
          db,
          env: getEnv(),
          handlers: [effectHandler()],
          maxJobs: 400,
          budgetMs: 120_000,
          concurrency: 8,
        }),
      ),
    );
    const { rows } = await test.pool.query(`
      select count(*)::int as effects, count(distinct job_id)::int as jobs,
        (select count(*)::int from public.jobs where status = 'completed') as completed
      from public.test_effects`);
    expect(rows[0]).toEqual({ effects: 400, jobs: 400, completed: 400 });
  });
});
