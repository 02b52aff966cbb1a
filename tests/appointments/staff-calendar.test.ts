import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorCode, appErrorReason } from '@/src/dashboard/app-error-code';
import { addDays, todayIn } from '@/src/dashboard/calendar/calendar-days';
import { loadCalendar, loadLeadAppointments, loadSlots } from '@/src/dashboard/calendar/load-calendar';
import {
  bookAppointmentAsStaff,
  moveAppointment,
  setAppointmentStatus,
} from '@/src/dashboard/calendar/staff-appointment-writes';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createLead, everyDay } from './scheduling-fixture';

// The calendar page's loader and writes, as the signed-in staff member on the real database:
// days in the branch's zone, confirm / cancel / mark, move to a free slot, book for a lead, and
// another tenant's staff seeing and changing nothing.

const zone = 'America/Tijuana';
let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let agent: ReturnType<typeof staffIdentity>;
let other: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;
let otherTenant: TenantContext;
let branchId: string;
let serviceId: string;
let ruizId: string;
let leadId: string;
const tomorrow = addDays(todayIn(zone), 1);

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return { code: appErrorCode(error), reason: appErrorReason(error) };
}

async function bookAt(localStart: string, resource = 'Dra. Ruiz') {
  const booked = await test.db.rpc('admin_book_appointment', {
    p_tenant_slug: 'cal-a',
    p_booking: { service: 'Limpieza', resource, local_start: localStart, lead_phone: '5216641234567' },
  });
  if (booked.outcome !== 'booked') throw new Error(`not booked: ${booked.outcome}`);
  return booked.appointment;
}

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'cal-a');
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'cal-a',
    p_email: 'agent@cal-a.example',
    p_role: 'agent',
  });
  agent = staffIdentity(member.user_id, 'agent@cal-a.example');
  other = await createTenantWithStaff(test, 'cal-b');
  tenant = await resolveTenant(test.db, owner.staff, 'cal-a');
  otherTenant = await resolveTenant(test.db, other.staff, 'cal-b');
  const branch = await test.db.rpc('admin_save_branch', {
    p_tenant_slug: 'cal-a',
    p_fields: { name: 'Centro', timezone: zone, weekly_hours: everyDay('09:00', '19:00') },
  });
  branchId = branch.id;
  const service = await test.db.rpc('admin_save_service', {
    p_tenant_slug: 'cal-a',
    p_fields: { name: 'Limpieza', duration_minutes: 45, buffer_minutes: 15 },
  });
  serviceId = service.id;
  for (const name of ['Dra. Ruiz', 'Dr. Soto']) {
    const saved = await test.db.rpc('admin_save_resource', {
      p_tenant_slug: 'cal-a',
      p_fields: { branch: 'Centro', name, services: ['Limpieza'], kind: 'person', capacity: 1 },
    });
    if (name === 'Dra. Ruiz') ruizId = saved.id;
  }
  leadId = await createLead(test, owner.tenantId, 'Carla Méndez');
});
afterAll(() => test.drop());

describe('calendar page data', () => {
  it("groups a week by the branch's local day and filters by resource", async () => {
    const late = await bookAt(`${tomorrow}T18:00`);
    const early = await bookAt(`${tomorrow}T09:00`, 'Dr. Soto');
    const week = await loadCalendar(test.db, agent, tenant, { view: 'week', date: tomorrow });
    expect(week.branch?.id).toBe(branchId);
    expect(week.days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(tomorrow, i)));
    // 18:00 in Tijuana is the next day in UTC: still tomorrow's list.
    expect(week.days[0]!.appointments.map((a) => a.id)).toEqual([early.id, late.id]);
    expect(week.days.slice(1).every((d) => d.appointments.length === 0)).toBe(true);
    const ruiz = await loadCalendar(test.db, agent, tenant, {
      view: 'day',
      date: tomorrow,
      resource: ruizId,
    });
    expect(ruiz.days).toHaveLength(1);
    expect(ruiz.days[0]!.appointments.map((a) => a.id)).toEqual([late.id]);
    // Nonsense in the URL falls back to the defaults rather than failing.
    const fallback = await loadCalendar(test.db, agent, tenant, {
      view: 'year',
      date: '2026-02-31',
      branch: 'x',
    });
    expect(fallback).toMatchObject({ query: { view: 'week' }, date: todayIn(zone) });
  });
});

describe('status changes', () => {
  it('an agent confirms, marks attended, corrects to no-show; a cancelled one stays cancelled', async () => {
    const appointment = await bookAt(`${addDays(tomorrow, 1)}T10:00`);
    expect(appointment.status).toBe('confirmed');
    const form = (status: string) => ({ appointmentId: appointment.id, status });
    expect(await setAppointmentStatus(test.db, agent, tenant, form('confirmed'))).toEqual({
      status: 'unchanged',
    });
    expect(await setAppointmentStatus(test.db, agent, tenant, form('completed'))).toEqual({
      status: 'completed',
    });
    expect(await setAppointmentStatus(test.db, agent, tenant, form('no_show'))).toEqual({
      status: 'no_show',
    });
    expect(await errorOf(setAppointmentStatus(test.db, agent, tenant, form('confirmed')))).toEqual({
      code: 'conflict',
      reason: 'not_allowed',
    });
    expect(await errorOf(setAppointmentStatus(test.db, agent, tenant, form('requested')))).toMatchObject({
      code: 'bad_request',
    });
    const { rows } = await test.pool.query(
      "select action, source from appointment_events where appointment_id = $1 and action <> 'created' order by created_at",
      [appointment.id],
    );
    expect(rows).toEqual([
      { action: 'completed', source: 'staff' },
      { action: 'no_show', source: 'staff' },
    ]);
  });
});

describe('moving and booking', () => {
  it('moves to a free slot from the list; a taken one is refused with a plain reason', async () => {
    const day = addDays(tomorrow, 2);
    const appointment = await bookAt(`${day}T11:00`);
    const slots = await loadSlots(test.db, agent, tenant, {
      serviceId,
      branchId,
      resourceId: ruizId,
      from: day,
      excludeAppointmentId: appointment.id,
    });
    const target = slots.slots.find((s) => s.local_start === `${day}T15:00`)!;
    expect(target).toBeDefined();
    const moved = await moveAppointment(test.db, agent, tenant, {
      appointmentId: appointment.id,
      slot: `${target.starts_at}|${target.resource_id}`,
    });
    expect(moved).toEqual({ localStart: `${day}T15:00` });
    const blocker = await bookAt(`${day}T17:00`);
    const taken = await test.db.rpc('admin_appointments', {
      p_tenant_slug: 'cal-a',
      p_query: { from: `${day}T00:00:00Z`, limit: 50 },
    });
    const blockerStart = taken.find((a) => a.id === blocker.id)!.starts_at;
    expect(
      await errorOf(
        moveAppointment(test.db, agent, tenant, {
          appointmentId: appointment.id,
          slot: `${blockerStart}|${ruizId}`,
        }),
      ),
    ).toEqual({ code: 'conflict', reason: 'taken' });
    expect(
      await errorOf(
        moveAppointment(test.db, agent, tenant, { appointmentId: appointment.id, slot: 'mañana' }),
      ),
    ).toEqual({ code: 'bad_request', reason: 'no_slot' });
  });

  it('books a confirmed appointment for an existing lead, from staff', async () => {
    const day = addDays(tomorrow, 3);
    const slots = await loadSlots(test.db, owner.staff, tenant, { serviceId, branchId, from: day });
    const slot = slots.slots[0]!;
    const booked = await bookAppointmentAsStaff(test.db, owner.staff, tenant, {
      leadId,
      serviceId,
      slot: `${slot.starts_at}|${slot.resource_id}`,
      notes: 'Primera visita',
    });
    expect(booked.localStart).toBe(slot.local_start);
    const { rows } = await test.pool.query(
      'select lead_id, status, source, notes from appointments where id = $1',
      [booked.appointmentId],
    );
    expect(rows[0]).toEqual({
      lead_id: leadId,
      status: 'confirmed',
      source: 'staff',
      notes: 'Primera visita',
    });
    expect(
      await errorOf(
        bookAppointmentAsStaff(test.db, owner.staff, tenant, {
          leadId,
          serviceId,
          slot: `${slot.starts_at}|${slot.resource_id}`,
        }),
      ),
    ).toEqual({ code: 'conflict', reason: 'taken' });
    expect(
      await errorOf(
        bookAppointmentAsStaff(test.db, owner.staff, tenant, { leadId: '', serviceId, slot: 'x' }),
      ),
    ).toEqual({ code: 'bad_request', reason: 'no_lead' });
  });
});

describe("a lead's appointments", () => {
  it('lists only that lead, for the lead page and the conversation view; another tenant gets none', async () => {
    const mine = await loadLeadAppointments(test.db, agent, tenant, leadId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.lead_id === leadId && a.lead_name === 'Carla Méndez')).toBe(true);
    expect(await loadLeadAppointments(test.db, other.staff, otherTenant, leadId)).toEqual([]);
  });
});

describe('another tenant', () => {
  it('sees no branch and no appointment, and changes nothing', async () => {
    expect(await errorOf(resolveTenant(test.db, other.staff, 'cal-a'))).toMatchObject({ code: 'not_found' });
    const own = await loadCalendar(test.db, other.staff, otherTenant, { branch: branchId, date: tomorrow });
    expect(own.branch).toBeNull();
    expect(own.scheduling.services).toEqual([]);
    const target = await bookAt(`${addDays(tomorrow, 4)}T12:00`);
    // Its own tenant id with our appointment: not found. Our tenant id under its identity: refused.
    expect(
      await errorOf(
        setAppointmentStatus(test.db, other.staff, otherTenant, {
          appointmentId: target.id,
          status: 'cancelled',
        }),
      ),
    ).toEqual({ code: 'not_found', reason: 'not_found' });
    expect(
      (
        await errorOf(
          setAppointmentStatus(test.db, other.staff, tenant, {
            appointmentId: target.id,
            status: 'cancelled',
          }),
        )
      ).code,
    ).toMatch(/forbidden|not_found/);
    await expect(loadCalendar(test.db, other.staff, tenant, { date: tomorrow })).rejects.toThrow();
    const { rows } = await test.pool.query('select status from appointments where id = $1', [target.id]);
    expect(rows[0].status).toBe('confirmed');
  });
});
