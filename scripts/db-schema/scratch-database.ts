import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/db/migrate';
import { runOnAdmin } from '../../tests/support/run-on-admin';

// A new database on a server we may create databases on, migrated from supabase/migrations.
// It gets an empty supabase_realtime publication first, as a Supabase project has, so the
// migrations' realtime membership shows (plain PostgreSQL has no such publication).

export type ScratchDatabase = { pool: pg.Pool; drop: () => Promise<void> };

export async function createMigratedDatabase(
  adminUrl: string,
  migrationsDir?: string,
): Promise<ScratchDatabase> {
  const name = `inbox_schema_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await runOnAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  const drop = async () => {
    await pool.end();
    await runOnAdmin(adminUrl, `drop database if exists ${name} with (force)`);
  };
  try {
    await pool.query('create publication supabase_realtime');
    await migrate(pool, migrationsDir);
  } catch (error) {
    await drop();
    throw error;
  }
  return { pool, drop };
}
