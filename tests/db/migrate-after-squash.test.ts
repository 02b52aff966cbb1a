import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '@/src/db/migrate';
import { runOnAdmin } from '../support/run-on-admin';

// A database migrated before the squash of 2026-12-07 records versions the folder no longer
// has: the migrator must refuse it (and point at db:reset) instead of applying the squash on top.
const adminUrl = inject('adminDatabaseUrl');
const name = `inbox_presquash_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
let pool: pg.Pool | undefined;

const admin = (sql: string) => runOnAdmin(adminUrl, sql);

afterAll(async () => {
  await pool?.end();
  await admin(`drop database if exists ${name} with (force)`);
});

describe('migrate on a database migrated before the squash', () => {
  it('refuses, names the unknown versions, tells to run npm run db:reset, and applies nothing', async () => {
    await admin(`create database ${name}`);
    pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    await pool.query(`
      create schema supabase_migrations;
      create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
      insert into supabase_migrations.schema_migrations (version, name)
        values ('20261122000100', 'core_schema'), ('20261204143000', 'ai_history_marks_deleted');`);

    await expect(migrate(pool)).rejects.toThrow(/20261122000100, 20261204143000.*npm run db:reset/);
    const { rows } = await pool.query(
      "select to_regclass('public.tenants') as tenants, (select count(*)::int from supabase_migrations.schema_migrations) as n",
    );
    expect(rows[0]).toEqual({ tenants: null, n: 2 });
  });
});
