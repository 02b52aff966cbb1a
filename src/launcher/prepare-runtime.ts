import path from 'node:path';
import { startEmbeddedPostgres } from '@/src/db/embedded-postgres';
import { migrate } from '@/src/db/migrate';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { type AppEnv, assertProductionReady, getEnv, setEnvForProcess } from '@/src/env';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { loadOrCreateLocalKey } from './local-encryption-key';

// What `npm run dev`, `npm start`, the CLI and db scripts share: pick the database (embedded
// PostgreSQL when none is configured), migrate it, and in local mode make sure a key and the
// demo tenant exist. Leaves DATABASE_URL etc. in process.env for the Next.js child.

export type Runtime = { env: AppEnv; embedded: boolean; stop: () => Promise<void> };

export async function prepareRuntime(options: { migrate: boolean; seed: boolean }): Promise<Runtime> {
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
