import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { setDb } from '@/src/db/get-db';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { DbPort } from '@/src/db/rpc-port';

// A fresh database per test file, cloned from the migrated template: real PostgreSQL, real
// migrations, no state shared between files.

export type TestDatabase = {
  url: string;
  name: string;
  /** Superuser pool, for setting up and inspecting rows directly. */
  pool: pg.Pool;
  db: DbPort;
  drop: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(options: { installAsAppDb?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `inbox_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const pool = createPgPool(url, 10);
  const db = createPgPort(pool);
  if (options.installAsAppDb ?? true) setDb(db);
  return {
    url,
    name,
    pool,
    db,
    drop: async () => {
      setDb(undefined);
      await pool.end();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
