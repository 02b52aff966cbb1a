import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { DbPort } from '@/src/db/rpc-port';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let test: TestDatabase;
let singleConnection: DbPort;

beforeAll(async () => {
  test = await createTestDatabase();
  singleConnection = createPgPort(createPgPool(test.url, 1));
});
afterAll(async () => {
  await singleConnection.close();
  await test.drop();
});

describe('node-postgres rpc port', () => {
  it('passes text, numbers, null, arrays and objects as named arguments, byte for byte', async () => {
    await createTenantWithStaff(test, 'types-tenant');
    const tricky = 'O\'Brien \\ "quoted" $$ -- ; drop table tenants; 🦷 ñ';
    const settings = await test.db.rpc('admin_update_ai_context', {
      p_tenant_slug: 'types-tenant',
      p_patch: {
        system_prompt: tricky,
        max_tokens: 321,
        temperature: 0.25,
        auto_escalate_after_messages: null,
        escalation_keywords: ['queja', "it's urgent"],
        knowledge: { services: [{ name: 'Limpieza', price: 'MXN 800' }], faqs: [] },
      },
    });
    expect(settings).toMatchObject({
      system_prompt: tricky,
      max_tokens: 321,
      temperature: 0.25,
      auto_escalate_after_messages: null,
      escalation_keywords: ['queja', "it's urgent"],
      knowledge: { services: [{ name: 'Limpieza', price: 'MXN 800' }], faqs: [] },
    });
    const { rows } = await test.pool.query('select count(*)::int as n from tenants');
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('maps SQLSTATE PTnnn raised by our functions to error codes', async () => {
    await expect(test.db.rpc('admin_get_tenant', { p_slug: 'missing' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'tenant missing not found',
    });
    await createTenantWithStaff(test, 'dup-tenant');
    await expect(
      test.db.rpc('admin_create_tenant', { p_slug: 'dup-tenant', p_name: 'Again' }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps a pooled connection usable after errors, and the role does not leak between calls', async () => {
    const { staff } = await createTenantWithStaff(test, 'pool-tenant');
    for (let i = 0; i < 3; i++) {
      await expect(singleConnection.rpc('admin_get_tenant', { p_slug: 'missing' })).rejects.toMatchObject({
        code: 'not_found',
      });
    }
    // A staff call, then a service call on the same single connection.
    const mine = await singleConnection.rpc('my_tenants', {}, { as: staff });
    expect(mine).toHaveLength(1);
    await expect(
      singleConnection.rpc('admin_get_tenant', { p_slug: 'pool-tenant' }, { as: staff }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const tenant = await singleConnection.rpc('admin_get_tenant', {
      p_slug: 'pool-tenant',
    });
    expect(tenant.slug).toBe('pool-tenant');
  });

  it('refuses names that are not plain identifiers before reaching the database', async () => {
    // @ts-expect-error not a function name: the runtime check must refuse it too
    await expect(test.db.rpc('tenants; drop table tenants', {})).rejects.toThrow(/Invalid SQL identifier/);
    // @ts-expect-error not an argument name: the runtime check must refuse it too
    await expect(test.db.rpc('my_tenants', { 'x) or (1=1': 1 })).rejects.toThrow(/Invalid SQL identifier/);
  });

  it('rejects non-finite numbers as bad requests', async () => {
    await expect(
      test.db.rpc('admin_update_ai_context', { p_tenant_slug: 'types-tenant', p_patch: Number.NaN }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('binds a JS array to a Postgres array parameter as PostgREST does, and to jsonb as JSON', async () => {
    const { tenantId } = await createTenantWithStaff(test, 'array-tenant');
    await test.pool.query(
      "insert into jobs (tenant_id, job_type) values ($1, 'alpha_job'), ($1, 'beta_job'), ($1, 'gamma_job')",
      [tenantId],
    );
    // claim_jobs takes p_job_types text[]; the strings carry quotes and commas on purpose.
    const claimed = await test.db.rpc('claim_jobs', {
      p_worker: 'array-test',
      p_limit: 10,
      p_lease_seconds: 30,
      p_tenant_id: tenantId,
      p_job_types: ['alpha_job', 'gamma_job', 'x\',"y{z}'],
    });
    expect(claimed.map((job) => job.job_type).sort()).toEqual(['alpha_job', 'gamma_job']);
    const none = await test.db.rpc('claim_jobs', {
      p_worker: 'array-test',
      p_limit: 10,
      p_lease_seconds: 30,
      p_tenant_id: tenantId,
      p_job_types: [],
    });
    expect(none).toEqual([]);
  });
});
