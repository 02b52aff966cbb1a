import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createLead, createScheduling, everyDay, type Scheduling } from './scheduling-fixture';

// Booking, moving and cancelling through the SQL functions, on the real database: parallel
// bookings of one slot, capacity resources, one lead against another's appointment, tenants.

let test: TestDatabase;
let clinic: Scheduling;
beforeAll(async () => {
  test = await createTestDatabase();
  clinic = await createScheduling(test, {
    slug: 'booking-dental',
    timezone: 'America/Mexico_City',
    hours: everyDay('09:00', '19:00'),
    services: [{ name: 'Limpieza', minutes: 45, buffer: 15 }],
    resources: [{ name: 'Dra. Ruiz', services: ['Limpieza'] }],
  });
});
afterAll(() => test.drop());

async function firstFreeSlot(tenantId: string, serviceId: string, extra: Record<string, unknown> = {}) {
  const found = await test.db.rpc('appointment_slots', {
    p_tenant_id: tenantId,
    p_query: { service_id: serviceId, days: 14, limit: 1, ...extra },
  });
  expect(found.slots.length).toBe(1);
  return found.slots[0]!;
}

/** Each call on its own connection, all sent at once. */
async function inParallel(calls: Array<{ sql: string; params: unknown[] }>): Promise<unknown[]> {
  const clients = calls.map(() => new pg.Client({ connectionString: test.url }));
  await Promise.all(clients.map((client) => client.connect()));
  try {
    const results = await Promise.all(calls.map((call, i) => clients[i]!.query(call.sql, call.params)));
    return results.map((result) => Object.values(result.rows[0])[0]);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

describe('booking one slot', () => {
  it('20 parallel bookings from separate connections: exactly one appointment, 19 "taken" with next slots', async () => {
    const slot = await firstFreeSlot(clinic.tenantId, clinic.services.Limpieza!);
    const leads = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createLead(test, clinic.tenantId, `Cliente ${i}`)),
    );
    const answers = (await inParallel(
      leads.map((lead) => ({
        sql: 'select public.appointment_book_for_lead($1, $2, $3)',
        params: [clinic.tenantId, lead, { service_id: clinic.services.Limpieza, starts_at: slot.starts_at }],
      })),
    )) as Array<{ outcome: string; next_slots?: Array<{ starts_at: string }> }>;
    expect(answers.filter((a) => a.outcome === 'booked').length).toBe(1);
    const taken = answers.filter((a) => a.outcome === 'taken');
    expect(taken.length).toBe(19);
    for (const answer of taken) {
      expect(answer.next_slots!.length).toBeGreaterThan(0);
      expect(answer.next_slots!.map((s) => s.starts_at)).not.toContain(slot.starts_at);
    }
    const { rows } = await test.pool.query(
      "select count(*)::int as n from appointments where tenant_id = $1 and lower(period) = $2 and status in ('requested', 'confirmed')",
      [clinic.tenantId, slot.starts_at],
    );
    expect(rows[0].n).toBe(1);
  });

  it('the constraint refuses an overlapping live appointment written directly (buffer included)', async () => {
    const lead = await createLead(test, clinic.tenantId, 'Directo');
    const slot = await firstFreeSlot(clinic.tenantId, clinic.services.Limpieza!);
    const booked = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: lead,
      p_booking: { service_id: clinic.services.Limpieza!, starts_at: slot.starts_at },
    });
    expect(booked.outcome).toBe('booked');
    // Starts in the 15 minutes of buffer after the booked 45.
    const error = await test.pool
      .query(
        `insert into appointments (tenant_id, lead_id, branch_id, service_id, resource_id, period, blocked, source)
         values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz + interval '50 minutes', $6::timestamptz + interval '95 minutes'),
                 tstzrange($6::timestamptz + interval '50 minutes', $6::timestamptz + interval '95 minutes'), 'api')`,
        [
          clinic.tenantId,
          lead,
          clinic.branchId,
          clinic.services.Limpieza,
          clinic.resources['Dra. Ruiz'],
          slot.starts_at,
        ],
      )
      .catch((e: { code?: string }) => e.code);
    expect(error).toBe('23P01');
  });

  it('answers "unavailable" outside the hours and refuses bad input with a 400', async () => {
    const lead = await createLead(test, clinic.tenantId, 'Noctámbulo');
    const night = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: lead,
      p_booking: { service_id: clinic.services.Limpieza!, local_start: '2030-01-07T23:00' },
    });
    expect(night).toMatchObject({ outcome: 'unavailable' });
    const bad = await test.db
      .rpc('appointment_book_for_lead', {
        p_tenant_id: clinic.tenantId,
        p_lead_id: lead,
        p_booking: { service_id: clinic.services.Limpieza!, starts_at: 'mañana a las 10' },
      })
      .catch((e: { code?: string }) => e.code);
    expect(bad).toBe('bad_request');
  });
});

describe('capacity resources', () => {
  it('a resource of capacity 2 (two four-seat tables) takes two parties at once, not three; seats limit a party', async () => {
    const place = await createScheduling(test, {
      slug: 'booking-restaurante',
      timezone: 'America/Mexico_City',
      hours: everyDay('13:00', '23:00'),
      services: [{ name: 'Comida', minutes: 90 }],
      resources: [{ name: 'Mesas para 4', services: ['Comida'], kind: 'table', capacity: 2, seats: 4 }],
    });
    const slot = await firstFreeSlot(place.tenantId, place.services.Comida!, { party_size: 3 });
    const leads = await Promise.all([1, 2, 3].map((i) => createLead(test, place.tenantId, `Mesa ${i}`)));
    const answers = (await inParallel(
      leads.map((lead) => ({
        sql: 'select public.appointment_book_for_lead($1, $2, $3)',
        params: [
          place.tenantId,
          lead,
          { service_id: place.services.Comida, starts_at: slot.starts_at, party_size: 3 },
        ],
      })),
    )) as Array<{ outcome: string; appointment?: { unit: number } }>;
    const booked = answers.filter((a) => a.outcome === 'booked');
    expect(booked.map((a) => a.appointment!.unit).sort()).toEqual([1, 2]);
    expect(answers.filter((a) => a.outcome === 'taken').length).toBe(1);
    // Still offered half an hour later? No: both tables are busy for 90 minutes.
    const later = await test.db.rpc('appointment_slots', {
      p_tenant_id: place.tenantId,
      p_query: {
        service_id: place.services.Comida!,
        from: slot.local_start.slice(0, 10),
        days: 1,
        limit: 100,
      },
    });
    const starts = later.slots.map((s) => new Date(s.starts_at).getTime());
    const t0 = new Date(slot.starts_at).getTime();
    expect(starts.filter((t) => t > t0 - 90 * 60_000 && t < t0 + 90 * 60_000)).toEqual([]);

    const big = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: place.tenantId,
      p_lead_id: leads[2]!,
      p_booking: { service_id: place.services.Comida!, starts_at: slot.ends_at, party_size: 6 },
    });
    expect(big.outcome).toBe('unavailable');
  });
});

describe('one lead, another lead’s appointment', () => {
  it('cannot see, move, confirm or cancel it: the same answer as an id that does not exist', async () => {
    const ana = await createLead(test, clinic.tenantId, 'Ana');
    const beto = await createLead(test, clinic.tenantId, 'Beto');
    const slot = await firstFreeSlot(clinic.tenantId, clinic.services.Limpieza!);
    const booked = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: ana,
      p_booking: { service_id: clinic.services.Limpieza!, starts_at: slot.starts_at },
    });
    if (booked.outcome !== 'booked') throw new Error(booked.outcome);
    const id = booked.appointment.id;
    const nobody = '00000000-0000-4000-8000-000000000000';
    const other = await firstFreeSlot(clinic.tenantId, clinic.services.Limpieza!);
    for (const appointment of [id, nobody]) {
      const args = { p_tenant_id: clinic.tenantId, p_lead_id: beto, p_appointment_id: appointment };
      expect(await test.db.rpc('appointment_cancel_for_lead', { ...args, p_reason: 'no' })).toEqual({
        outcome: 'not_found',
      });
      expect(await test.db.rpc('appointment_confirm_for_lead', args)).toEqual({ outcome: 'not_found' });
      expect(
        await test.db.rpc('appointment_reschedule_for_lead', {
          ...args,
          p_change: { starts_at: other.starts_at },
        }),
      ).toEqual({ outcome: 'not_found' });
    }
    expect(
      await test.db.rpc('appointment_list_for_lead', { p_tenant_id: clinic.tenantId, p_lead_id: beto }),
    ).toEqual([]);
    const anas = await test.db.rpc('appointment_list_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: ana,
    });
    expect(anas.map((a) => [a.id, a.status, a.starts_at])).toEqual([
      [id, 'requested', booked.appointment.starts_at],
    ]);

    // Ana herself: move, confirm twice (idempotent), cancel; the history says so.
    const moved = await test.db.rpc('appointment_reschedule_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: ana,
      p_appointment_id: id,
      p_change: { starts_at: other.starts_at },
    });
    expect(moved.outcome).toBe('rescheduled');
    const confirm = { p_tenant_id: clinic.tenantId, p_lead_id: ana, p_appointment_id: id };
    expect((await test.db.rpc('appointment_confirm_for_lead', confirm)).outcome).toBe('updated');
    expect((await test.db.rpc('appointment_confirm_for_lead', confirm)).outcome).toBe('unchanged');
    expect(
      (await test.db.rpc('appointment_cancel_for_lead', { ...confirm, p_reason: 'viaje' })).outcome,
    ).toBe('updated');
    expect((await test.db.rpc('appointment_confirm_for_lead', confirm)).outcome).toBe('not_allowed');
    const { rows } = await test.pool.query(
      'select action, source from appointment_events where appointment_id = $1 order by id',
      [id],
    );
    expect(rows).toEqual([
      { action: 'created', source: 'ai' },
      { action: 'rescheduled', source: 'ai' },
      { action: 'confirmed', source: 'ai' },
      { action: 'cancelled', source: 'ai' },
    ]);
    // The cancelled slot is free again.
    const again = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: beto,
      p_booking: { service_id: clinic.services.Limpieza!, starts_at: other.starts_at },
    });
    expect(again.outcome).toBe('booked');
  });

  it('a reschedule onto a taken slot answers taken and leaves the appointment where it was', async () => {
    const [carla, dani] = await Promise.all([
      createLead(test, clinic.tenantId, 'Carla'),
      createLead(test, clinic.tenantId, 'Dani'),
    ]);
    const first = await firstFreeSlot(clinic.tenantId, clinic.services.Limpieza!);
    const a = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: carla!,
      p_booking: { service_id: clinic.services.Limpieza!, starts_at: first.starts_at },
    });
    const second = await firstFreeSlot(clinic.tenantId, clinic.services.Limpieza!);
    const b = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: dani!,
      p_booking: { service_id: clinic.services.Limpieza!, starts_at: second.starts_at },
    });
    if (a.outcome !== 'booked' || b.outcome !== 'booked') throw new Error('not booked');
    const move = await test.db.rpc('appointment_reschedule_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: dani!,
      p_appointment_id: b.appointment.id,
      p_change: { starts_at: first.starts_at },
    });
    expect(move.outcome).toBe('taken');
    const { rows } = await test.pool.query('select lower(period) as s from appointments where id = $1', [
      b.appointment.id,
    ]);
    expect(rows[0].s.toISOString()).toBe(new Date(second.starts_at).toISOString());
  });
});

describe('tenants', () => {
  it('staff of another business get a 403 for this one, and not_found for its ids in their own', async () => {
    const stranger = await createTenantWithStaff(test, 'booking-otro');
    const lead = await createLead(test, clinic.tenantId, 'Elena');
    const slot = await firstFreeSlot(clinic.tenantId, clinic.services.Limpieza!);
    const booked = await test.db.rpc('appointment_book_for_lead', {
      p_tenant_id: clinic.tenantId,
      p_lead_id: lead,
      p_booking: { service_id: clinic.services.Limpieza!, starts_at: slot.starts_at },
    });
    if (booked.outcome !== 'booked') throw new Error(booked.outcome);
    const as = { as: stranger.staff };
    const refused = await test.db
      .rpc(
        'dashboard_set_appointment_status',
        { p_tenant_id: clinic.tenantId, p_appointment_id: booked.appointment.id, p_status: 'cancelled' },
        as,
      )
      .catch((e: { code?: string }) => e.code);
    expect(refused).toBe('forbidden');
    expect(
      await test.db.rpc(
        'dashboard_set_appointment_status',
        { p_tenant_id: stranger.tenantId, p_appointment_id: booked.appointment.id, p_status: 'cancelled' },
        as,
      ),
    ).toEqual({ outcome: 'not_found' });
    expect(
      await test.db.rpc(
        'dashboard_reschedule_appointment',
        {
          p_tenant_id: stranger.tenantId,
          p_appointment_id: booked.appointment.id,
          p_change: { starts_at: slot.starts_at },
        },
        as,
      ),
    ).toEqual({ outcome: 'not_found' });
    expect(
      await test.db.rpc('dashboard_appointments', { p_tenant_id: stranger.tenantId, p_query: {} }, as),
    ).toEqual([]);
    // Another tenant's lead cannot be booked into this one, nor this service into another.
    const crossLead = await test.db
      .rpc('appointment_book_for_lead', {
        p_tenant_id: stranger.tenantId,
        p_lead_id: lead,
        p_booking: { service_id: clinic.services.Limpieza!, starts_at: slot.starts_at },
      })
      .catch((e: { code?: string }) => e.code);
    expect(crossLead).toBe('not_found');
  });
});
