import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createLead, createScheduling, everyDay } from './scheduling-fixture';

// Slot search in the branch's time zone, on the real database. The 2026 daylight-saving days of
// Tijuana are in the past, so those cases call the search's core with a fixed "now" (the
// public functions pass now()); Mexico City's cases go through the staff function itself.

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

type Slot = { starts_at: Date; resource_id: string };

/** The core search as of 1 January 2026, every start of every resource. */
async function slotsAsOfJanuary(
  tenantId: string,
  serviceId: string,
  from: string,
  days: number,
  step: number,
): Promise<Slot[]> {
  const { rows } = await test.pool.query<Slot>(
    `select starts_at, resource_id from internal.sched_free_slots($1, $2, null, null, $3::date, $4, 1, null, null, $5,
       '2026-01-01T00:00:00Z', null, null, false) order by starts_at`,
    [tenantId, serviceId, from, days, step],
  );
  return rows;
}

const iso = (slot: Slot) => slot.starts_at.toISOString();
/** "YYYY-MM-DD HH:MM" on the wall clock of a zone, by Node's own time zone data (not PostgreSQL's). */
const wallClock = (slot: Slot, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
    slot.starts_at,
  );

describe('America/Tijuana (daylight saving: 8 March and 1 November 2026)', () => {
  it('opens at 09:00 local on both sides of each change', async () => {
    const tj = await createScheduling(test, {
      slug: 'tj-dental',
      timezone: 'America/Tijuana',
      hours: everyDay('09:00', '19:00'),
      services: [{ name: 'Limpieza', minutes: 60 }],
      resources: [{ name: 'Dra. Ruiz', services: ['Limpieza'] }],
    });
    const tz = 'America/Tijuana';
    const march = await slotsAsOfJanuary(tj.tenantId, tj.services.Limpieza!, '2026-03-07', 2, 60);
    const hours = ['09', '10', '11', '12', '13', '14', '15', '16', '17', '18'].map((h) => `${h}:00`);
    expect(march.map((slot) => wallClock(slot, tz))).toEqual([
      ...hours.map((h) => `2026-03-07 ${h}`),
      ...hours.map((h) => `2026-03-08 ${h}`),
    ]);
    // Saturday 7 March: PST (UTC−8); Sunday 8 March: PDT (UTC−7).
    expect(iso(march[0]!)).toBe('2026-03-07T17:00:00.000Z');
    expect(iso(march[10]!)).toBe('2026-03-08T16:00:00.000Z');

    const november = await slotsAsOfJanuary(tj.tenantId, tj.services.Limpieza!, '2026-10-31', 2, 60);
    expect(november.map((slot) => wallClock(slot, tz))).toEqual([
      ...hours.map((h) => `2026-10-31 ${h}`),
      ...hours.map((h) => `2026-11-01 ${h}`),
    ]);
    // Saturday 31 October: PDT; Sunday 1 November: PST again.
    expect(iso(november[0]!)).toBe('2026-10-31T16:00:00.000Z');
    expect(iso(november[10]!)).toBe('2026-11-01T17:00:00.000Z');
  });

  it('loses no hour and repeats none across the jump when open around the clock', async () => {
    const night = await createScheduling(test, {
      slug: 'tj-urgencias',
      timezone: 'America/Tijuana',
      hours: everyDay('00:00', '24:00'),
      services: [{ name: 'Urgencia', minutes: 30 }],
      resources: [{ name: 'Guardia', services: ['Urgencia'] }],
    });
    const check = (slots: Slot[], expectedHours: number) => {
      const times = slots.map((s) => s.starts_at.getTime());
      expect(new Set(times).size).toBe(times.length);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBe(30 * 60_000);
      expect(times.length).toBe(expectedHours * 2);
    };
    // 8 March 2026 has 23 hours of wall clock in Tijuana (02:00 → 03:00), 1 November 25.
    const spring = await slotsAsOfJanuary(night.tenantId, night.services.Urgencia!, '2026-03-08', 1, 30);
    check(spring, 23);
    expect(iso(spring[0]!)).toBe('2026-03-08T08:00:00.000Z');
    expect(iso(spring.at(-1)!)).toBe('2026-03-09T06:30:00.000Z');
    const { rows: local } = await test.pool.query<{ t: string }>(
      "select to_char(x at time zone 'America/Tijuana', 'HH24:MI') as t from unnest($1::timestamptz[]) x",
      [spring.map((s) => s.starts_at)],
    );
    expect(local.map((row) => row.t)).not.toContain('02:00');
    expect(local.map((row) => row.t)).toContain('03:00');
    const autumn = await slotsAsOfJanuary(night.tenantId, night.services.Urgencia!, '2026-11-01', 1, 30);
    check(autumn, 25);
    expect(iso(autumn[0]!)).toBe('2026-11-01T07:00:00.000Z');
    expect(iso(autumn.at(-1)!)).toBe('2026-11-02T07:30:00.000Z');
  });
});

describe('America/Mexico_City (no daylight saving since 2022)', () => {
  it('keeps UTC−6 all year, where daylight saving used to start and end', async () => {
    const mx = await createScheduling(test, {
      slug: 'mx-dental',
      timezone: 'America/Mexico_City',
      hours: everyDay('09:00', '19:00'),
      services: [{ name: 'Limpieza', minutes: 60 }],
      resources: [{ name: 'Dr. Soto', services: ['Limpieza'] }],
    });
    // The first Sunday of April and the last of October, the old changes.
    for (const day of ['2026-04-04', '2026-10-24']) {
      const slots = await slotsAsOfJanuary(mx.tenantId, mx.services.Limpieza!, day, 2, 60);
      expect(slots.length).toBe(20);
      expect(slots.map((slot) => wallClock(slot, 'America/Mexico_City').slice(11))).toEqual(
        [...Array(2)].flatMap(() =>
          ['09', '10', '11', '12', '13', '14', '15', '16', '17', '18'].map((h) => `${h}:00`),
        ),
      );
      expect(iso(slots[0]!)).toBe(`${day}T15:00:00.000Z`);
      expect(iso(slots[10]!).slice(11)).toBe('15:00:00.000Z');
    }
  });

  it('through the staff function: weekly hours ∩ resource schedule − closures − time off − appointments with buffers', async () => {
    const owner = await createTenantWithStaff(test, 'mx-clinica');
    await test.db.rpc('admin_save_branch', {
      p_tenant_slug: 'mx-clinica',
      p_fields: {
        name: 'Roma',
        timezone: 'America/Mexico_City',
        weekly_hours: {
          mon: [
            ['09:00', '14:00'],
            ['16:00', '19:00'],
          ],
          tue: [['09:00', '14:00']],
        },
      },
    });
    await test.db.rpc('admin_save_service', {
      p_tenant_slug: 'mx-clinica',
      p_fields: { name: 'Consulta', duration_minutes: 45, buffer_minutes: 15 },
    });
    const ana = await test.db.rpc('admin_save_resource', {
      p_tenant_slug: 'mx-clinica',
      p_fields: {
        branch: 'Roma',
        name: 'Dra. Ana',
        services: ['Consulta'],
        weekly_hours: { mon: [['10:00', '13:00']] },
      },
    });
    const as = { as: owner.staff };
    // The next Monday at least a week away, in Mexico City.
    const { rows } = await test.pool.query<{ monday: string }>(
      "select to_char(d + ((8 - extract(isodow from d)::int) % 7) * interval '1 day', 'YYYY-MM-DD') as monday from (select (now() at time zone 'America/Mexico_City')::date + 7 as d) x",
    );
    const monday = rows[0]!.monday;
    const search = () =>
      test.db.rpc(
        'dashboard_appointment_slots',
        {
          p_tenant_id: owner.tenantId,
          p_query: { service_id: consultaId, from: monday, days: 2, step_minutes: 15, limit: 100 },
        },
        as,
      );
    const consultaId = (await test.db.rpc('dashboard_scheduling', { p_tenant_id: owner.tenantId }, as))
      .services[0]!.id;
    const local = async () => (await search()).slots.map((slot) => slot.local_start.slice(11));
    // Her hours (10:00-13:00 on Mondays, none on Tuesdays) inside the branch's: 45-minute visits.
    expect(await local()).toEqual([
      '10:00',
      '10:15',
      '10:30',
      '10:45',
      '11:00',
      '11:15',
      '11:30',
      '11:45',
      '12:00',
      '12:15',
    ]);

    await test.db.rpc(
      'dashboard_add_closure',
      {
        p_tenant_id: owner.tenantId,
        p_fields: {
          branch_id: ana.branch_id,
          resource_id: ana.id,
          starts_at: `${monday}T10:00:00-06:00`,
          ends_at: `${monday}T11:00:00-06:00`,
          reason: 'Dentista',
        },
      },
      as,
    );
    expect(await local()).toEqual(['11:00', '11:15', '11:30', '11:45', '12:00', '12:15']);

    const lead = await createLead(test, owner.tenantId, 'Paciente');
    const booked = await test.db.rpc(
      'dashboard_book_appointment',
      {
        p_tenant_id: owner.tenantId,
        p_booking: { lead_id: lead, service_id: consultaId, local_start: `${monday}T11:30` },
      },
      as,
    );
    expect(booked.outcome).toBe('booked');
    // 11:30-12:15 plus 15 minutes of buffer: nothing may start between 10:45 and 12:30.
    expect(await local()).toEqual([]);
    await test.db.rpc(
      'dashboard_add_closure',
      {
        p_tenant_id: owner.tenantId,
        p_fields: { branch_id: ana.branch_id, date: monday, reason: 'Feriado' },
      },
      as,
    );
    expect((await search()).slots).toEqual([]);
  });

  it('filters by preferred days and times of day', async () => {
    const mx = await createScheduling(test, {
      slug: 'mx-preferencias',
      timezone: 'America/Mexico_City',
      hours: everyDay('09:00', '19:00'),
      services: [{ name: 'Limpieza', minutes: 60 }],
      resources: [
        { name: 'Dr. Soto', services: ['Limpieza'] },
        { name: 'Dra. Vega', services: ['Limpieza'] },
      ],
    });
    const result = await test.db.rpc('appointment_slots', {
      p_tenant_id: mx.tenantId,
      p_query: {
        service_id: mx.services.Limpieza!,
        days: 14,
        weekdays: ['sat'],
        times: [['17:00', '19:00']],
        step_minutes: 60,
        limit: 10,
      },
    });
    expect(result.slots.length).toBeGreaterThan(0);
    for (const slot of result.slots) {
      expect(slot.weekday).toBe('sat');
      expect(['17:00', '18:00']).toContain(slot.local_start.slice(11));
    }
    // One row per start unless per_resource: two dentists, still one 17:00 per Saturday.
    expect(new Set(result.slots.map((slot) => slot.starts_at)).size).toBe(result.slots.length);
  });
});
