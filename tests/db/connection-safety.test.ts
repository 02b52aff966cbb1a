import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/src/db/migrate';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// What keeps a deployed database safe to reach: TLS for anything not on this machine, a
// statement timeout per call, and migrations never through Supabase's transaction pooler.
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase({ installAsAppDb: false });
  await test.pool.query(`
    create function public.test_sleep(p_seconds float) returns jsonb language plpgsql as $$
    begin perform pg_sleep(p_seconds); return '{}'::jsonb; end $$;
    grant execute on function public.test_sleep(float) to service_role;`);
});
afterAll(async () => {
  await test.drop();
});

describe('database connections', () => {
  it('refuses a remote database without TLS before connecting', () => {
    expect(() => createPgPool('postgresql://postgres:pw@db.abcd.supabase.co:5432/postgres')).toThrow(
      /db\.abcd\.supabase\.co without TLS: add \?sslmode=require/,
    );
  });

  it('cancels a call that runs past the statement timeout and keeps the pool usable', async () => {
    const port = createPgPort(test.pool, { statementTimeoutMs: 100 });
    // @ts-expect-error a function this test created, unknown to the generated types
    await expect(port.rpc('test_sleep', { p_seconds: 5 })).rejects.toThrow(/statement timeout/);
    // @ts-expect-error as above
    await expect(port.rpc('test_sleep', { p_seconds: 0 })).resolves.toEqual({});
    const { rows } = await test.pool.query('show statement_timeout');
    expect(rows[0].statement_timeout).toBe('0');
  });

  it('migrates nothing through the transaction pooler (port 6543) and names the session port', async () => {
    const pooler = createPgPool('postgres://postgres:pw@127.0.0.1:6543/postgres', 1);
    try {
      await expect(migrate(pooler)).rejects.toThrow(/transaction pooler \(port 6543\).*port 5432/);
      expect(pooler.totalCount).toBe(0);
    } finally {
      await pooler.end();
    }
  });
});
