import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countByStatus, insertJobs, readJob } from './job-fixtures';

// `npm run cli -- jobs ...` as a real process against this file's database.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

// Each case spawns the CLI (tsx) several times: on a busy 2-core machine one can pass 30 s.
describe('jobs CLI', { timeout: 120_000 }, () => {
  it('processes, reports and retries', async () => {
    // No handler exists for this type: processing dead-letters it at once with a clear error.
    const ids = await insertJobs(test.pool, 3, { jobType: 'cli_unknown_type' });

    const processed = await runCli(test.url, ['jobs', 'process', '--max', '2']);
    expect(processed.stderr).toContain('unknown job type');
    expect(processed.code).toBe(0);
    expect(processed.stdout).toContain('Claimed 2 job(s): failed 2 (stopped: max_jobs)');
    expect(await countByStatus(test.pool)).toEqual({ failed: 2, pending: 1 });

    const status = await runCli(test.url, ['jobs', 'status', '--json']);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout);
    expect(parsed.counts).toEqual([
      { job_type: 'cli_unknown_type', status: 'failed', count: 2 },
      { job_type: 'cli_unknown_type', status: 'pending', count: 1 },
    ]);
    expect(parsed.due).toBe(1);
    const human = await runCli(test.url, ['jobs', 'status']);
    expect(human.stdout).toMatch(/cli_unknown_type\s+failed\s+2/);

    const failed = [];
    for (const id of ids) if ((await readJob(test.pool, id)).status === 'failed') failed.push(id);
    const retried = await runCli(test.url, ['jobs', 'retry', '--id', failed[0]!]);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('is pending again');
    expect(await readJob(test.pool, failed[0]!)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('rejects bad options with an error exit', async () => {
    const badMax = await runCli(test.url, ['jobs', 'process', '--max', 'lots']);
    expect(badMax.code).toBe(1);
    expect(badMax.stderr).toContain('--max');
    const badId = await runCli(test.url, ['jobs', 'retry', '--id', 'nope']);
    expect(badId.code).toBe(1);
    const notFailed = await runCli(test.url, [
      'jobs',
      'retry',
      '--id',
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(notFailed.code).toBe(1);
    expect(notFailed.stderr).toContain('not found');
  });
});
