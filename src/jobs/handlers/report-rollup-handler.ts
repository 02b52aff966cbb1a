import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';
import type { FollowUpJob, JobHandler } from '../job-types';

// report_rollup ({"max_hours"?}): fills internal.report_hourly, the per-hour counts the reports
// page reads instead of every message (see supabase/migrations/20261210100000_report_rollup.sql).
// One call of public.report_rollup_hours is one short transaction: for each tenant, the next
// closed hours not rolled up yet (at most max_hours) and every hour marked dirty by a late or
// deleted message, each recomputed whole, so running it twice changes nothing. While tenants
// are still behind (the first run over a year of history), the job enqueues itself again, due
// at once, like purge_expired. The cron sweep and the local scheduler call scheduleReportRollup.

export const reportRollupJobType = 'report_rollup';
const defaultMaxHours = 168;

const payloadSchema = z.object({ max_hours: z.number().int().min(1).max(8784).optional() });

export type ReportRollupResult = ResultOf<'report_rollup_hours'>;

export function rollUpReportHours(db: DbPort, maxHours = defaultMaxHours): Promise<ReportRollupResult> {
  return db.rpc('report_rollup_hours', { p_max_hours: maxHours });
}

export const reportRollupHandler: JobHandler<typeof payloadSchema> = {
  type: reportRollupJobType,
  payloadSchema,
  async run(payload, { job, db }) {
    const result = await rollUpReportHours(db, payload.max_hours);
    log.info('reports.rolled_up', {
      jobId: job.id,
      tenants: result.tenants,
      rowsWritten: result.rows_written,
      more: result.more,
    });
    const again: FollowUpJob = {
      job_type: reportRollupJobType,
      payload: payload.max_hours === undefined ? {} : { max_hours: payload.max_hours },
      priority: -10,
      dedupe_key: reportRollupJobType,
      max_attempts: 3,
    };
    return { kind: 'complete', result, followUps: result.more ? [again] : [] };
  },
};

/**
 * Enqueues a report_rollup job when an hour is waiting (see public.enqueue_report_rollup). Only a
 * processor that can run it asks; housekeeping never fails the caller's run.
 */
export async function scheduleReportRollup(options: {
  db: DbPort;
  handlers: readonly { type: string }[];
}): Promise<void> {
  if (!options.handlers.some((handler) => handler.type === reportRollupJobType)) return;
  try {
    const result = await options.db.rpc('enqueue_report_rollup', {});
    if (result.enqueued) log.info('reports.rollup_scheduled', { jobId: result.id });
  } catch (error) {
    log.warn('reports.rollup_schedule_failed', { error: (error as Error).message });
  }
}
