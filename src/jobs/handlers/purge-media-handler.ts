import { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { mediaStorageFor } from '@/src/media/media-storage';
import { log } from '@/src/shared/logger';
import type { FollowUpJob, JobHandler } from '../job-types';

// purge_media ({}): retention of the files customers sent. Stored files older than
// RETENTION_MEDIA_DAYS lose their bytes (the message and a note stay in the thread), and bytes
// whose row went with its message (a merge, cleared test traffic, a removed business) are
// deleted. Bytes first, rows after: a crash in between means deleting them again, harmlessly.
// Enqueued at most hourly, only when something is due (schedulePurgeMedia).

const purgeMediaJobType = 'purge_media';
const batchSize = 200;
const payloadSchema = z.object({});

export function retentionReason(days: number): string {
  return `se borró tras ${days} días, según la política de conservación`;
}

export async function purgeExpiredMedia(db: DbPort, env: AppEnv) {
  const batch = await db.rpc('media_purge_batch', {
    p_media_days: env.RETENTION_MEDIA_DAYS,
    p_batch_size: batchSize,
  });
  const paths = [...batch.files.map((file) => file.storage_path), ...batch.orphans];
  if (paths.length > 0) await mediaStorageFor(env).remove(paths);
  const done = await db.rpc('media_purge_done', {
    p_file_ids: batch.files.map((file) => file.id),
    p_orphan_paths: batch.orphans,
    p_reason: retentionReason(env.RETENTION_MEDIA_DAYS),
  });
  return { ...done, more: batch.files.length >= batchSize || batch.orphans.length >= batchSize };
}

export const purgeMediaHandler: JobHandler<typeof payloadSchema> = {
  type: purgeMediaJobType,
  payloadSchema,
  async run(_payload, { job, db, env }) {
    const result = await purgeExpiredMedia(db, env);
    log.info('retention.media_purged', { jobId: job.id, ...result });
    const again: FollowUpJob = {
      job_type: purgeMediaJobType,
      payload: {},
      priority: -10,
      dedupe_key: purgeMediaJobType,
      max_attempts: 3,
    };
    return { kind: 'complete', result, followUps: result.more ? [again] : [] };
  },
};

/** Enqueues purge_media when due; housekeeping never fails the caller's run. */
export async function schedulePurgeMedia(options: {
  db: DbPort;
  env: AppEnv;
  handlers: readonly { type: string }[];
}): Promise<void> {
  if (!options.handlers.some((handler) => handler.type === purgeMediaJobType)) return;
  try {
    const result = await options.db.rpc('enqueue_purge_media', {
      p_media_days: options.env.RETENTION_MEDIA_DAYS,
    });
    if (result.enqueued) log.info('retention.media_scheduled', { jobId: result.id });
  } catch (error) {
    log.warn('retention.media_schedule_failed', { error: (error as Error).message });
  }
}
