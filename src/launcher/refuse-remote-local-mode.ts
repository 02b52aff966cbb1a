import { databaseHost, isLocalDatabaseUrl } from '@/src/db/local-database-url';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';

// Local mode means the demo seed, the dev sign-in, an open cron route, the in-process scheduler
// and automatic migrations: none may touch a database on another machine. (A Supabase project
// started with `supabase start` runs on this machine and is allowed.)
export function refuseRemoteLocalMode(
  env: Pick<AppEnv, 'appMode'> & Partial<Pick<AppEnv, 'DATABASE_URL' | 'NEXT_PUBLIC_SUPABASE_URL'>>,
): void {
  if (env.appMode !== 'local') return;
  const remote = env.DATABASE_URL
    ? isLocalDatabaseUrl(env.DATABASE_URL)
      ? undefined
      : databaseHost(env.DATABASE_URL)
    : remoteSupabaseHost(env.NEXT_PUBLIC_SUPABASE_URL);
  if (!remote) return;
  throw new AppError(
    'forbidden',
    `Local mode (the default for npm run dev) only runs against a database on this machine, and ` +
      `the configured one is on ${remote}: it would get the public demo tenant, an open dev sign-in ` +
      'and automatic migrations. Set APP_MODE=production to use that database, or unset DATABASE_URL ' +
      'and NEXT_PUBLIC_SUPABASE_URL to use the embedded PostgreSQL.',
  );
}

function remoteSupabaseHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname;
    return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host) ? undefined : host;
  } catch {
    return 'an unreadable NEXT_PUBLIC_SUPABASE_URL';
  }
}
