import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { FollowUpJob, JobHandler } from '../job-types';
import { schedulePurgeMedia } from './purge-media-handler';

// purge_expired ({"batch_size"?}): retention. One call of public.purge_expired_rows deletes at
// most batch_size expired rows per table (completed and failed jobs, webhook_events,
// pending_message_statuses; by age only, periods from RETENTION_*_DAYS), one short transaction.
// When a table filled its batch, the job enqueues itself again, due at once, so a backlog is
// worked off within the same processor run, between other jobs (it runs at low priority).
// The cron sweep and the local scheduler call schedulePurgeExpired; the database enqueues a job
// at most once an hour and only when something has expired.

const purgeExpiredJobType = 'purge_expired';
const defaultPurgeBatchSize = 2000;

const payloadSchema = z.object({ batch_size: z.number().int().min(1).max(10_000).optional() });

export type PurgeExpiredResult = ResultOf<'purge_expired_rows'>;

function retentionArgs(env: AppEnv) {
  return {
    p_completed_jobs_days: env.RETENTION_COMPLETED_JOBS_DAYS,
    p_failed_jobs_days: env.RETENTION_FAILED_JOBS_DAYS,
    p_webhook_events_days: env.RETENTION_WEBHOOK_EVENTS_DAYS,
    p_pending_statuses_days: env.RETENTION_PENDING_STATUSES_DAYS,
  };
}

export function purgeExpiredRows(db: DbPort, env: AppEnv, batchSize: number): Promise<PurgeExpiredResult> {
  return db.rpc('purge_expired_rows', { ...retentionArgs(env), p_batch_size: batchSize });
}

export const purgeExpiredHandler: JobHandler<typeof payloadSchema> = {
  type: purgeExpiredJobType,
  payloadSchema,
  async run(payload, { job, db, env }) {
    const batchSize = payload.batch_size ?? defaultPurgeBatchSize;
    const result = await purgeExpiredRows(db, env, batchSize);
    log.info('retention.purged', { jobId: job.id, ...result.deleted, more: result.more });
    const again: FollowUpJob = {
      job_type: purgeExpiredJobType,
      payload: payload.batch_size === undefined ? {} : { batch_size: payload.batch_size },
      priority: -10,
      dedupe_key: purgeExpiredJobType,
      max_attempts: 3,
    };
    return { kind: 'complete', result, followUps: result.more ? [again] : [] };
  },
};

/**
 * Enqueues a purge_expired job when one is due (see public.enqueue_purge_expired). Only a
 * processor that can run it asks; housekeeping never fails the caller's run.
 */
export async function schedulePurgeExpired(options: {
  db: DbPort;
  env: AppEnv;
  handlers: readonly { type: string }[];
}): Promise<void> {
  if (!options.handlers.some((handler) => handler.type === purgeExpiredJobType)) return;
  try {
    const result = await options.db.rpc('enqueue_purge_expired', {
      ...retentionArgs(options.env),
    });
    if (result.enqueued) log.info('retention.scheduled', { jobId: result.id });
  } catch (error) {
    log.warn('retention.schedule_failed', { error: (error as Error).message });
  }
  await schedulePurgeMedia(options);
}
