import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { defaultHandlers } from './default-handlers';
import type { JobHandler } from './job-types';
import { processJobs } from './process-jobs';

// Called by webhook routes inside after(): drain this tenant's due jobs now instead of waiting
// for the cron sweep. after() is not durable, so this only speeds things up: whatever it does
// not finish stays in the queue (pending, or leased and handed on) for the cron or scheduler.
// The budget must fit inside the calling route's maxDuration.

export type ProcessTenantSoonOptions = {
  budgetMs?: number;
  maxJobs?: number;
  handlers?: readonly JobHandler[];
};

export async function processTenantSoon(
  tenantId: string,
  options: ProcessTenantSoonOptions = {},
): Promise<void> {
  try {
    const env = getEnv();
    await processJobs({
      db: getDb(),
      env,
      handlers: options.handlers ?? defaultHandlers,
      tenantId,
      maxJobs: options.maxJobs ?? 20,
      budgetMs: options.budgetMs ?? 45_000,
      concurrency: env.JOBS_CONCURRENCY,
      jobTimeoutMs: env.JOB_TIMEOUT_SECONDS * 1000,
    });
  } catch (error) {
    log.error('jobs.process_tenant_soon_failed', { tenantId, error: (error as Error).message });
  }
}
