import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Reads the catalog after every migration: a table or function added later without RLS,
// grants or a membership check fails here, whoever wrote it.
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

type TableRow = {
  name: string;
  rls: boolean;
  anon: boolean;
  staff_write: boolean;
  staff_read: boolean;
  policies: number;
};
type FunctionRow = {
  signature: string;
  anon: boolean;
  staff: boolean;
  definer: boolean;
  search_path_set: boolean;
  body: string;
};

async function tables(): Promise<TableRow[]> {
  const { rows } = await test.pool.query<TableRow>(`
    select c.relname as name, c.relrowsecurity as rls,
      has_table_privilege('anon', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') as anon,
      has_table_privilege('authenticated', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') as staff_write,
      (has_table_privilege('authenticated', c.oid, 'SELECT')
        or has_any_column_privilege('authenticated', c.oid, 'SELECT')) as staff_read,
      (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`);
  return rows;
}

async function functions(): Promise<FunctionRow[]> {
  const { rows } = await test.pool.query<FunctionRow>(`
    select p.oid::regprocedure::text as signature,
      has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
      has_function_privilege('authenticated', p.oid, 'EXECUTE') as staff,
      p.prosecdef as definer,
      coalesce(array_to_string(p.proconfig, ',') like '%search_path=%', false) as search_path_set,
      p.prosrc as body
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'internal') and p.prokind = 'f'
    order by 1`);
  return rows;
}

describe('isolation audit', () => {
  it('every table has row level security on and nothing granted to anon', async () => {
    const all = await tables();
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const table of all) {
      expect({ table: table.name, rls: table.rls, anon: table.anon }).toEqual({
        table: table.name,
        rls: true,
        anon: false,
      });
    }
  });

  it('staff never write tables directly, and what they may read is behind a policy', async () => {
    for (const table of await tables()) {
      expect({ table: table.name, staffWrite: table.staff_write }).toEqual({
        table: table.name,
        staffWrite: false,
      });
      if (table.staff_read)
        expect({ table: table.name, hasPolicy: table.policies > 0 }).toEqual({
          table: table.name,
          hasPolicy: true,
        });
    }
  });

  it('anon can execute no function of ours', async () => {
    const callable = (await functions()).filter((fn) => fn.anon).map((fn) => fn.signature);
    expect(callable).toEqual([]);
  });

  it('every SECURITY DEFINER function pins its search_path', async () => {
    const unpinned = (await functions())
      .filter((fn) => fn.definer && !fn.search_path_set)
      .map((fn) => fn.signature);
    expect(unpinned).toEqual([]);
  });

  it('every SECURITY DEFINER function staff can call checks membership itself', async () => {
    const unchecked = (await functions())
      .filter((fn) => fn.staff && fn.definer)
      // require_team_manager: the team page's check (owner/admin of that tenant, by auth.uid()).
      .filter((fn) => !/is_tenant_member|require_member|require_team_manager|auth\.uid\(\)/.test(fn.body))
      .map((fn) => fn.signature);
    expect(unchecked).toEqual([]);
  });

  it('operator (admin_*) functions are for the service role only', async () => {
    const exposed = (await functions())
      .filter((fn) => fn.signature.startsWith('admin_') && (fn.staff || fn.anon))
      .map((fn) => fn.signature);
    expect(exposed).toEqual([]);
  });
});
