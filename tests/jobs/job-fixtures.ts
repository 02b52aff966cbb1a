import type pg from 'pg';
import { z } from 'zod';
import type { JobHandler } from '@/src/jobs/job-types';
import type { TestDatabase } from '../support/test-database';

// Jobs and handlers for queue tests. Rows are written with the superuser pool where a test needs
// a state the queue functions would only reach with time (a lease in the past, a due retry).

export type JobRow = {
  id: string;
  tenant_id: string | null;
  job_type: string;
  status: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  error_message: string | null;
  result: Record<string, unknown> | null;
  dedupe_key: string | null;
};

export async function insertJobs(
  pool: pg.Pool,
  count: number,
  fields: { jobType?: string; tenantId?: string | null; maxAttempts?: number } = {},
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into public.jobs (job_type, tenant_id, payload, max_attempts)
     select $1, $2, jsonb_build_object('n', g), $3 from generate_series(1, $4) g
     returning id`,
    [fields.jobType ?? 'count_me', fields.tenantId ?? null, fields.maxAttempts ?? 5, count],
  );
  return rows.map((row) => row.id);
}

export async function readJob(pool: pg.Pool, id: string): Promise<JobRow> {
  const { rows } = await pool.query<JobRow>('select * from public.jobs where id = $1', [id]);
  if (!rows[0]) throw new Error(`job ${id} not found`);
  return rows[0];
}

export async function countByStatus(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from public.jobs group by status',
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** What a crashed worker leaves behind, without waiting for it: its leases run out now. */
export async function expireLeases(pool: pg.Pool, lockedBy: string): Promise<number> {
  const result = await pool.query(
    "update public.jobs set locked_until = now() - interval '1 second' where locked_by = $1 and status = 'processing'",
    [lockedBy],
  );
  return result.rowCount ?? 0;
}

/** Makes retries scheduled in the future due now. */
export async function makeDueNow(pool: pg.Pool, id: string): Promise<void> {
  await pool.query("update public.jobs set scheduled_for = now() where id = $1 and status = 'pending'", [id]);
}

/** A handler that counts how often each job ran and completes it. */
export function countingHandler(type = 'count_me'): { handler: JobHandler; runs: Map<string, number> } {
  const runs = new Map<string, number>();
  const handler: JobHandler = {
    type,
    payloadSchema: z.object({ n: z.number().int() }),
    async run(_payload, { job }) {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((resolve) => setImmediate(resolve));
      return { kind: 'complete', result: { ran: true } };
    },
  };
  return { handler, runs };
}

/**
 * A side effect written in the same transaction that finishes the job, the way issue 5's SQL
 * functions do it: if the lease is gone, the effect is rolled back with the refusal.
 */
export async function installEffectFunction(test: TestDatabase): Promise<void> {
  await test.pool.query(`
    create table public.test_effects (job_id uuid not null, worker text not null);
    create function public.test_record_effect(p_job_id uuid, p_locked_by text, p_attempts integer)
    returns void language plpgsql security definer set search_path = '' as $$
    begin
      insert into public.test_effects (job_id, worker) values (p_job_id, p_locked_by);
      perform internal.finish_job(p_job_id, p_locked_by, p_attempts, '{"effect": true}'::jsonb, '[]'::jsonb);
    end $$;
    revoke all on function public.test_record_effect(uuid, text, integer) from public;
    grant execute on function public.test_record_effect(uuid, text, integer) to service_role;`);
}

export function effectHandler(type = 'count_me'): JobHandler {
  return {
    type,
    payloadSchema: z.object({ n: z.number().int() }),
    async run(_payload, { job, db }) {
      // @ts-expect-error a test-only function (created above), not in the migrations' generated types
      await db.rpc('test_record_effect', {
        p_job_id: job.id,
        p_locked_by: job.locked_by,
        p_attempts: job.attempts,
      });
      return { kind: 'completed_by_handler' };
    },
  };
}
