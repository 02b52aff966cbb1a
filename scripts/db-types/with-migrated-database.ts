import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/src/db/embedded-postgres';
import { migrate } from '@/src/db/migrate';
import { freePort } from '../../tests/support/free-port';

// A throwaway database with every migration applied: in a database created (and dropped) on the
// given server, or else on a fresh embedded PostgreSQL in a temp dir, so no real data is touched.

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(adminUrl: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const name = `db_types_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, name), max: 1 });
    // Dropping the database may end a session the pool is still closing: nothing to report then.
    pool.on('error', () => {});
    try {
      await migrate(pool);
      return await use(pool);
    } finally {
      await pool.end();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function withMigratedDatabase<T>(
  adminUrl: string | undefined,
  use: (pool: pg.Pool) => Promise<T>,
): Promise<T> {
  if (adminUrl) return onServer(adminUrl, use);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inbox-db-types-'));
  chmodSync(dir, 0o755); // the server runs as the 'postgres' user when we are root
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    port: await freePort(),
    persistent: false,
  });
  try {
    return await onServer(server.connectionString, use);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
