import type pg from 'pg';
import { databaseTlsProblem, isTransactionPoolerUrl } from '@/src/db/database-tls';
import { databaseHost, isLocalDatabaseUrl } from '@/src/db/local-database-url';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { DbPort } from '@/src/db/rpc-port';
import { createSupabasePort } from '@/src/db/supabase-rpc';
import type { AppEnv } from '@/src/env';
import { checkAppBaseUrl } from './check-app-base-url';
import { checkAuthConfig } from './check-auth-config';
import { checkEnv } from './check-env';
import { checkErrorTracking } from './check-error-tracking';
import { checkMigrations } from './check-migrations';
import { checkSweep } from './check-sweep';
import { checkWebhooks } from './check-webhooks';
import { type DoctorCheck, fail, ok, warn } from './doctor-check';

// `npm run cli -- doctor`: every check a deployment needs, in the order a person fixes them. It
// opens its own connection (never the app's getDb, which refuses an incomplete environment) and
// never prints a secret.

async function checkThroughDatabaseUrl(url: string, env: AppEnv): Promise<DoctorCheck[]> {
  const tlsProblem = databaseTlsProblem(url);
  if (tlsProblem) return [fail('tls', tlsProblem)];
  const checks: DoctorCheck[] = [
    isLocalDatabaseUrl(url)
      ? ok('tls', 'the database is on this machine (no TLS needed)')
      : ok('tls', `TLS is required (sslmode=${new URL(url).searchParams.get('sslmode')})`),
  ];
  let pool: pg.Pool | undefined;
  try {
    pool = createPgPool(url, 1, { connectTimeoutMs: 5000 });
    const { rows } = await pool.query("select current_setting('server_version') as version");
    checks.push(ok('database', `reachable: PostgreSQL ${rows[0].version} on ${databaseHost(url)}`));
  } catch (error) {
    await pool?.end().catch(() => {});
    return [
      ...checks,
      fail('database', `cannot reach the database on ${databaseHost(url)}: ${(error as Error).message}`),
    ];
  }
  try {
    if (isTransactionPoolerUrl(url)) {
      checks.push(
        warn(
          'migrations',
          'not compared through the transaction pooler: run doctor with the 5432 URL to see them',
        ),
      );
    } else {
      checks.push(await checkMigrations(pool));
    }
    const db = createPgPort(pool);
    checks.push(...(await checkSweep(db, env)), ...(await checkWebhooks(db, env, new Date())));
  } finally {
    await pool.end();
  }
  return checks;
}

async function checkThroughSupabase(db: DbPort, env: AppEnv): Promise<DoctorCheck[]> {
  try {
    const sweep = [...(await checkSweep(db, env)), ...(await checkWebhooks(db, env, new Date()))];
    return [
      ok('database', 'reachable through Supabase RPC'),
      warn(
        'migrations',
        'not compared: set DATABASE_URL (session connection, port 5432) for doctor to read them',
      ),
      ...sweep,
    ];
  } catch (error) {
    return [fail('database', `Supabase RPC failed: ${(error as Error).message}`)];
  }
}

export async function runDoctor(env: AppEnv): Promise<DoctorCheck[]> {
  const checks = [...checkEnv(env), checkErrorTracking(env), ...checkAppBaseUrl(env)];
  if (!checks.some((check) => check.name === 'app_base_url' && check.status === 'fail')) {
    checks.push(...(await checkAuthConfig(env)));
  }
  if (env.DATABASE_URL) return [...checks, ...(await checkThroughDatabaseUrl(env.DATABASE_URL, env))];
  if (env.NEXT_PUBLIC_SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
    const db = createSupabasePort({
      url: env.NEXT_PUBLIC_SUPABASE_URL,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
      timeoutMs: env.SUPABASE_HTTP_TIMEOUT_MS,
    });
    return [...checks, ...(await checkThroughSupabase(db, env))];
  }
  return [
    ...checks,
    fail('database', 'no database configured: set DATABASE_URL (or the Supabase variables)'),
  ];
}
