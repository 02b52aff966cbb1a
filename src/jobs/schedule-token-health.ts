import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';
import { tokenHealthJobType } from './handlers/token-health-handler';

// The daily token check: the cron sweep and the local scheduler ask, the database enqueues one
// token_health job per live connection not checked in the last day (see
// public.enqueue_token_health_checks). Housekeeping never fails the caller's run.
export async function scheduleTokenHealthChecks(options: {
  db: DbPort;
  handlers: readonly { type: string }[];
}): Promise<void> {
  if (!options.handlers.some((handler) => handler.type === tokenHealthJobType)) return;
  try {
    const result = await options.db.rpc('enqueue_token_health_checks', {});
    if (result.enqueued > 0) log.info('token_health.scheduled', { enqueued: result.enqueued });
  } catch (error) {
    log.warn('token_health.schedule_failed', { error: (error as Error).message });
  }
}
