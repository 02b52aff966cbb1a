import pg from 'pg';

/** One statement on the server's admin database (create/drop database), on its own connection. */
export async function runOnAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
