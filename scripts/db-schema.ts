import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { freePort } from '../tests/support/free-port';
import { generateSchemaFiles } from './db-schema/generate-schema';
import { schemasDir, writeSchemaFiles } from './db-schema/schema-files';
import { createMigratedDatabase } from './db-schema/scratch-database';

// npm run db:schema [-- --admin-url postgres://…]: migrates a fresh database from
// supabase/migrations and writes supabase/schemas/<area>.sql from it. Without an admin URL (or
// TEST_DATABASE_URL) it starts a throwaway embedded PostgreSQL in a temp folder.

function adminUrlArgument(): string | undefined {
  const at = process.argv.indexOf('--admin-url');
  return at >= 0 ? process.argv[at + 1] : process.env.TEST_DATABASE_URL;
}

async function withAdminUrl<T>(run: (adminUrl: string) => Promise<T>): Promise<T> {
  const given = adminUrlArgument();
  if (given) return run(given);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inbox-schema-pg-'));
  chmodSync(dir, 0o755); // the server runs as the 'postgres' user when we are root
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port: await freePort(),
      persistent: false,
    });
    try {
      return await run(server.connectionString);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const files = await withAdminUrl(async (adminUrl) => {
  const database = await createMigratedDatabase(adminUrl);
  try {
    const client = await database.pool.connect();
    try {
      return await generateSchemaFiles(client);
    } finally {
      client.release();
    }
  } finally {
    await database.drop();
  }
});
writeSchemaFiles(files);
console.log(`wrote ${files.size} files to ${path.relative(process.cwd(), schemasDir)}`);
