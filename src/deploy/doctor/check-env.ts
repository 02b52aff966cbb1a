import type { AppEnv } from '@/src/env';
import { type DoctorCheck, fail, ok, warn } from './doctor-check';

// The variables a deployment cannot work without, checked before anything is called.

export function checkEnv(env: AppEnv): DoctorCheck[] {
  if (env.appMode === 'local') return [ok('env', 'local mode: nothing needs to be set')];
  const missing: string[] = [];
  if (!env.CRON_SECRET) missing.push('CRON_SECRET (openssl rand -hex 24)');
  else if (env.CRON_SECRET.length < 16) missing.push('CRON_SECRET of at least 16 characters');
  if (!env.ENCRYPTION_KEY) missing.push('ENCRYPTION_KEY (openssl rand -base64 32)');
  if (!env.DATABASE_URL && !(env.NEXT_PUBLIC_SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY)) {
    missing.push('DATABASE_URL, or NEXT_PUBLIC_SUPABASE_URL with SUPABASE_SERVICE_ROLE_KEY');
  }
  if (!env.NEXT_PUBLIC_SUPABASE_URL || !env.NEXT_PUBLIC_SUPABASE_ANON_KEY) {
    missing.push(
      'NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY (staff sign in with Supabase Auth)',
    );
  }
  if (!env.APP_BASE_URL) missing.push("APP_BASE_URL (the app's public https URL)");
  const checks: DoctorCheck[] = [
    missing.length
      ? fail('env', `missing in the environment: ${missing.join('; ')}`)
      : ok('env', 'the required variables are set'),
  ];
  if (!env.ANTHROPIC_API_KEY) {
    checks.push(warn('ai', 'ANTHROPIC_API_KEY is not set: customers get the offline responder, not Claude'));
  }
  return checks;
}
