import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

// What staff change on the calendar, as the signed-in member (source 'staff'). SQL answers a
// lost race or a wrong state with an outcome, not an error; here each refusal becomes an
// AppError whose reason the page explains in plain words.

function refuse(reason: string, code: 'conflict' | 'not_found' | 'bad_request' = 'conflict'): never {
  throw new AppError(code, `appointment ${reason}`, { reason });
}

function formValue<T>(schema: z.ZodType<T>, value: unknown, reason: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) refuse(reason, 'bad_request');
  return parsed.data;
}

const statusSchema = z.enum(['confirmed', 'cancelled', 'completed', 'no_show']);
export type StaffStatus = z.infer<typeof statusSchema>;

export async function setAppointmentStatus(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
): Promise<{ status: StaffStatus | 'unchanged' }> {
  const appointmentId = formValue(z.uuid(), form.appointmentId, 'not_found');
  const status = formValue(statusSchema, form.status, 'not_allowed');
  const answer = await db.rpc(
    'dashboard_set_appointment_status',
    { p_tenant_id: tenant.id, p_appointment_id: appointmentId, p_status: status },
    { as: staff },
  );
  if (answer.outcome === 'not_found') refuse('not_found', 'not_found');
  if (answer.outcome === 'not_allowed') refuse('not_allowed');
  return { status: answer.outcome === 'unchanged' ? 'unchanged' : status };
}

// A slot from the form: "<starts_at>|<resource_id>", both as the slot list gave them.
const slotSchema = z
  .string()
  .transform((value) => value.split('|'))
  .pipe(z.tuple([z.iso.datetime({ offset: true }), z.uuid()]));

export async function moveAppointment(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
): Promise<{ localStart: string }> {
  const appointmentId = formValue(z.uuid(), form.appointmentId, 'not_found');
  const [startsAt, resourceId] = formValue(slotSchema, form.slot, 'no_slot');
  const answer = await db.rpc(
    'dashboard_reschedule_appointment',
    {
      p_tenant_id: tenant.id,
      p_appointment_id: appointmentId,
      p_change: { starts_at: startsAt, resource_id: resourceId },
    },
    { as: staff },
  );
  if (answer.outcome === 'rescheduled') return { localStart: answer.appointment.local_start };
  if (answer.outcome === 'not_found') refuse('not_found', 'not_found');
  refuse(answer.outcome);
}

export async function bookAppointmentAsStaff(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
): Promise<{ localStart: string; appointmentId: string }> {
  const leadId = formValue(z.uuid(), form.leadId, 'no_lead');
  const serviceId = formValue(z.uuid(), form.serviceId, 'no_service');
  const [startsAt, resourceId] = formValue(slotSchema, form.slot, 'no_slot');
  const notes = formValue(z.string().trim().max(1000), form.notes ?? '', 'notes_too_long');
  const answer = await db.rpc(
    'dashboard_book_appointment',
    {
      p_tenant_id: tenant.id,
      p_booking: {
        lead_id: leadId,
        service_id: serviceId,
        resource_id: resourceId,
        starts_at: startsAt,
        status: 'confirmed',
        ...(notes && { notes }),
      },
    },
    { as: staff },
  );
  if (answer.outcome === 'booked') {
    return { localStart: answer.appointment.local_start, appointmentId: answer.appointment.id };
  }
  refuse(answer.outcome);
}
