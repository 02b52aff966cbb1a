import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';

// Every sweep of the queue leaves its mark (one row per caller, internal.sweep_runs) so `doctor`
// can say whether a scheduler called in the last minutes. The mark is bookkeeping: failing to
// write it never stops the sweep.

export type SweepSource = 'vercel_cron' | 'supabase_cron' | 'internal' | 'other';

/** Supabase Cron's request names itself (see internal.request_sweep); Vercel Cron sends its user agent. */
export function sweepSourceOf(request: Request): SweepSource {
  if (request.headers.get('x-inbox-scheduler') === 'supabase-cron') return 'supabase_cron';
  if ((request.headers.get('user-agent') ?? '').startsWith('vercel-cron/')) return 'vercel_cron';
  return 'other';
}

export async function recordSweepRun(db: DbPort, source: SweepSource): Promise<void> {
  try {
    await db.rpc('record_sweep_run', { p_source: source });
  } catch (error) {
    log.warn('jobs.sweep_not_recorded', { source, error: (error as Error).message });
  }
}
