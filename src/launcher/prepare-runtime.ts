import path from 'node:path';
import nextEnv from '@next/env';
import { syncModelAllowlist } from '@/src/ai/model-allowlist';
import { startEmbeddedPostgres } from '@/src/db/embedded-postgres';
import { migrate } from '@/src/db/migrate';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { type AppEnv, assertProductionReady, getEnv, setEnvForProcess } from '@/src/env';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { loadOrCreateLocalKey } from './local-encryption-key';
import { refuseRemoteLocalMode } from './refuse-remote-local-mode';

// What `npm run dev`, `npm start`, the CLI and db scripts share: pick the database (embedded
// PostgreSQL when none is configured), migrate it, and in local mode make sure a key and the
// demo tenant exist. Leaves DATABASE_URL etc. in process.env for the Next.js child.

const projectRoot = path.resolve(import.meta.dirname, '../..');

export type Runtime = { env: AppEnv; embedded: boolean; stop: () => Promise<void> };

export async function prepareRuntime(options: {
  /** 'local': only in local mode (the CLI must not migrate a deployed database unasked). */
  migrate: boolean | 'local';
  seed: boolean;
  /** False only for `db migrate`, which needs a database and nothing else. */
  requireProductionSecrets?: boolean;
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
  refuseRemoteLocalMode(env);
  if (options.requireProductionSecrets !== false) assertProductionReady(env);
  const shouldMigrate = options.migrate === true || (options.migrate === 'local' && env.appMode === 'local');
  // The demo tenant's secrets are public: local mode never runs against another machine's database.
  const shouldSeed = options.seed && env.appMode === 'local';
  if (env.DATABASE_URL && (shouldMigrate || shouldSeed)) {
    const pool = createPgPool(env.DATABASE_URL, 2);
    try {
      if (shouldMigrate) {
        await migrate(pool);
        await syncModelAllowlist(createPgPort(pool), env);
      }
      if (shouldSeed) {
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
