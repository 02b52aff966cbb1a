import type { DbPort } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { type ClaimedJob, type FollowUpJob, jobTypePattern } from './job-types';

// Typed calls of the queue's SQL functions (supabase/migrations/*_job_queue.sql); one round trip each.

export type EnqueueJobInput = FollowUpJob;
export type EnqueueJobResult = { id: string | null; enqueued: boolean };

export type FailJobResult =
  | { id: string; status: 'pending'; attempts: number; scheduled_for: string }
  | { id: string; status: 'failed'; attempts: number }
  | { id: string; status: 'superseded'; superseded_by: string | null };

export type QueueStatus = {
  counts: { job_type: string; status: string; count: number }[];
  due: number;
  expired_leases: number;
  oldest_due_age_seconds: number | null;
  generated_at: string;
};

// An empty filter means "every type"; a malformed type is refused before it reaches SQL.
function toJobTypeFilter(values: string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  const bad = values.find((value) => !jobTypePattern.test(value));
  if (bad !== undefined) throw new AppError('bad_request', `invalid job type ${JSON.stringify(bad)}`);
  return values;
}

export function enqueueJob(db: DbPort, job: EnqueueJobInput): Promise<EnqueueJobResult> {
  return db.rpc('enqueue_job', {
    p_job_type: job.job_type,
    p_payload: job.payload,
    p_tenant_id: job.tenant_id ?? undefined,
    p_priority: job.priority,
    p_dedupe_key: job.dedupe_key,
    p_scheduled_for: job.scheduled_for,
    p_max_attempts: job.max_attempts,
  });
}

export function claimJobs(
  db: DbPort,
  options: { workerId: string; limit: number; leaseSeconds: number; tenantId?: string; jobTypes?: string[] },
): Promise<ClaimedJob[]> {
  return db.rpc('claim_jobs', {
    p_worker: options.workerId,
    p_limit: options.limit,
    p_lease_seconds: options.leaseSeconds,
    p_tenant_id: options.tenantId,
    p_job_types: toJobTypeFilter(options.jobTypes),
  });
}

export function completeJob(
  db: DbPort,
  job: ClaimedJob,
  result: Record<string, unknown> | undefined,
  followUps: FollowUpJob[] | undefined,
): Promise<{ id: string; status: 'completed' }> {
  return db.rpc('complete_job', {
    p_job_id: job.id,
    p_locked_by: job.locked_by,
    p_attempts: job.attempts,
    p_result: result ?? null,
    p_follow_ups: followUps ?? [],
  });
}

export function failJob(
  db: DbPort,
  job: ClaimedJob,
  failure: { message: string; retryable: boolean; retryAfterMs?: number },
): Promise<FailJobResult> {
  return db.rpc('fail_job', {
    p_job_id: job.id,
    p_locked_by: job.locked_by,
    p_attempts: job.attempts,
    p_error: failure.message,
    p_retryable: failure.retryable,
    p_retry_after_seconds: failure.retryAfterMs === undefined ? undefined : failure.retryAfterMs / 1000,
  });
}

export function retryFailedJob(
  db: DbPort,
  jobId: string,
  tenantId?: string,
): Promise<{ id: string; status: 'pending'; job_type: string; scheduled_for: string }> {
  return db.rpc('retry_failed_job', { p_job_id: jobId, p_tenant_id: tenantId });
}

export function getQueueStatus(db: DbPort, tenantId?: string): Promise<QueueStatus> {
  return db.rpc('queue_status', { p_tenant_id: tenantId });
}
