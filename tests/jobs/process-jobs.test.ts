import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { getEnv } from '@/src/env';
import { enqueueJob } from '@/src/jobs/job-queue';
import { type JobHandler, PermanentJobError, RetryableJobError } from '@/src/jobs/job-types';
import { type ProcessJobsOptions, processJobs } from '@/src/jobs/process-jobs';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countingPort } from '../webhooks/support/counting-port';
import {
  countByStatus,
  countingHandler,
  effectHandler,
  insertJobs,
  installEffectFunction,
  makeDueNow,
  readJob,
} from './job-fixtures';

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  await installEffectFunction(test);
});
afterAll(() => test.drop());
beforeEach(async () => {
  await test.pool.query('delete from public.jobs');
});

function run(handlers: JobHandler[], options: Partial<ProcessJobsOptions> = {}) {
  return processJobs({ db: test.db, env: getEnv(), handlers, maxJobs: 100, budgetMs: 20_000, ...options });
}

function throwingHandler(type: string, makeError: () => unknown): JobHandler {
  return {
    type,
    payloadSchema: z.object({}).passthrough(),
    async run() {
      throw makeError();
    },
  };
}

describe('processJobs', () => {
  it('fails an unknown job type at once with a clear error', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'no_such_type' });
    const result = await run([countingHandler().handler]);
    expect(result.jobs).toEqual([{ id, job_type: 'no_such_type', attempts: 1, outcome: 'failed' }]);
    const job = await readJob(test.pool, id!);
    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/unknown job type "no_such_type"/);
  });

  it('fails an invalid payload at once, naming the bad field', async () => {
    const { id } = await enqueueJob(test.db, { job_type: 'count_me', payload: { n: 'one' } });
    const { handler, runs } = countingHandler();
    await run([handler]);
    expect(runs.size).toBe(0);
    const job = await readJob(test.pool, id!);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.error_message).toMatch(/^invalid payload: n: /);
  });

  it('retries an ordinary error, then dead-letters it after max_attempts with the error kept', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'flaky', maxAttempts: 2 });
    const handler = throwingHandler('flaky', () => new Error('upstream reset'));
    expect((await run([handler])).outcomes.retry_scheduled).toBe(1);
    expect(await readJob(test.pool, id!)).toMatchObject({ status: 'pending', attempts: 1 });
    await makeDueNow(test.pool, id!);
    expect((await run([handler])).outcomes.failed).toBe(1);
    expect(await readJob(test.pool, id!)).toMatchObject({
      status: 'failed',
      attempts: 2,
      error_message: 'Error: upstream reset',
    });
  });

  it('honours the Retry-After of a RetryableJobError', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'limited' });
    await run([throwingHandler('limited', () => new RetryableJobError('429 from Graph', 300_000))]);
    const { rows } = await test.pool.query(
      "select status, scheduled_for >= updated_at + interval '300 seconds' as honoured from public.jobs where id = $1",
      [id],
    );
    expect(rows[0]).toEqual({ status: 'pending', honoured: true });
  });

  it('fails a PermanentJobError at once', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'doomed', maxAttempts: 5 });
    const result = await run([
      throwingHandler('doomed', () => new PermanentJobError('outside the 24h window')),
    ]);
    expect(result.outcomes.failed).toBe(1);
    expect(await readJob(test.pool, id!)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error_message: 'PermanentJobError: outside the 24h window',
    });
  });

  it('never stores or returns credentials found in an error message', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'leaky' });
    await run([
      throwingHandler(
        'leaky',
        () => new Error('GET /v26.0/me?access_token=EAABsecret123 failed; Authorization: Bearer abc.def.ghi'),
      ),
    ]);
    const job = await readJob(test.pool, id!);
    expect(job.error_message).toContain('access_token=[redacted]');
    expect(job.error_message).not.toContain('EAABsecret123');
    expect(job.error_message).not.toContain('abc.def.ghi');
  });

  it('completes with follow-ups and runs them in the same drain', async () => {
    const { tenantId } = await createTenantWithStaff(test, 'chain');
    await enqueueJob(test.db, { job_type: 'first_step', payload: {}, tenant_id: tenantId });
    const second = countingHandler('second_step');
    const first: JobHandler = {
      type: 'first_step',
      payloadSchema: z.object({}),
      async run() {
        return {
          kind: 'complete',
          result: { ok: 1 },
          followUps: [{ job_type: 'second_step', payload: { n: 7 } }],
        };
      },
    };
    const result = await run([first, second.handler]);
    expect(result.outcomes.completed).toBe(2);
    expect(second.runs.size).toBe(1);
    const { rows } = await test.pool.query(
      'select job_type, tenant_id, status from public.jobs order by job_type',
    );
    expect(rows).toEqual([
      { job_type: 'first_step', tenant_id: tenantId, status: 'completed' },
      { job_type: 'second_step', tenant_id: tenantId, status: 'completed' },
    ]);
  });

  it('after a claim that emptied the queue, looks again only when a running job finishes', async () => {
    await insertJobs(test.pool, 2, { jobType: 'gated' });
    const events: string[] = [];
    const counting = countingPort(test.db);
    const gates = new Map<number, () => void>();
    const gatedPayload = z.object({ n: z.number().int() });
    const handler: JobHandler<typeof gatedPayload> = {
      type: 'gated',
      payloadSchema: gatedPayload,
      async run({ n }) {
        await new Promise<void>((resolve) => gates.set(n, resolve));
        events.push(`done:${n}`);
        return { kind: 'complete', result: {} };
      },
    };
    const claims = () => counting.calls.filter((name) => name === 'claim_jobs').length;
    const onClaim = (n: number) => vi.waitFor(() => expect(claims()).toBe(n));
    const drain = run([handler], { db: counting, concurrency: 4 });
    await vi.waitFor(() => expect(gates.size).toBe(2));
    events.push(`claims:${claims()}`);
    gates.get(1)!();
    await onClaim(2);
    events.push(`claims:${claims()}`);
    gates.get(2)!();
    const result = await drain;
    events.push(`claims:${claims()}`);
    // Before: a second, empty claim while both jobs still ran (claims:2 before done:1). Since issue
    // 19 the last completion's batch reports nothing due, so no final claim finds nothing.
    expect(events).toEqual(['claims:1', 'done:1', 'claims:2', 'done:2', 'claims:2']);
    expect(result.outcomes.completed).toBe(2);
  });

  it('dead-letters a job whose follow-ups the queue refuses, instead of retrying forever', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'bad_follow_up' });
    const handler: JobHandler = {
      type: 'bad_follow_up',
      payloadSchema: z.object({}).passthrough(),
      async run() {
        return { kind: 'complete', followUps: [{ job_type: 'Not A Type', payload: {} }] };
      },
    };
    await run([handler]);
    const job = await readJob(test.pool, id!);
    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/^could not complete: invalid job_type/);
  });

  it('does nothing more when the handler completed the job in its own transaction', async () => {
    const ids = await insertJobs(test.pool, 3);
    const result = await run([effectHandler()]);
    expect(result.outcomes.completed_by_handler).toBe(3);
    const { rows } = await test.pool.query('select job_id from public.test_effects where job_id = any($1)', [
      ids,
    ]);
    expect(rows).toHaveLength(3);
    expect(await countByStatus(test.pool)).toEqual({ completed: 3 });
  });

  it('stops at max_jobs, filters by job types and tenant, and keeps to the concurrency limit', async () => {
    const { tenantId } = await createTenantWithStaff(test, 'filters');
    await insertJobs(test.pool, 12, { tenantId });
    await insertJobs(test.pool, 5, { jobType: 'other_type', tenantId });
    await insertJobs(test.pool, 5);
    let running = 0;
    let peak = 0;
    const runs: string[] = [];
    const handler: JobHandler = {
      type: 'count_me',
      payloadSchema: z.object({ n: z.number() }),
      async run(_payload, { job }) {
        running += 1;
        peak = Math.max(peak, running);
        runs.push(job.id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return { kind: 'complete' };
      },
    };
    const result = await run([handler], { tenantId, jobTypes: ['count_me'], maxJobs: 10, concurrency: 3 });
    expect(result.claimed).toBe(10);
    expect(result.stopped_by).toBe('max_jobs');
    expect(peak).toBe(3);
    expect(new Set(runs).size).toBe(10);
    const { rows } = await test.pool.query(
      'select job_type, tenant_id is null as no_tenant, status, count(*)::int as n from public.jobs group by 1, 2, 3 order by 1, 2, 3',
    );
    expect(rows).toEqual([
      { job_type: 'count_me', no_tenant: false, status: 'completed', n: 10 },
      { job_type: 'count_me', no_tenant: false, status: 'pending', n: 2 },
      { job_type: 'count_me', no_tenant: true, status: 'pending', n: 5 },
      { job_type: 'other_type', no_tenant: false, status: 'pending', n: 5 },
    ]);
  });

  it('aborts a handler when the budget is spent and schedules it again', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'slow' });
    const handler: JobHandler = {
      type: 'slow',
      payloadSchema: z.object({}).passthrough(),
      run: (_payload, { signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('request aborted')));
        }),
    };
    const result = await run([handler], { budgetMs: 300 });
    expect(result.jobs[0]?.outcome).toBe('retry_scheduled');
    const job = await readJob(test.pool, id!);
    expect(job.status).toBe('pending');
    expect(job.error_message).toMatch(/^aborted \(time budget or job timeout\)/);
  });

  it('leaves a handler that ignores its abort to the lease, still held by this worker', async () => {
    const [id] = await insertJobs(test.pool, 1, { jobType: 'stuck' });
    const handler: JobHandler = {
      type: 'stuck',
      payloadSchema: z.object({}).passthrough(),
      run: () => new Promise(() => {}),
    };
    const result = await run([handler], { budgetMs: 200, workerId: 'stuck-worker' });
    expect(result.jobs).toEqual([{ id, job_type: 'stuck', attempts: 1, outcome: 'left_to_lease' }]);
    expect(await readJob(test.pool, id!)).toMatchObject({ status: 'processing', locked_by: 'stuck-worker' });
  });

  it('refuses two handlers for one job type', async () => {
    await expect(run([countingHandler().handler, countingHandler().handler])).rejects.toThrow(
      /Two job handlers/,
    );
  });
});
