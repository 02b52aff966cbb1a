import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { parseAppOrigin } from './parse-app-origin';

// `deploy schedule`: stores the app URL and CRON_SECRET in Supabase Vault and (re)schedules the
// minute sweep (public.admin_schedule_sweep). The secret comes from the environment, never argv.

export async function scheduleSweep(db: DbPort, env: AppEnv, url: string) {
  const origin = parseAppOrigin(url);
  if (!env.CRON_SECRET || env.CRON_SECRET.length < 16) {
    throw new AppError(
      'bad_request',
      'Set CRON_SECRET (at least 16 characters, the same value as on Vercel) in the environment first',
    );
  }
  return db.rpc('admin_schedule_sweep', { p_url: origin, p_secret: env.CRON_SECRET });
}
