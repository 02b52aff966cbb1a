import type pg from 'pg';

// Runs SQL the way PostgREST / Realtime would for a request: as role anon or authenticated
// with the given JWT claims, inside a transaction that is rolled back.
export async function queryAs<T extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: pg.Pool,
  who: { role: 'anon' } | { role: 'authenticated'; claims: Record<string, unknown> },
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const claims = who.role === 'anon' ? { role: 'anon' } : who.claims;
    await client.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
      who.role,
      JSON.stringify(claims),
    ]);
    const result = await client.query<T>(sql, params);
    return result.rows;
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}
