import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';
import { syncTemplatesJobType } from './sync-templates-handler';

// The daily template sync, asked for by the cron sweep and the local scheduler beside the token
// checks; the database decides which connections are due. Never fails the caller's run.
export async function scheduleTemplateSyncs(options: {
  db: DbPort;
  handlers: readonly { type: string }[];
}): Promise<void> {
  if (!options.handlers.some((handler) => handler.type === syncTemplatesJobType)) return;
  try {
    const result = await options.db.rpc('enqueue_template_syncs', {});
    if (result.enqueued > 0) log.info('templates.sync_scheduled', { enqueued: result.enqueued });
  } catch (error) {
    log.warn('templates.sync_schedule_failed', { error: (error as Error).message });
  }
}
