import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// `contacts import` as an operator runs it: a real process, dry run first, then the import.
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.rpc('admin_create_tenant', { p_slug: 'clinica-cli', p_name: 'Clínica CLI' });
});
afterAll(() => test.drop());

describe('contacts import CLI', { timeout: 120_000 }, () => {
  it('dry-runs, imports, and re-imports with nothing to change', async () => {
    const file = 'tests/fixtures/contacts/vambe-export.csv';
    const dry = await runCli(test.url, [
      'contacts',
      'import',
      '--tenant',
      'clinica-cli',
      '--file',
      file,
      '--dry-run',
      '--json',
    ]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      created: 4,
      errors: [{ row: 7 }, { row: 8 }],
    });
    const { rows: none } = await test.pool.query('select count(*)::int as n from leads');
    expect(none[0].n).toBe(0);

    const applied = await runCli(test.url, ['contacts', 'import', '--tenant', 'clinica-cli', '--file', file]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Imported: 7 row(s), 4 contact(s) (1 duplicate row(s) merged)');
    expect(applied.stdout).toContain('row 8: invalid_phone (12-34)');
    const { rows } = await test.pool.query(
      "select count(*)::int as n from leads where import_origin ->> 'file_name' = 'vambe-export.csv'",
    );
    expect(rows[0].n).toBe(4);

    const mapped = await runCli(test.url, [
      'contacts',
      'import',
      '--tenant',
      'clinica-cli',
      '--file',
      file,
      '--mapping',
      'phone=Phone,name=1',
      '--json',
    ]);
    expect(JSON.parse(mapped.stdout)).toMatchObject({
      created: 0,
      unchanged: 3,
      mapping: { phone: 1, name: 0 },
    });

    const wrong = await runCli(test.url, [
      'contacts',
      'import',
      '--tenant',
      'clinica-cli',
      '--file',
      file,
      '--mapping',
      'telefono=Phone',
    ]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('Unknown field "telefono"');
  });
});
