import type { AppEnv } from '@/src/env';

// Whether `npm run dev` / `npm start` drains the queue in-process. Local mode does unless told
// otherwise; production does only with SCHEDULER=internal (a self-hosted server with no cron
// calling /api/jobs/process). On Vercel the sweep comes from Supabase Cron and Vercel Cron.

export type SchedulerMode = { mode: 'internal' | 'external'; reason: string };

export function schedulerMode(env: AppEnv): SchedulerMode {
  if (env.SCHEDULER === 'internal') return { mode: 'internal', reason: 'SCHEDULER=internal' };
  if (env.SCHEDULER === 'external') return { mode: 'external', reason: 'SCHEDULER=external' };
  if (env.appMode === 'local') return { mode: 'internal', reason: 'local mode' };
  return {
    mode: 'external',
    reason:
      'production: /api/jobs/process is called by Supabase Cron or Vercel Cron (SCHEDULER=internal runs it here)',
  };
}
