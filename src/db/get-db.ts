import { assertProductionReady, getEnv } from '@/src/env';
import { createCountingDbPort } from './counting-db-port';
import { createPgPool, createPgPort } from './pg-rpc';
import type { DbPort } from './rpc-port';
import { createSupabasePort } from './supabase-rpc';

// One port per process, chosen by configuration: DATABASE_URL (embedded, CI, Supabase pooler)
// wins over supabase-js. The launcher sets DATABASE_URL for the embedded server.

const holder = globalThis as typeof globalThis & { __inboxDb?: DbPort };

export function getDb(): DbPort {
  if (holder.__inboxDb) return holder.__inboxDb;
  const env = getEnv();
  assertProductionReady(env);
  if (env.DATABASE_URL) {
    const pool = createPgPool(env.DATABASE_URL, env.DATABASE_POOL_MAX, {
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: env.DATABASE_IDLE_TIMEOUT_MS,
    });
    holder.__inboxDb = createPgPort(pool, { statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS });
  } else if (env.NEXT_PUBLIC_SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
    holder.__inboxDb = createSupabasePort({
      url: env.NEXT_PUBLIC_SUPABASE_URL,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
      anonKey: env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
      timeoutMs: env.SUPABASE_HTTP_TIMEOUT_MS,
    });
  } else {
    throw new Error(
      'No database configured: start with `npm run dev` (embedded PostgreSQL) or set DATABASE_URL / Supabase variables',
    );
  }
  if (env.BENCH_ENDPOINTS) holder.__inboxDb = createCountingDbPort(holder.__inboxDb);
  return holder.__inboxDb;
}

/** Tests and the CLI hand in their own port (a per-test database, say). */
export function setDb(port: DbPort | undefined): void {
  holder.__inboxDb = port;
}
