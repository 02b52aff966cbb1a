import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimJobs,
  completeJob,
  enqueueJob,
  failJob,
  getQueueStatus,
  retryFailedJob,
} from '@/src/jobs/job-queue';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countByStatus, expireLeases, insertJobs, makeDueNow, readJob } from './job-fixtures';

let test: TestDatabase;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  test = await createTestDatabase();
  tenantA = (await createTenantWithStaff(test, 'queue-a')).tenantId;
  tenantB = (await createTenantWithStaff(test, 'queue-b')).tenantId;
});
afterAll(() => test.drop());

async function clearJobs() {
  await test.pool.query('delete from public.jobs');
}

describe('enqueue_job', () => {
  it('is a no-op for a second enqueue with the same dedupe key while one is pending', async () => {
    await clearJobs();
    const job = { job_type: 'ai_response', payload: { conversation_id: 'c1' }, tenant_id: tenantA };
    const first = await enqueueJob(test.db, { ...job, dedupe_key: 'ai:c1' });
    const second = await enqueueJob(test.db, { ...job, dedupe_key: 'ai:c1' });
    expect(first.enqueued).toBe(true);
    expect(second).toEqual({ id: first.id, enqueued: false });
    expect(await countByStatus(test.pool)).toEqual({ pending: 1 });

    // Once the first is being processed, a new message needs a new job.
    await claimJobs(test.db, { workerId: 'w1', limit: 10, leaseSeconds: 60 });
    const third = await enqueueJob(test.db, { ...job, dedupe_key: 'ai:c1' });
    expect(third.enqueued).toBe(true);
    expect(third.id).not.toBe(first.id);
    expect(await countByStatus(test.pool)).toEqual({ pending: 1, processing: 1 });
  });

  it('holds the pending twin until the enqueuing transaction commits, so no claimer misses its data', async () => {
    await clearJobs();
    const { id } = await enqueueJob(test.db, { job_type: 'ai_response', payload: {}, dedupe_key: 'ai:c2' });
    const client = await test.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query(
        "select public.enqueue_job('ai_response', '{}'::jsonb, null, 0, 'ai:c2') as r",
      );
      expect(rows[0].r).toEqual({ id, enqueued: false });
      // The webhook's transaction (message + enqueue) is still open: the twin must not be claimed yet.
      expect(await claimJobs(test.db, { workerId: 'early', limit: 10, leaseSeconds: 60 })).toEqual([]);
      await client.query('commit');
    } finally {
      client.release();
    }
    const claimed = await claimJobs(test.db, { workerId: 'after', limit: 10, leaseSeconds: 60 });
    expect(claimed.map((job) => job.id)).toEqual([id]);
  });

  it('rejects what the queue cannot run with a 400', async () => {
    await expect(enqueueJob(test.db, { job_type: 'Bad Type', payload: {} })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(
      test.db.rpc('enqueue_job', { p_job_type: 'ai_response', p_payload: [1, 2] }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('claim_jobs', () => {
  it('claims due jobs by priority then due time, skips future ones, and takes the lease', async () => {
    await clearJobs();
    const { rows } = await test.pool.query<{ id: string; tag: string }>(`
      insert into public.jobs (job_type, payload, priority, scheduled_for) values
        ('count_me', '{"tag":"low-old"}', 0, now() - interval '10 minutes'),
        ('count_me', '{"tag":"high-new"}', 5, now() - interval '1 minute'),
        ('count_me', '{"tag":"high-old"}', 5, now() - interval '5 minutes'),
        ('count_me', '{"tag":"future"}', 9, now() + interval '1 hour')
      returning id, payload->>'tag' as tag`);
    const claimed = await claimJobs(test.db, { workerId: 'worker-1', limit: 10, leaseSeconds: 30 });
    const tagOf = new Map(rows.map((row) => [row.id, row.tag]));
    expect(claimed.map((job) => tagOf.get(job.id))).toEqual(['high-old', 'high-new', 'low-old']);
    for (const job of claimed) expect(job).toMatchObject({ attempts: 1, locked_by: 'worker-1' });

    const { rows: held } = await test.pool.query(`
      select count(*)::int as n from public.jobs where status = 'processing' and locked_by = 'worker-1'
        and started_at is not null and locked_until > now() and locked_until <= now() + interval '31 seconds'`);
    expect(held[0].n).toBe(3);
    // Leased jobs are not claimed again while the lease runs.
    expect(await claimJobs(test.db, { workerId: 'worker-2', limit: 10, leaseSeconds: 30 })).toEqual([]);
  });

  it('filters by tenant and by job types', async () => {
    await clearJobs();
    await insertJobs(test.pool, 2, { tenantId: tenantA, jobType: 'send_whatsapp' });
    await insertJobs(test.pool, 2, { tenantId: tenantA, jobType: 'ai_response' });
    await insertJobs(test.pool, 2, { tenantId: tenantB, jobType: 'send_whatsapp' });
    const forA = await claimJobs(test.db, {
      workerId: 'w',
      limit: 10,
      leaseSeconds: 30,
      tenantId: tenantA,
      jobTypes: ['send_whatsapp', 'send_tiktok'],
    });
    expect(forA).toHaveLength(2);
    for (const job of forA) expect(job).toMatchObject({ tenant_id: tenantA, job_type: 'send_whatsapp' });
    const rest = await claimJobs(test.db, { workerId: 'w', limit: 10, leaseSeconds: 30, tenantId: tenantB });
    expect(rest.map((job) => job.tenant_id)).toEqual([tenantB, tenantB]);
  });

  it('turns a job whose lease expired on its final attempt into a dead letter instead of claiming it', async () => {
    await clearJobs();
    const [id] = await insertJobs(test.pool, 1, { maxAttempts: 1 });
    await claimJobs(test.db, { workerId: 'doomed', limit: 1, leaseSeconds: 30 });
    await expireLeases(test.pool, 'doomed');
    expect(await claimJobs(test.db, { workerId: 'next', limit: 1, leaseSeconds: 30 })).toEqual([]);
    const job = await readJob(test.pool, id!);
    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/lease expired on the final attempt/);
  });

  it('validates its arguments', async () => {
    await expect(claimJobs(test.db, { workerId: 'w', limit: 0, leaseSeconds: 30 })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 0 })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });
});

describe('complete_job and internal.finish_job', () => {
  it('stores the result and enqueues follow-ups in the same transaction, honouring dedupe keys', async () => {
    await clearJobs();
    await insertJobs(test.pool, 1, { tenantId: tenantA, jobType: 'ai_response' });
    await enqueueJob(test.db, {
      job_type: 'send_whatsapp',
      payload: { m: 0 },
      tenant_id: tenantA,
      dedupe_key: 'send:m0',
    });
    const [job] = await claimJobs(test.db, {
      workerId: 'w',
      limit: 1,
      leaseSeconds: 30,
      jobTypes: ['ai_response'],
    });
    await completeJob(test.db, job!, { reply_id: 'r1' }, [
      { job_type: 'send_whatsapp', payload: { m: 0 }, dedupe_key: 'send:m0' },
      { job_type: 'send_whatsapp', payload: { m: 1 }, dedupe_key: 'send:m1', priority: 3 },
    ]);
    const done = await readJob(test.pool, job!.id);
    expect(done).toMatchObject({ status: 'completed', result: { reply_id: 'r1' } });
    const { rows } = await test.pool.query(
      "select tenant_id, dedupe_key, priority from public.jobs where job_type = 'send_whatsapp' order by dedupe_key",
    );
    expect(rows).toEqual([
      { tenant_id: tenantA, dedupe_key: 'send:m0', priority: 0 },
      { tenant_id: tenantA, dedupe_key: 'send:m1', priority: 3 },
    ]);
  });

  it('refuses a follow-up for another tenant and rolls everything back', async () => {
    await clearJobs();
    await insertJobs(test.pool, 1, { tenantId: tenantA });
    const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    await expect(
      completeJob(test.db, job!, {}, [
        { job_type: 'send_whatsapp', payload: {} },
        { job_type: 'send_whatsapp', payload: {}, tenant_id: tenantB },
      ]),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await countByStatus(test.pool)).toEqual({ processing: 1 });
  });

  it('refuses a caller that no longer holds the lease (PT409)', async () => {
    await clearJobs();
    await insertJobs(test.pool, 1);
    const [job] = await claimJobs(test.db, { workerId: 'owner', limit: 1, leaseSeconds: 30 });
    await expect(completeJob(test.db, { ...job!, locked_by: 'someone-else' }, {}, [])).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(completeJob(test.db, { ...job!, attempts: 2 }, {}, [])).rejects.toMatchObject({
      code: 'conflict',
    });
    await completeJob(test.db, job!, {}, []);
    // Completing twice is refused too: the job is no longer processing.
    await expect(completeJob(test.db, job!, {}, [])).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lets a handler function finish the job inside its own transaction', async () => {
    await clearJobs();
    await insertJobs(test.pool, 1, { tenantId: tenantA });
    const [job] = await claimJobs(test.db, { workerId: 'fn', limit: 1, leaseSeconds: 30 });
    const client = await test.pool.connect();
    try {
      await client.query('begin');
      await client.query('select internal.finish_job($1, $2, $3, $4, $5)', [
        job!.id,
        'fn',
        job!.attempts,
        { sent: true },
        JSON.stringify([{ job_type: 'fetch_profile', payload: { lead_id: 'l1' } }]),
      ]);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await countByStatus(test.pool)).toEqual({ completed: 1, pending: 1 });
    await expect(
      test.pool.query('select internal.finish_job($1, $2, $3, null, null)', [job!.id, 'fn', job!.attempts]),
    ).rejects.toMatchObject({ code: 'PT409' });
  });
});

describe('fail_job', () => {
  it('schedules a retry with backoff inside the full-jitter bound and keeps the error', async () => {
    await clearJobs();
    const [id] = await insertJobs(test.pool, 1, { maxAttempts: 3 });
    for (const attempt of [1, 2]) {
      const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
      expect(job!.attempts).toBe(attempt);
      const result = await failJob(test.db, job!, { message: `boom ${attempt}`, retryable: true });
      expect(result.status).toBe('pending');
      const { rows } = await test.pool.query(
        `select status, error_message, scheduled_for >= updated_at as not_before,
           scheduled_for <= updated_at + make_interval(secs => 10 * power(2, $2 - 1)) as within_bound
         from public.jobs where id = $1`,
        [id, attempt],
      );
      expect(rows[0]).toEqual({
        status: 'pending',
        error_message: `boom ${attempt}`,
        not_before: true,
        within_bound: true,
      });
      await makeDueNow(test.pool, id!);
    }
    const [last] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    const result = await failJob(test.db, last!, { message: 'boom 3', retryable: true });
    expect(result).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await readJob(test.pool, id!)).toMatchObject({ status: 'failed', error_message: 'boom 3' });
  });

  it('honours a Retry-After', async () => {
    await clearJobs();
    const [id] = await insertJobs(test.pool, 1);
    const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    await failJob(test.db, job!, { message: '429', retryable: true, retryAfterMs: 120_000 });
    const { rows } = await test.pool.query(
      "select scheduled_for >= updated_at + interval '120 seconds' as honoured from public.jobs where id = $1",
      [id],
    );
    expect(rows[0].honoured).toBe(true);
  });

  it('fails a permanent error at once, whatever attempts remain', async () => {
    await clearJobs();
    const [id] = await insertJobs(test.pool, 1, { maxAttempts: 5 });
    const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    expect(await failJob(test.db, job!, { message: 'invalid recipient', retryable: false })).toMatchObject({
      status: 'failed',
    });
    expect(await readJob(test.pool, id!)).toMatchObject({ status: 'failed', attempts: 1, locked_by: 'w' });
  });

  it('marks a retry superseded when a pending job with its dedupe key was enqueued meanwhile', async () => {
    await clearJobs();
    const first = await enqueueJob(test.db, { job_type: 'ai_response', payload: {}, dedupe_key: 'ai:c9' });
    const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    const twin = await enqueueJob(test.db, { job_type: 'ai_response', payload: {}, dedupe_key: 'ai:c9' });
    expect(twin.enqueued).toBe(true);
    const result = await failJob(test.db, job!, { message: 'timeout', retryable: true });
    expect(result).toEqual({ id: first.id, status: 'superseded', superseded_by: twin.id });
    expect(await readJob(test.pool, first.id!)).toMatchObject({
      status: 'completed',
      result: { superseded_by: twin.id },
    });
  });

  it('refuses a worker that lost the lease', async () => {
    await clearJobs();
    await insertJobs(test.pool, 1);
    const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    await expect(
      failJob(test.db, { ...job!, locked_by: 'other' }, { message: 'x', retryable: true }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('retry_failed_job', () => {
  it('puts a dead letter back with a fresh attempt budget, scoped to its tenant when asked', async () => {
    await clearJobs();
    const [id] = await insertJobs(test.pool, 1, { tenantId: tenantA, maxAttempts: 1 });
    const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    await failJob(test.db, job!, { message: 'dead', retryable: true });
    await expect(retryFailedJob(test.db, id!, tenantB)).rejects.toMatchObject({ code: 'not_found' });
    expect(await retryFailedJob(test.db, id!, tenantA)).toMatchObject({ id, status: 'pending' });
    expect(await readJob(test.pool, id!)).toMatchObject({ status: 'pending', attempts: 0, locked_by: null });
    const [again] = await claimJobs(test.db, { workerId: 'w2', limit: 1, leaseSeconds: 30 });
    expect(again).toMatchObject({ id, attempts: 1 });
    await expect(retryFailedJob(test.db, id!)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses when a pending job with the same dedupe key exists', async () => {
    await clearJobs();
    const dead = await enqueueJob(test.db, {
      job_type: 'ai_response',
      payload: {},
      dedupe_key: 'ai:c7',
      max_attempts: 1,
    });
    const [job] = await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30 });
    await failJob(test.db, job!, { message: 'dead', retryable: false });
    await enqueueJob(test.db, { job_type: 'ai_response', payload: {}, dedupe_key: 'ai:c7' });
    await expect(retryFailedJob(test.db, dead.id!)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('queue_status', () => {
  it('counts by type and status and reports the oldest due job', async () => {
    await clearJobs();
    await insertJobs(test.pool, 3, { jobType: 'ai_response', tenantId: tenantA });
    await insertJobs(test.pool, 1, { jobType: 'send_whatsapp', tenantId: tenantB });
    await test.pool.query("update public.jobs set scheduled_for = now() - interval '90 seconds'");
    await claimJobs(test.db, { workerId: 'w', limit: 1, leaseSeconds: 30, jobTypes: ['ai_response'] });
    const status = await getQueueStatus(test.db);
    expect(status.counts).toEqual([
      { job_type: 'ai_response', status: 'pending', count: 2 },
      { job_type: 'ai_response', status: 'processing', count: 1 },
      { job_type: 'send_whatsapp', status: 'pending', count: 1 },
    ]);
    expect(status.due).toBe(3);
    expect(status.oldest_due_age_seconds).toBeGreaterThanOrEqual(90);
    const forB = await getQueueStatus(test.db, tenantB);
    expect(forB.counts).toEqual([{ job_type: 'send_whatsapp', status: 'pending', count: 1 }]);
  });
});

describe('privileges', () => {
  it('keeps every queue function away from anon and staff', async () => {
    const calls = [
      "select public.claim_jobs('x', 1, 30)",
      "select public.enqueue_job('ai_response')",
      'select public.queue_status()',
      "select public.retry_failed_job('00000000-0000-0000-0000-000000000000')",
      "select internal.finish_job('00000000-0000-0000-0000-000000000000', 'x', 1, null, null)",
    ];
    const staff = {
      role: 'authenticated' as const,
      claims: { sub: '00000000-0000-0000-0000-000000000001', role: 'authenticated' },
    };
    for (const sql of calls) {
      await expect(queryAs(test.pool, { role: 'anon' }, sql)).rejects.toMatchObject({ code: '42501' });
      await expect(queryAs(test.pool, staff, sql)).rejects.toMatchObject({ code: '42501' });
    }
  });
});
