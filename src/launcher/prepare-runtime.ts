import path from 'node:path';
import nextEnv from '@next/env';
import { startEmbeddedPostgres } from '@/src/db/embedded-postgres';
import { migrate } from '@/src/db/migrate';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { type AppEnv, assertProductionReady, getEnv, setEnvForProcess } from '@/src/env';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { loadOrCreateLocalKey } from './local-encryption-key';

// What `npm run dev`, `npm start`, the CLI and db scripts share: pick the database (embedded
// PostgreSQL when none is configured), migrate it, and in local mode make sure a key and the
// demo tenant exist. Leaves DATABASE_URL etc. in process.env for the Next.js child.

const projectRoot = path.resolve(import.meta.dirname, '../..');

export type Runtime = { env: AppEnv; embedded: boolean; stop: () => Promise<void> };

export async function prepareRuntime(options: {
  migrate: boolean;
  seed: boolean;
  /** Which .env files to load, as Next.js does for `next dev` / `next start`. */
  envFiles: 'development' | 'production';
  /** `npm run dev` is local even with a configured database unless APP_MODE says otherwise. */
  defaultToLocal: boolean;
}): Promise<Runtime> {
  // The same .env / .env.local files Next.js reads, so the launcher and CLI see what the app sees.
  nextEnv.loadEnvConfig(projectRoot, options.envFiles === 'development', {
    info: () => {},
    error: console.error,
  });
  setEnvForProcess({});
  if (options.defaultToLocal && !getEnv().APP_MODE) setEnvForProcess({ APP_MODE: 'local' });
  let env = getEnv();
  let stop = async () => {};
  let embedded = false;
  if (!env.DATABASE_URL && !env.NEXT_PUBLIC_SUPABASE_URL) {
    if (env.APP_MODE === 'production') throw new Error('APP_MODE=production needs a configured database');
    const server = await startEmbeddedPostgres({
      dataDir: path.join(env.DATA_DIR, 'postgres'),
      port: env.EMBEDDED_PG_PORT,
    });
    setEnvForProcess({ DATABASE_URL: server.connectionString, APP_MODE: 'local' });
    stop = server.stop;
    embedded = true;
  }
  env = getEnv();
  if (env.appMode === 'local' && !env.ENCRYPTION_KEY) {
    setEnvForProcess({ ENCRYPTION_KEY: loadOrCreateLocalKey(env.DATA_DIR) });
    env = getEnv();
  }
  assertProductionReady(env);
  if (env.DATABASE_URL && (options.migrate || options.seed)) {
    const pool = createPgPool(env.DATABASE_URL, 2);
    try {
      if (options.migrate) await migrate(pool);
      if (options.seed && env.appMode === 'local') {
        await seedDemoTenant(createPgPort(pool), {
          appMode: env.appMode,
          encryptionKey: env.ENCRYPTION_KEY!,
        });
      }
    } finally {
      await pool.end();
    }
  }
  return { env, embedded, stop };
}
