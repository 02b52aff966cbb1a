import '../webhooks/support/next-environment';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as dbCallsRoute from '@/app/api/bench/db-calls/route';
import * as emptyRoute from '@/app/api/bench/empty/route';
import { createCountingDbPort } from '@/src/db/counting-db-port';
import { setDb } from '@/src/db/get-db';
import { setEnvForProcess } from '@/src/env';
import { claimJobs, enqueueJob } from '@/src/jobs/job-queue';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from '../webhooks/support/fixtures';
import { freshWebhookTenant } from '../webhooks/support/fresh-tenant';
import { postSigned } from '../webhooks/support/post-webhook';

// The benchmark's instruments: absent unless BENCH_ENDPOINTS=1, and the database call counts
// they report are the calls the port really made.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterEach(() => {
  setEnvForProcess({ BENCH_ENDPOINTS: '' });
  setDb(test.db);
});
afterAll(async () => {
  await test.drop();
});

describe('bench endpoints', () => {
  it('answer 404 unless BENCH_ENDPOINTS=1', async () => {
    setDb(createCountingDbPort(test.db));
    expect(emptyRoute.POST().status).toBe(404);
    expect(dbCallsRoute.GET().status).toBe(404);
    setEnvForProcess({ BENCH_ENDPOINTS: '1' });
    expect(emptyRoute.POST().status).toBe(200);
    expect(dbCallsRoute.GET().status).toBe(200);
  });

  it('db-calls answers 404 when the port is not counting', () => {
    setEnvForProcess({ BENCH_ENDPOINTS: '1' });
    expect(dbCallsRoute.GET().status).toBe(404);
  });

  it('counts the calls a signed webhook makes, per SQL function', async () => {
    const { slug } = await freshWebhookTenant(test);
    setEnvForProcess({ BENCH_ENDPOINTS: '1' });
    setDb(createCountingDbPort(test.db));
    const first = await postSigned('whatsapp', slug, fixtureText('whatsapp', 'text'));
    const again = await postSigned('whatsapp', slug, fixtureText('whatsapp', 'image'));
    expect([first.status, again.status]).toEqual([200, 200]);
    const counts = await dbCallsRoute.GET().json();
    // The connection is read once, then cached: two deliveries, one ingest call each.
    expect(counts.calls).toEqual({ webhook_connection: 1, ingest_webhook: 2 });
    expect(counts.failed).toEqual({});
  });
});

describe('counting port', () => {
  it('counts failed calls and the jobs claim_jobs hands out, per type', async () => {
    const db = createCountingDbPort(test.db);
    for (const job_type of ['bench_a', 'bench_a', 'bench_b']) await enqueueJob(db, { job_type, payload: {} });
    await claimJobs(db, {
      workerId: 'count-test',
      limit: 10,
      leaseSeconds: 60,
      jobTypes: ['bench_a', 'bench_b'],
    });
    await expect(
      db.rpc('claim_jobs', { p_worker: 'count-test', p_limit: -1, p_lease_seconds: 60 }),
    ).rejects.toThrow();
    expect(db.countedCalls()).toEqual({
      calls: { enqueue_job: 3, claim_jobs: 2 },
      failed: { claim_jobs: 1 },
      claimed_jobs: { bench_a: 2, bench_b: 1 },
    });
  });
});
