import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { isTransactionPoolerUrl } from './database-tls';

// Applies supabase/migrations in order and records them the way the Supabase CLI does
// (supabase_migrations.schema_migrations), so `supabase db push` and we agree on what ran.

const root = path.resolve(import.meta.dirname, '../..');
const migrationsDir = path.join(root, 'supabase/migrations');
const bootstrapFile = path.join(root, 'supabase/bootstrap/plain-postgres.sql');
const fileName = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export type MigrationFile = { version: string; name: string; sql: string };

export function listMigrations(dir = migrationsDir): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = fileName.exec(file);
      if (!match) throw new Error(`Migration file name must be <YYYYMMDDHHMMSS>_<name>.sql: ${file}`);
      return { version: match[1]!, name: match[2]!, sql: readFileSync(path.join(dir, file), 'utf8') };
    });
}

async function isSupabase(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query(
    "select exists (select 1 from pg_roles where rolname = 'supabase_admin') as yes",
  );
  return rows[0].yes === true;
}

// A database that ran migrations this folder no longer has (those squashed on 2026-12-07) would
// get the squashed files on top of the old ones: refuse, and say how to start over.
function assertNoUnknownVersions(done: Set<string>, migrations: MigrationFile[]): void {
  const known = new Set(migrations.map((migration) => migration.version));
  const unknown = [...done].filter((version) => !known.has(version)).sort();
  if (unknown.length === 0) return;
  throw new Error(
    `This database recorded migrations that are not in supabase/migrations (${unknown.join(', ')}); ` +
      'they were probably squashed (see supabase/migrations/README.md). A local database: run ' +
      '`npm run db:reset`. Nothing was applied.',
  );
}

// Supabase's transaction pooler (6543) hands each statement to any server connection: the
// session advisory lock below, and a migration's own session state, would not hold.
function assertSessionConnection(pool: pg.Pool): void {
  const options = pool.options as { connectionString?: string; port?: number };
  const onPooler =
    options.port === 6543 ||
    (options.connectionString !== undefined && isTransactionPoolerUrl(options.connectionString));
  if (!onPooler) return;
  throw new Error(
    'Migrations do not run through the transaction pooler (port 6543). Use the session pooler or the ' +
      'direct connection on port 5432 (same host and user; Supabase: Connect > Session pooler), e.g. ' +
      '`DATABASE_URL=<…:5432/postgres?sslmode=require> npm run db:migrate`, or `supabase db push`. Nothing was applied.',
  );
}

export async function migrate(pool: pg.Pool, dir = migrationsDir): Promise<{ applied: string[] }> {
  assertSessionConnection(pool);
  const client = await pool.connect();
  try {
    // One migrator at a time (two dev servers, parallel test workers).
    await client.query('select pg_advisory_lock(727274)');
    if (!(await isSupabase(client))) await client.query(readFileSync(bootstrapFile, 'utf8'));
    await client.query(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text);`);
    const { rows } = await client.query('select version from supabase_migrations.schema_migrations');
    const done = new Set(rows.map((row) => row.version as string));
    const migrations = listMigrations(dir);
    assertNoUnknownVersions(done, migrations);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
          [migration.version, [migration.sql], migration.name],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(
          `Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
        );
      }
      applied.push(`${migration.version}_${migration.name}`);
    }
    return { applied };
  } finally {
    await client.query('select pg_advisory_unlock(727274)').catch(() => {});
    client.release();
  }
}

/** Local only: drop everything our migrations made so they can run again from scratch. */
export async function resetDatabase(pool: pg.Pool): Promise<void> {
  await pool.query(`
    drop schema if exists public cascade;
    drop schema if exists internal cascade;
    drop schema if exists supabase_migrations cascade;
    create schema public;
    grant usage on schema public to public;`);
}
