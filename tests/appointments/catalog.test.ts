import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The settings' writes as staff call them (dashboard functions, RLS identity): admins and owners
// save, agents read, limits are 400s.

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'catalog-dental');
});
afterAll(() => test.drop());

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('branches, services, resources, closures from the dashboard', () => {
  it('saves and reads them; an agent reads but may not change them', async () => {
    const as = { as: owner.staff };
    const t = owner.tenantId;
    const branch = await test.db.rpc(
      'dashboard_save_branch',
      {
        p_tenant_id: t,
        p_branch_id: null,
        p_fields: {
          name: 'Polanco',
          timezone: 'America/Tijuana',
          weekly_hours: {
            mon: [
              ['09:00', '13:00'],
              ['15:00', '19:00'],
            ],
          },
          maps_url: 'https://maps.example/polanco',
          address: 'Av. Masaryk 1',
        },
      },
      as,
    );
    expect(branch).toMatchObject({
      name: 'Polanco',
      timezone: 'America/Tijuana',
      maps_url: 'https://maps.example/polanco',
    });
    const renamed = await test.db.rpc(
      'dashboard_save_branch',
      { p_tenant_id: t, p_branch_id: branch.id, p_fields: { name: 'Polanco Norte' } },
      as,
    );
    expect(renamed).toMatchObject({
      name: 'Polanco Norte',
      timezone: 'America/Tijuana',
      address: 'Av. Masaryk 1',
    });

    const service = await test.db.rpc(
      'dashboard_save_service',
      {
        p_tenant_id: t,
        p_service_id: null,
        p_fields: { name: 'Ortodoncia', duration_minutes: 60, price_min: 900, price_max: 1500.5 },
      },
      as,
    );
    expect(service).toMatchObject({
      price_min: 900,
      price_max: 1500.5,
      currency: 'MXN',
      branch_ids: [branch.id],
    });
    const resource = await test.db.rpc(
      'dashboard_save_resource',
      {
        p_tenant_id: t,
        p_resource_id: null,
        p_fields: { branch_id: branch.id, name: 'Sillón 1', kind: 'chair', service_ids: [service.id] },
      },
      as,
    );
    expect(resource).toMatchObject({
      kind: 'chair',
      capacity: 1,
      service_ids: [service.id],
      weekly_hours: null,
    });
    const closure = await test.db.rpc(
      'dashboard_add_closure',
      {
        p_tenant_id: t,
        p_fields: { branch_id: branch.id, date: '2030-12-24', until: '2030-12-25', reason: 'Navidad' },
      },
      as,
    );
    // Two whole local days in Tijuana (UTC−8 in December).
    expect(new Date(closure.starts_at).toISOString()).toBe('2030-12-24T08:00:00.000Z');
    expect(new Date(closure.ends_at).toISOString()).toBe('2030-12-26T08:00:00.000Z');

    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'catalog-dental',
      p_email: 'agent@catalog-dental.example',
      p_role: 'agent',
    });
    const asAgent = { as: staffIdentity(agent.user_id) };
    const seen = await test.db.rpc('dashboard_scheduling', { p_tenant_id: t }, asAgent);
    expect(seen.branches.map((b) => b.name)).toEqual(['Polanco Norte']);
    expect(seen.services.map((s) => s.name)).toEqual(['Ortodoncia']);
    expect(seen.resources.map((r) => r.name)).toEqual(['Sillón 1']);
    expect(seen.closures.map((c) => c.reason)).toEqual(['Navidad']);
    expect(
      await code(
        test.db.rpc(
          'dashboard_save_service',
          { p_tenant_id: t, p_service_id: service.id, p_fields: { name: 'X' } },
          asAgent,
        ),
      ),
    ).toBe('forbidden');

    expect(
      await test.db.rpc('dashboard_remove_closure', { p_tenant_id: t, p_closure_id: closure.id }, as),
    ).toEqual({ id: closure.id, removed: true });
  });

  it.each([
    ['unknown key', { name: 'A', secret: 1 }],
    ['unknown time zone', { name: 'A', timezone: 'America/Atlantis' }],
    [
      'hours out of order',
      {
        name: 'A',
        weekly_hours: {
          mon: [
            ['15:00', '19:00'],
            ['09:00', '13:00'],
          ],
        },
      },
    ],
    ['hours past midnight', { name: 'A', weekly_hours: { mon: [['22:00', '25:00']] } }],
    ['unknown day', { name: 'A', weekly_hours: { lun: [['09:00', '13:00']] } }],
    ['a maps link that is not https', { name: 'A', maps_url: 'javascript:alert(1)' }],
    ['a name too long', { name: 'x'.repeat(201) }],
  ])('refuses a branch with %s (400)', async (_what, fields) => {
    expect(
      await code(
        test.db.rpc(
          'dashboard_save_branch',
          { p_tenant_id: owner.tenantId, p_branch_id: null, p_fields: fields },
          { as: owner.staff },
        ),
      ),
    ).toBe('bad_request');
  });

  it('refuses a service price range upside down and a duration out of range', async () => {
    const save = (fields: Record<string, unknown>) =>
      code(
        test.db.rpc(
          'dashboard_save_service',
          { p_tenant_id: owner.tenantId, p_service_id: null, p_fields: fields },
          { as: owner.staff },
        ),
      );
    expect(await save({ name: 'B', duration_minutes: 30, price_min: 900, price_max: 100 })).toBe(
      'bad_request',
    );
    expect(await save({ name: 'B', duration_minutes: 721 })).toBe('bad_request');
    expect(await save({ name: 'B', duration_minutes: 30.5 })).toBe('bad_request');
    expect(await save({ name: 'B', duration_minutes: 30, price_min: 1.234 })).toBe('bad_request');
  });
});
