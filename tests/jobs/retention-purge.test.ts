import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '@/app/api/jobs/process/route';
import { getEnv, setEnvForProcess } from '@/src/env';
import { defaultHandlers } from '@/src/jobs/default-handlers';
import {
  purgeExpiredHandler,
  purgeExpiredRows,
  schedulePurgeExpired,
} from '@/src/jobs/handlers/purge-expired-handler';
import { rollUpReportHours } from '@/src/jobs/handlers/report-rollup-handler';
import { enqueueJob, retryFailedJob } from '@/src/jobs/job-queue';
import { processJobs } from '@/src/jobs/process-jobs';
import { startLocalScheduler } from '@/src/launcher/local-scheduler';
import { createConversation } from '../outbound/outbound-fixture';
import { tenantFingerprint } from '../security/support/tenant-rows';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countingHandler } from './job-fixtures';

// Retention: purge_expired_rows deletes completed jobs, dead letters, webhook_events and
// pending statuses by age only, in bounded batches; the purge_expired job repeats until done;
// the cron sweep and the local scheduler enqueue it only when something expired, at most hourly.

let test: TestDatabase;
let tenantA: string;
let tenantB: string;
let staffA: Awaited<ReturnType<typeof createTenantWithStaff>>['staff'];

beforeAll(async () => {
  test = await createTestDatabase();
  const a = await createTenantWithStaff(test, 'retention-a');
  tenantA = a.tenantId;
  staffA = a.staff;
  tenantB = (await createTenantWithStaff(test, 'retention-b')).tenantId;
});
afterAll(async () => {
  setEnvForProcess({ APP_MODE: 'local', CRON_SECRET: '' });
  await test.drop();
});
beforeEach(async () => {
  await test.pool.query(
    'delete from public.jobs; delete from public.webhook_events; delete from public.pending_message_statuses',
  );
});

const env = () => getEnv();
const retention = () => ({
  p_completed_jobs_days: 7,
  p_failed_jobs_days: 30,
  p_webhook_events_days: 30,
  p_pending_statuses_days: 14,
});

/** A finished (or unfinished) job whose timestamps lie `daysAgo` in the past. */
async function insertJob(
  status: 'pending' | 'processing' | 'completed' | 'failed',
  daysAgo: number,
  tenantId: string | null = null,
  count = 1,
): Promise<string[]> {
  const { rows } = await test.pool.query<{ id: string }>(
    `insert into public.jobs (tenant_id, job_type, payload, status, attempts, created_at, scheduled_for,
       started_at, completed_at, locked_until, locked_by, error_message)
     select $1, 'count_me', jsonb_build_object('n', g), $2::text, 1,
       now() - make_interval(days => $3) - make_interval(secs => g),
       now() - make_interval(days => $3) - make_interval(secs => g),
       case when $2::text <> 'pending' then now() - make_interval(days => $3) - make_interval(secs => g) end,
       case when $2::text in ('completed', 'failed') then now() - make_interval(days => $3) - make_interval(secs => g) end,
       case when $2::text = 'processing' then now() + interval '1 minute' end,
       case when $2::text = 'processing' then 'w' end,
       case when $2::text = 'failed' then 'boom' end
     from generate_series(1, $4) g
     returning id`,
    [tenantId, status, daysAgo, count],
  );
  return rows.map((row) => row.id);
}

async function insertWebhookEvents(daysAgo: number, tenantId: string | null, count = 1): Promise<string[]> {
  const { rows } = await test.pool.query<{ id: string }>(
    `insert into public.webhook_events (tenant_id, channel, outcome, http_status, received_at)
     select $1, 'whatsapp', 'accepted', 200, now() - make_interval(days => $2) - make_interval(secs => g)
     from generate_series(1, $3) g
     returning id`,
    [tenantId, daysAgo, count],
  );
  return rows.map((row) => row.id);
}

async function insertPendingStatus(daysAgo: number, tenantId: string): Promise<string> {
  const { rows } = await test.pool.query<{ id: string }>(
    `insert into public.pending_message_statuses (tenant_id, channel, platform_message_id, status, created_at)
     values ($1, 'whatsapp', 'wamid.' || gen_random_uuid(), 'delivered', now() - make_interval(days => $2))
     returning id`,
    [tenantId, daysAgo],
  );
  return rows[0]!.id;
}

async function existing(table: string, ids: string[]): Promise<string[]> {
  const { rows } = await test.pool.query<{ id: string }>(
    `select id from public.${table} where id = any($1::uuid[]) order by id`,
    [ids],
  );
  return rows.map((row) => row.id);
}

const sorted = (ids: string[]) => [...ids].sort();

describe('purge_expired_rows', () => {
  it('deletes only rows older than their retention, of every tenant alike, and nothing else', async () => {
    // Customer data of any age stays: a conversation whose messages are 100 days old.
    const old = await createConversation(test, {
      channel: 'whatsapp',
      slug: 'retention-a',
      hoursAgo: 24 * 100,
    });
    await test.pool.query(
      `insert into public.lead_score_events (tenant_id, lead_id, message_id, delta, score_before, score_after,
         classification_after, created_at)
       values ($1, $2, $3, 10, 50, 60, 'warm', now() - interval '100 days')`,
      [tenantA, old.leadId, old.inboundMessageId],
    );
    const customerRows = async () =>
      (
        await test.pool.query(
          `select (select count(*)::int from public.messages) as messages, (select count(*)::int from public.leads) as leads,
             (select count(*)::int from public.conversations) as conversations,
             (select count(*)::int from public.lead_score_events) as score_events,
             (select count(*)::int from public.lead_identities) as identities`,
        )
      ).rows[0];
    const customersBefore = await customerRows();

    const expired = {
      completed: [
        ...(await insertJob('completed', 8, tenantA)),
        ...(await insertJob('completed', 8, tenantB)),
      ],
      completedSystem: await insertJob('completed', 8, null),
      failed: [...(await insertJob('failed', 31, tenantA)), ...(await insertJob('failed', 31, tenantB))],
      events: [...(await insertWebhookEvents(31, tenantA)), ...(await insertWebhookEvents(31, null))],
      statuses: [await insertPendingStatus(15, tenantA), await insertPendingStatus(15, tenantB)],
    };
    const kept = {
      completed: [
        ...(await insertJob('completed', 6, tenantA)),
        ...(await insertJob('completed', 0, tenantB)),
      ],
      // Dead letters stay a month: staff retry them from the dashboard.
      failed: [...(await insertJob('failed', 8, tenantA)), ...(await insertJob('failed', 29, tenantB))],
      // Unfinished jobs are never purged, however old.
      unfinished: [
        ...(await insertJob('pending', 100, tenantA)),
        ...(await insertJob('processing', 100, tenantB)),
      ],
      events: [...(await insertWebhookEvents(29, tenantA)), ...(await insertWebhookEvents(0, tenantB))],
      statuses: [await insertPendingStatus(13, tenantA), await insertPendingStatus(0, tenantB)],
    };

    // A tenant with only recent rows keeps every row, byte for byte.
    const tenantC = (await createTenantWithStaff(test, 'retention-c')).tenantId;
    await insertJob('completed', 1, tenantC);
    await insertWebhookEvents(1, tenantC);
    await insertPendingStatus(1, tenantC);
    const fingerprintC = await tenantFingerprint(test, tenantC);
    // Refusal counters live as long as the webhook log: one minute 31 days old, one of today.
    await test.pool.query(
      `insert into public.webhook_refusal_counts (minute, tenant_id, channel, outcome, refused)
       values (date_trunc('minute', now() - interval '31 days'), null, 'whatsapp', 'unknown_tenant', 500),
              (date_trunc('minute', now()), null, 'whatsapp', 'unknown_tenant', 7)`,
    );

    const result = await test.db.rpc('purge_expired_rows', retention());
    expect(result).toEqual({
      deleted: {
        completed_jobs: 3,
        failed_jobs: 2,
        webhook_events: 2,
        pending_message_statuses: 2,
        webhook_refusal_counts: 1,
      },
      more: false,
    });

    const allJobIds = [
      ...expired.completed,
      ...expired.completedSystem,
      ...expired.failed,
      ...kept.completed,
      ...kept.failed,
      ...kept.unfinished,
    ];
    expect(await existing('jobs', allJobIds)).toEqual(
      sorted([...kept.completed, ...kept.failed, ...kept.unfinished]),
    );
    expect(await existing('webhook_events', [...expired.events, ...kept.events])).toEqual(
      sorted(kept.events),
    );
    expect(await existing('pending_message_statuses', [...expired.statuses, ...kept.statuses])).toEqual(
      sorted(kept.statuses),
    );
    expect(await customerRows()).toEqual(customersBefore);
    expect(await tenantFingerprint(test, tenantC)).toEqual(fingerprintC);
    expect((await test.pool.query('select refused from public.webhook_refusal_counts')).rows).toEqual([
      { refused: 7 },
    ]);

    // Nothing left to do: a second call deletes nothing.
    expect((await test.db.rpc('purge_expired_rows', retention())).deleted).toEqual({
      completed_jobs: 0,
      failed_jobs: 0,
      webhook_events: 0,
      pending_message_statuses: 0,
      webhook_refusal_counts: 0,
    });
  });

  it('deletes at most the batch size per table per call, oldest first, and says when more remains', async () => {
    const completed = await insertJob('completed', 10, tenantA, 25);
    const events = await insertWebhookEvents(40, tenantB, 25);
    const call = () => test.db.rpc('purge_expired_rows', { ...retention(), p_batch_size: 10 });

    const first = await call();
    expect(first).toEqual({
      deleted: {
        completed_jobs: 10,
        failed_jobs: 0,
        webhook_events: 10,
        pending_message_statuses: 0,
        webhook_refusal_counts: 0,
      },
      more: true,
    });
    // Rows were made older with each generate_series step: the 10 oldest went first.
    expect(await existing('jobs', completed)).toEqual(sorted(completed.slice(0, 15)));
    expect(await existing('webhook_events', events)).toEqual(sorted(events.slice(0, 15)));

    expect((await call()).more).toBe(true);
    const last = await call();
    expect(last).toEqual({
      deleted: {
        completed_jobs: 5,
        failed_jobs: 0,
        webhook_events: 5,
        pending_message_statuses: 0,
        webhook_refusal_counts: 0,
      },
      more: false,
    });
    expect(await existing('jobs', completed)).toEqual([]);
    expect(await existing('webhook_events', events)).toEqual([]);
  });

  it('never deletes a dead letter that staff retried, nor a row another transaction holds', async () => {
    const [retried] = await insertJob('failed', 40, tenantA);
    const [held] = await insertJob('failed', 40, tenantB);
    await retryFailedJob(test.db, retried!, tenantA);

    const client = await test.pool.connect();
    try {
      await client.query('begin');
      await client.query('select 1 from public.jobs where id = $1 for update', [held]);
      // Skipped, not waited for: the purge is never stuck behind a staff action.
      const result = await test.db.rpc('purge_expired_rows', retention());
      expect(result.deleted.failed_jobs).toBe(0);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await existing('jobs', [retried!, held!])).toEqual(sorted([retried!, held!]));
    expect(
      (await test.pool.query('select status from public.jobs where id = $1', [retried])).rows[0].status,
    ).toBe('pending');
    // Once nobody holds it, the old dead letter goes.
    await test.db.rpc('purge_expired_rows', retention());
    expect(await existing('jobs', [retried!, held!])).toEqual([retried!]);
  });

  it('refuses retention periods and batch sizes out of range', async () => {
    for (const args of [
      { ...retention(), p_completed_jobs_days: 0 },
      { ...retention(), p_failed_jobs_days: null },
      { ...retention(), p_webhook_events_days: 3651 },
      { ...retention(), p_batch_size: 0 },
      { ...retention(), p_batch_size: 10_001 },
    ]) {
      await expect(test.db.rpc('purge_expired_rows', args)).rejects.toMatchObject({ code: 'bad_request' });
    }
    await expect(
      test.db.rpc('enqueue_purge_expired', { ...retention(), p_pending_statuses_days: -1 }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('is for the service role only: anon and staff cannot execute either function', async () => {
    await insertJob('completed', 30, tenantA);
    const calls = [
      'select public.purge_expired_rows(1, 1, 1, 1, 10000)',
      'select public.enqueue_purge_expired(1, 1, 1, 1)',
    ];
    for (const sql of calls) {
      await expect(queryAs(test.pool, { role: 'anon' }, sql)).rejects.toThrow(/permission denied/);
      await expect(queryAs(test.pool, { role: 'authenticated', claims: staffA.claims }, sql)).rejects.toThrow(
        /permission denied/,
      );
    }
    const { rows } = await test.pool.query(
      `select p.proname, has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
         has_function_privilege('authenticated', p.oid, 'EXECUTE') as staff,
         has_function_privilege('service_role', p.oid, 'EXECUTE') as service
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.proname in ('purge_expired_rows', 'enqueue_purge_expired')
       order by 1`,
    );
    expect(rows).toEqual([
      { proname: 'enqueue_purge_expired', anon: false, staff: false, service: true },
      { proname: 'purge_expired_rows', anon: false, staff: false, service: true },
    ]);
    expect(
      (await test.pool.query("select count(*)::int as n from public.jobs where status = 'completed'")).rows[0]
        .n,
    ).toBe(1);
  });
});

describe('purge_expired job', () => {
  it('enqueues itself again while a batch was full, and finishes the backlog in one processor run', async () => {
    const old = await insertJob('completed', 10, tenantA, 25);
    const recent = await insertJob('completed', 1, tenantB, 3);
    await enqueueJob(test.db, { job_type: 'purge_expired', payload: { batch_size: 10 }, priority: -10 });

    const run = await processJobs({
      db: test.db,
      env: env(),
      handlers: [purgeExpiredHandler],
      maxJobs: 20,
      budgetMs: 20_000,
    });
    expect(run).toMatchObject({ claimed: 3, stopped_by: 'drained', outcomes: { completed: 3 } });

    const { rows } = await test.pool.query(
      `select tenant_id, status, priority, dedupe_key, payload, result from public.jobs
       where job_type = 'purge_expired' order by created_at`,
    );
    expect(rows.map((row) => row.result.deleted.completed_jobs)).toEqual([10, 10, 5]);
    expect(rows.map((row) => row.result.more)).toEqual([true, true, false]);
    // The follow-ups are the same system job: no tenant, low priority, the same batch size.
    for (const row of rows.slice(1)) {
      expect(row).toMatchObject({
        tenant_id: null,
        status: 'completed',
        priority: -10,
        dedupe_key: 'purge_expired',
        payload: { batch_size: 10 },
      });
    }
    expect(await existing('jobs', old)).toEqual([]);
    expect(await existing('jobs', recent)).toEqual(sorted(recent));
  });

  it('takes its retention periods from the environment', async () => {
    const eightDays = await insertJob('completed', 8, tenantA);
    const threeDays = await insertJob('completed', 3, tenantA);
    const tenDaysEvent = await insertWebhookEvents(10, tenantA);
    const custom = { ...env(), RETENTION_COMPLETED_JOBS_DAYS: 5, RETENTION_WEBHOOK_EVENTS_DAYS: 11 };
    const result = await purgeExpiredRows(test.db, custom, 100);
    expect(result.deleted).toMatchObject({ completed_jobs: 1, webhook_events: 0 });
    expect(await existing('jobs', [...eightDays, ...threeDays])).toEqual(threeDays);
    expect(await existing('webhook_events', tenDaysEvent)).toEqual(tenDaysEvent);
    expect(env()).toMatchObject({
      RETENTION_COMPLETED_JOBS_DAYS: 7,
      RETENTION_FAILED_JOBS_DAYS: 30,
      RETENTION_WEBHOOK_EVENTS_DAYS: 30,
      RETENTION_PENDING_STATUSES_DAYS: 14,
    });
  });
});

describe('scheduling the purge', () => {
  const purgeJobs = async () =>
    (
      await test.pool.query(
        "select id, status, tenant_id, priority, max_attempts from public.jobs where job_type = 'purge_expired' order by created_at",
      )
    ).rows;

  it('enqueues nothing while nothing has expired, then at most one job an hour', async () => {
    const enqueue = () => test.db.rpc('enqueue_purge_expired', retention());
    await insertJob('completed', 6, tenantA);
    expect(await enqueue()).toEqual({ enqueued: false, reason: 'nothing_expired' });

    await insertWebhookEvents(31, tenantB);
    expect(await enqueue()).toMatchObject({ enqueued: true });
    expect(await enqueue()).toEqual({ enqueued: false, reason: 'recently_enqueued' });
    expect(await purgeJobs()).toMatchObject([
      { status: 'pending', tenant_id: null, priority: -10, max_attempts: 3 },
    ]);

    // Done an hour ago: the next sweep may enqueue again.
    await test.pool.query(
      "update public.jobs set status = 'completed', completed_at = now(), created_at = now() - interval '61 minutes' where job_type = 'purge_expired'",
    );
    expect(await enqueue()).toMatchObject({ enqueued: true });
    expect((await purgeJobs()).length).toBe(2);
  });

  it('only a processor that can run purge_expired asks for it', async () => {
    await insertWebhookEvents(31, tenantA);
    await schedulePurgeExpired({ db: test.db, env: env(), handlers: [countingHandler().handler] });
    expect(await purgeJobs()).toEqual([]);
    await schedulePurgeExpired({ db: test.db, env: env(), handlers: defaultHandlers });
    expect((await purgeJobs()).length).toBe(1);
  });

  it('the cron GET enqueues and runs it in the same sweep; POST and ?status=1 do not', async () => {
    setEnvForProcess({ APP_MODE: 'local', CRON_SECRET: '' });
    // The sweep also enqueues due token checks (tests/token-health/): here none is due.
    await test.pool.query('update public.channel_connections set token_checked_at = now()');
    await test.pool.query("delete from public.jobs where job_type = 'token_health'");
    // And the daily template sync of live WhatsApp numbers (tests/templates/): here done today.
    await test.db.rpc('enqueue_template_syncs', { p_every_seconds: 86400 });
    await test.pool.query(
      "update public.jobs set status = 'completed', completed_at = now() where job_type = 'sync_templates'",
    );
    // It also enqueues the reports rollup (tests/dashboard/report-rollup.test.ts): here none is due.
    for (let more = true; more; ) more = (await rollUpReportHours(test.db)).more;
    const old = await insertWebhookEvents(31, tenantA, 3);
    const recent = await insertWebhookEvents(1, tenantA);

    const status = await GET(new Request('http://localhost:3000/api/jobs/process?status=1'));
    expect(status.status).toBe(200);
    const post = await POST(new Request('http://localhost:3000/api/jobs/process', { method: 'POST' }));
    expect(await post.json()).toMatchObject({ claimed: 0 });
    expect(await purgeJobs()).toEqual([]);

    const response = await GET(new Request('http://localhost:3000/api/jobs/process'));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ claimed: 1, outcomes: { completed: 1 } });
    expect(body.jobs[0].job_type).toBe('purge_expired');
    expect(await existing('webhook_events', [...old, ...recent])).toEqual(recent);

    // The next minute's sweep finds the purge done within the hour: no new job.
    const next = await GET(new Request('http://localhost:3000/api/jobs/process'));
    expect(await next.json()).toMatchObject({ claimed: 0 });
    expect((await purgeJobs()).map((job) => job.status)).toEqual(['completed']);
  });

  it('the local scheduler enqueues and runs it', async () => {
    const old = await insertPendingStatus(20, tenantB);
    const scheduler = startLocalScheduler({ db: test.db, env: env(), intervalMs: 200 });
    try {
      await vi.waitFor(async () => expect(await existing('pending_message_statuses', [old])).toEqual([]), {
        timeout: 20_000,
        interval: 50,
      });
    } finally {
      await scheduler.stop();
    }
    expect((await purgeJobs()).map((job) => job.status)).toEqual(['completed']);
  });
});
