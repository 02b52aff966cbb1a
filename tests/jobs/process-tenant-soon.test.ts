import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/src/db/get-db';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { processTenantSoon } from '@/src/jobs/process-tenant-soon';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countingHandler, insertJobs } from './job-fixtures';

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('processTenantSoon (the after() path)', () => {
  it("drains only that tenant's due jobs", async () => {
    const a = await createTenantWithStaff(test, 'soon-a');
    const b = await createTenantWithStaff(test, 'soon-b');
    const mine = await insertJobs(test.pool, 5, { tenantId: a.tenantId });
    await insertJobs(test.pool, 4, { tenantId: b.tenantId });
    const { handler, runs } = countingHandler();
    await processTenantSoon(a.tenantId, { handlers: [handler] });
    expect(new Set(runs.keys())).toEqual(new Set(mine));
    const { rows } = await test.pool.query(
      'select t.slug, j.status, count(*)::int as n from public.jobs j join public.tenants t on t.id = j.tenant_id group by 1, 2 order by 1',
    );
    expect(rows).toEqual([
      { slug: 'soon-a', status: 'completed', n: 5 },
      { slug: 'soon-b', status: 'pending', n: 4 },
    ]);
  });

  it('never throws into the webhook route: a broken database is logged and the jobs wait for the sweep', async () => {
    const broken = createPgPort(createPgPool('postgres://nobody:nothing@127.0.0.1:1/none', 1));
    setDb(broken);
    try {
      await expect(processTenantSoon('00000000-0000-0000-0000-000000000000')).resolves.toBeUndefined();
    } finally {
      setDb(test.db);
      await broken.close();
    }
  });
});
