import type { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';

// The contract between the queue (claim / complete / fail) and the job handlers.

/** What the jobs table accepts as job_type (its check constraint). */
export const jobTypePattern = /^[a-z][a-z0-9_]{1,62}$/;

export type ClaimedJob = {
  id: string;
  tenant_id: string | null;
  job_type: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  locked_by: string;
};

/** A job to enqueue in the same transaction that completes the current one. */
export type FollowUpJob = {
  job_type: string;
  payload: Record<string, unknown>;
  tenant_id?: string | null;
  priority?: number;
  dedupe_key?: string;
  scheduled_for?: string;
  max_attempts?: number;
};

export type JobOutcome =
  /** The processor completes the job (and enqueues follow-ups) in one SQL call. */
  | { kind: 'complete'; result?: Record<string, unknown>; followUps?: FollowUpJob[] }
  /** The handler's own SQL function already completed the job under the lease (one round trip). */
  | { kind: 'completed_by_handler'; result?: Record<string, unknown> };

type JobContext = {
  job: ClaimedJob;
  db: DbPort;
  env: AppEnv;
  /** Aborted when the processor's time budget is nearly spent. */
  signal: AbortSignal;
  /** When the job's own timeout aborts it (epoch ms): work that retries stops short of it. */
  deadline: number;
};

export type JobHandler<Schema extends z.ZodType = z.ZodType> = {
  type: string;
  payloadSchema: Schema;
  run: (payload: z.infer<Schema>, context: JobContext) => Promise<JobOutcome>;
};

/** Try again later (429, 5xx, timeouts); `retryAfterMs` honours a Retry-After. */
export class RetryableJobError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableJobError';
  }
}

/** Retrying cannot help (bad recipient, outside the window, invalid token): fail now. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
