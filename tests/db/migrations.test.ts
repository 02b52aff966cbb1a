import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { listMigrations, migrate } from '@/src/db/migrate';
import { runOnAdmin } from '../support/run-on-admin';

// Starts from an empty database (not the template) to prove the migrations stand on their own.
const adminUrl = inject('adminDatabaseUrl');
const name = `inbox_migrate_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
let pool: pg.Pool;

const admin = (sql: string) => runOnAdmin(adminUrl, sql);

afterAll(async () => {
  await pool?.end();
  await admin(`drop database if exists ${name} with (force)`);
});

describe('migrations', () => {
  it('use Supabase CLI file names', () => {
    const migrations = listMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) expect(migration.version).toMatch(/^\d{14}$/);
  });

  it('apply on an empty database, are recorded like the Supabase CLI, and a second run is a no-op', async () => {
    await admin(`create database ${name}`);
    pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    const first = await migrate(pool);
    expect(first.applied).toEqual(listMigrations().map((m) => `${m.version}_${m.name}`));
    const { rows } = await pool.query(
      'select version, name, statements from supabase_migrations.schema_migrations order by version',
    );
    expect(rows.map((row) => row.version)).toEqual(listMigrations().map((m) => m.version));
    expect(rows[0].statements[0]).toContain('create table public.tenants');

    const second = await migrate(pool);
    expect(second.applied).toEqual([]);
    const again = await pool.query('select count(*)::int as n from supabase_migrations.schema_migrations');
    expect(again.rows[0].n).toBe(rows.length);
  });

  it('leave row level security on for every table in public', async () => {
    const { rows } = await pool.query(`
      select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const row of rows)
      expect({ table: row.relname, rls: row.relrowsecurity }).toEqual({ table: row.relname, rls: true });
  });

  it('create the roles and auth helpers Supabase provides', async () => {
    const roles = await pool.query(
      "select rolname, rolbypassrls from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by rolname",
    );
    expect(roles.rows).toEqual([
      { rolname: 'anon', rolbypassrls: false },
      { rolname: 'authenticated', rolbypassrls: false },
      { rolname: 'service_role', rolbypassrls: true },
    ]);
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `select set_config('request.jwt.claims', '{"sub":"6f1c1a52-8d8f-4d0c-9a53-2f7f3f0c1a11","role":"authenticated"}', true)`,
      );
      const { rows } = await client.query("select auth.uid() as uid, auth.jwt() ->> 'role' as role");
      expect(rows[0]).toEqual({ uid: '6f1c1a52-8d8f-4d0c-9a53-2f7f3f0c1a11', role: 'authenticated' });
      await client.query('rollback');
    } finally {
      client.release();
    }
  });
});
