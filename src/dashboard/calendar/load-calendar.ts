import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';
import { daysFrom, isCalendarDate, queryWindow, todayIn } from './calendar-days';
import type { AppointmentReminder } from './reminder-status';

// The calendar page's data, read as the signed-in member: the catalog (branches, services,
// resources), the chosen branch (the first when none or an unknown one is asked for), and its
// appointments grouped by local day in the branch's time zone.

export type Scheduling = ResultOf<'dashboard_scheduling'>;
export type CalendarAppointment = ResultOf<'dashboard_appointments'>[number];
export type CalendarSlot = ResultOf<'dashboard_appointment_slots'>['slots'][number];

const uuid = z.uuid();
export const calendarQuerySchema = z.object({
  view: z.enum(['day', 'week']).catch('week'),
  date: z.string().optional().catch(undefined),
  branch: uuid.optional().catch(undefined),
  resource: uuid.optional().catch(undefined),
  move: uuid.optional().catch(undefined),
  book: z.literal('1').optional().catch(undefined),
  service: uuid.optional().catch(undefined),
  lead: uuid.optional().catch(undefined),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export type CalendarData = {
  scheduling: Scheduling;
  query: CalendarQuery;
  branch: Scheduling['branches'][number] | null;
  resource: Scheduling['resources'][number] | null;
  date: string;
  today: string;
  days: Array<{ date: string; appointments: CalendarAppointment[] }>;
  /** Each shown appointment's reminders (withdrawn ones left out), by appointment id. */
  reminders: Record<string, AppointmentReminder[]>;
};

export function loadScheduling(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<Scheduling> {
  return db.rpc('dashboard_scheduling', { p_tenant_id: tenant.id }, { as: staff });
}

export async function loadCalendar(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  rawQuery: Record<string, unknown>,
): Promise<CalendarData> {
  const query = calendarQuerySchema.parse(rawQuery);
  const scheduling = await loadScheduling(db, staff, tenant);
  const branch = scheduling.branches.find((b) => b.id === query.branch) ?? scheduling.branches[0] ?? null;
  const resource =
    scheduling.resources.find((r) => r.id === query.resource && r.branch_id === branch?.id) ?? null;
  const today = todayIn(branch?.timezone ?? tenant.timezone);
  const date = isCalendarDate(query.date) ? query.date : today;
  const dates = daysFrom(date, query.view === 'day' ? 1 : 7);
  if (!branch) return { scheduling, query, branch, resource, date, today, days: [], reminders: {} };
  const rows = await db.rpc(
    'dashboard_appointments',
    {
      p_tenant_id: tenant.id,
      p_query: {
        ...queryWindow(dates),
        branch_id: branch.id,
        ...(resource && { resource_id: resource.id }),
        limit: 500,
      },
    },
    { as: staff },
  );
  const days = dates.map((day) => ({
    date: day,
    appointments: rows.filter((row) => row.local_start.slice(0, 10) === day),
  }));
  const reminders: Record<string, AppointmentReminder[]> = {};
  if (rows.length > 0) {
    const list = await db.rpc(
      'dashboard_appointment_reminders',
      { p_tenant_id: tenant.id, p_appointment_ids: rows.map((row) => row.id) },
      { as: staff },
    );
    for (const reminder of list) {
      reminders[reminder.appointment_id] = [...(reminders[reminder.appointment_id] ?? []), reminder];
    }
  }
  return { scheduling, query, branch, resource, date, today, days, reminders };
}

/** Free slots for a service at a branch, from a local date, 7 days. */
export function loadSlots(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  query: {
    serviceId: string;
    branchId: string;
    resourceId?: string;
    from: string;
    excludeAppointmentId?: string;
  },
): Promise<ResultOf<'dashboard_appointment_slots'>> {
  return db.rpc(
    'dashboard_appointment_slots',
    {
      p_tenant_id: tenant.id,
      p_query: {
        service_id: query.serviceId,
        branch_id: query.branchId,
        ...(query.resourceId && { resource_id: query.resourceId }),
        ...(query.excludeAppointmentId && { exclude_appointment_id: query.excludeAppointmentId }),
        from: query.from,
        days: 7,
        step_minutes: 15,
        per_resource: true,
        limit: 100,
      },
    },
    { as: staff },
  );
}

/** A lead's appointments from 90 days ago on, for the lead page and the conversation view. */
export function loadLeadAppointments(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  leadId: string,
  now = new Date(),
): Promise<CalendarAppointment[]> {
  const from = new Date(now.getTime() - 90 * 24 * 3600 * 1000).toISOString();
  return db.rpc(
    'dashboard_appointments',
    { p_tenant_id: tenant.id, p_query: { lead_id: leadId, from, limit: 50 } },
    { as: staff },
  );
}
