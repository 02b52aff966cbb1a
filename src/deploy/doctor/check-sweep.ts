import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { schedulerMode } from '@/src/jobs/scheduler-mode';
import { type DoctorCheck, fail, ok, warn } from './doctor-check';

// Is anything sweeping the job queue? Supabase Cron's job and its Vault entries where pg_cron
// exists, then the newest recorded sweep (internal.sweep_runs) against the database's clock.

const staleAfterSeconds = 10 * 60;

type SweepStatus = Awaited<ReturnType<typeof readStatus>>;

function readStatus(db: DbPort) {
  return db.rpc('admin_sweep_status', {});
}

function originOf(value: string | undefined): string | undefined {
  try {
    return value ? new URL(value).origin : undefined;
  } catch {
    return undefined;
  }
}

function checkCronJob(status: SweepStatus, env: AppEnv): DoctorCheck | undefined {
  const fix = `run \`npm run cli -- deploy schedule --url ${originOf(env.APP_BASE_URL) ?? 'https://<your-app>'}\``;
  if (!status.pg_cron) {
    if (env.appMode === 'production' && schedulerMode(env).mode === 'external') {
      return warn(
        'cron',
        'this database has no pg_cron, so nothing calls /api/jobs/process every minute (Vercel Hobby calls it ' +
          'once a day). On Supabase enable pg_cron and pg_net (Database > Extensions), then ' +
          `${fix}; on your own server set SCHEDULER=internal`,
      );
    }
    return undefined;
  }
  if (!status.job) return fail('cron', `Supabase Cron has no "inbox-process-jobs" job: ${fix}`);
  if (!status.job.active) return fail('cron', `the Supabase Cron job "inbox-process-jobs" is paused: ${fix}`);
  if (!status.url || !status.secret_stored) {
    return fail('cron', `the cron job is scheduled but Vault lacks its URL or secret: ${fix}`);
  }
  const base = originOf(env.APP_BASE_URL);
  if (base && status.url !== base) {
    return fail('cron', `Supabase Cron calls ${status.url} but APP_BASE_URL is ${base}: ${fix}`);
  }
  return ok('cron', `Supabase Cron calls ${status.url}/api/jobs/process every minute`);
}

function sweepHint(status: SweepStatus, env: AppEnv): string {
  if (env.appMode === 'local') return 'is `npm run dev` running?';
  if (schedulerMode(env).mode === 'internal')
    return 'is the server (`npm start`, SCHEDULER=internal) running?';
  if (status.pg_cron) {
    return (
      "see the job's runs in Supabase (Integrations > Cron) and the answers in net._http_response: a 401 means " +
      'CRON_SECRET on Vercel differs from the one in Vault (run `deploy schedule` again with the same value)'
    );
  }
  return 'nothing schedules it every minute: see the cron line above';
}

function checkLastSweep(status: SweepStatus, env: AppEnv): DoctorCheck {
  const failOrWarn = env.appMode === 'production' ? fail : warn;
  const newest = status.runs[0];
  if (!newest)
    return failOrWarn('sweep', `no sweep of the job queue has ever been recorded: ${sweepHint(status, env)}`);
  const ageSeconds = Math.round((Date.parse(status.now) - Date.parse(newest.last_run_at)) / 1000);
  if (ageSeconds > staleAfterSeconds) {
    return failOrWarn(
      'sweep',
      `no sweep in the last 10 minutes (the last, by ${newest.source}, was ${Math.round(ageSeconds / 60)} minutes ago): ${sweepHint(status, env)}`,
    );
  }
  return ok('sweep', `last sweep ${ageSeconds} s ago, by ${newest.source}`);
}

export async function checkSweep(db: DbPort, env: AppEnv): Promise<DoctorCheck[]> {
  const status = await readStatus(db);
  const cron = checkCronJob(status, env);
  return [...(cron ? [cron] : []), checkLastSweep(status, env)];
}
