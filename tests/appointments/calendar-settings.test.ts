import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorCode, appErrorFields, appErrorReason } from '@/src/dashboard/app-error-code';
import { loadScheduling } from '@/src/dashboard/calendar/load-calendar';
import {
  addClosureSettings,
  parseDayHours,
  removeClosureSettings,
  saveBranchSettings,
  saveResourceSettings,
  saveServiceSettings,
} from '@/src/dashboard/calendar/settings-writes';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The calendar settings forms, as staff on the real database: an admin creates and changes
// branches, services, who attends and closed days; an agent and another tenant change nothing.

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let other: Awaited<ReturnType<typeof createTenantWithStaff>>;
let agent: ReturnType<typeof staffIdentity>;
let tenant: TenantContext;
let otherTenant: TenantContext;

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return { code: appErrorCode(error), reason: appErrorReason(error), fields: appErrorFields(error) };
}

const branchForm = {
  branchId: '',
  name: 'Sucursal Norte',
  address: 'Av. Reforma 10, CDMX',
  mapsUrl: 'https://maps.google.com/?q=Reforma+10',
  timezone: 'America/Mexico_City',
  'hours.mon': '09:00-14:00, 16:00-19:00',
  'hours.sat': '9:00-13:00',
};

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'set-a');
  other = await createTenantWithStaff(test, 'set-b');
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'set-a',
    p_email: 'agent@set-a.example',
    p_role: 'agent',
  });
  agent = staffIdentity(member.user_id);
  tenant = await resolveTenant(test.db, owner.staff, 'set-a');
  otherTenant = await resolveTenant(test.db, other.staff, 'set-b');
});
afterAll(() => test.drop());

describe('day hours as staff type them', () => {
  it('reads ranges, pads hours, and refuses overlaps and backwards ranges', () => {
    expect(parseDayHours('')).toEqual([]);
    expect(parseDayHours('16:00-19:00, 9:00-14:00')).toEqual([
      ['09:00', '14:00'],
      ['16:00', '19:00'],
    ]);
    expect(parseDayHours('09:00-14:00, 13:00-15:00')).toBeNull();
    expect(parseDayHours('14:00-09:00')).toBeNull();
    expect(parseDayHours('mañana')).toBeNull();
  });
});

describe('calendar settings', () => {
  it('an admin creates a branch, a service, someone who attends and a closed day, then changes them', async () => {
    const branch = await saveBranchSettings(test.db, owner.staff, tenant, branchForm);
    expect(branch).toMatchObject({
      name: 'Sucursal Norte',
      timezone: 'America/Mexico_City',
      weekly_hours: {
        mon: [
          ['09:00', '14:00'],
          ['16:00', '19:00'],
        ],
        sat: [['09:00', '13:00']],
        sun: [],
      },
    });
    const changed = await saveBranchSettings(test.db, owner.staff, tenant, {
      ...branchForm,
      branchId: branch.id,
      timezone: 'America/Tijuana',
      mapsUrl: '',
    });
    expect(changed).toMatchObject({ id: branch.id, timezone: 'America/Tijuana', maps_url: null });

    const service = await saveServiceSettings(test.db, owner.staff, tenant, {
      serviceId: '',
      name: 'Revisión',
      minutes: '30',
      buffer: '10',
      price: '450.50',
      active: 'on',
    });
    expect(service).toMatchObject({ duration_minutes: 30, buffer_minutes: 10, active: true });
    expect(Number(service.price_min)).toBe(450.5);
    const resource = await saveResourceSettings(test.db, owner.staff, tenant, {
      resourceId: '',
      branchId: branch.id,
      name: 'Dra. Paz',
      [`service.${service.id}`]: 'on',
      active: 'on',
    });
    expect(resource).toMatchObject({ branch_id: branch.id, service_ids: [service.id], active: true });
    const closure = await addClosureSettings(test.db, owner.staff, tenant, {
      branchId: branch.id,
      resourceId: resource.id,
      date: '2030-01-01',
      until: '2030-01-02',
      reason: 'Vacaciones',
    });
    const catalog = await loadScheduling(test.db, agent, tenant);
    expect(catalog.closures).toEqual([expect.objectContaining({ id: closure.id, resource_id: resource.id })]);
    // Midnight to midnight in Tijuana (UTC-8 in January), two days.
    expect(new Date(catalog.closures[0]!.starts_at).toISOString()).toBe('2030-01-01T08:00:00.000Z');
    expect(new Date(catalog.closures[0]!.ends_at).toISOString()).toBe('2030-01-03T08:00:00.000Z');
    expect(await removeClosureSettings(test.db, owner.staff, tenant, { closureId: closure.id })).toEqual({
      id: closure.id,
      removed: true,
    });
  });

  it('names the fields that do not parse, and a duplicate name in plain words', async () => {
    expect(
      await errorOf(
        saveBranchSettings(test.db, owner.staff, tenant, {
          ...branchForm,
          name: 'Otra',
          timezone: 'Marte/Olimpo',
          'hours.tue': '18:00-10:00',
        }),
      ),
    ).toMatchObject({ code: 'bad_request', fields: ['timezone'] });
    expect(
      await errorOf(
        saveBranchSettings(test.db, owner.staff, tenant, {
          ...branchForm,
          name: 'Otra',
          'hours.tue': '18:00-10:00',
        }),
      ),
    ).toMatchObject({ code: 'bad_request', fields: ['hours.tue'] });
    expect(
      await errorOf(
        saveServiceSettings(test.db, owner.staff, tenant, {
          serviceId: '',
          name: 'Revisión',
          minutes: '30',
          buffer: '',
          price: '',
        }),
      ),
    ).toMatchObject({ reason: 'duplicate' });
    expect(
      await errorOf(
        saveServiceSettings(test.db, owner.staff, tenant, {
          serviceId: '',
          name: 'X',
          minutes: 'media hora',
          buffer: '',
          price: 'caro',
        }),
      ),
    ).toMatchObject({ code: 'bad_request', fields: ['minutes', 'price'] });
  });

  it('an agent reads the settings but cannot change them; another tenant sees and changes nothing', async () => {
    const catalog = await loadScheduling(test.db, agent, tenant);
    const branch = catalog.branches[0]!;
    expect(
      (
        await errorOf(
          saveBranchSettings(test.db, agent, tenant, { ...branchForm, branchId: branch.id, name: 'Hack' }),
        )
      ).code,
    ).toBe('forbidden');
    expect((await loadScheduling(test.db, other.staff, otherTenant)).branches).toEqual([]);
    expect(
      (
        await errorOf(
          saveBranchSettings(test.db, other.staff, otherTenant, {
            ...branchForm,
            branchId: branch.id,
            name: 'Hack',
          }),
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await errorOf(
          addClosureSettings(test.db, other.staff, otherTenant, {
            branchId: branch.id,
            resourceId: '',
            date: '2030-02-01',
            until: '',
            reason: '',
          }),
        )
      ).code,
    ).toBe('not_found');
    await expect(loadScheduling(test.db, other.staff, tenant)).rejects.toThrow();
    const { rows } = await test.pool.query('select name from branches where id = $1', [branch.id]);
    expect(rows[0].name).toBe('Sucursal Norte');
  });
});
