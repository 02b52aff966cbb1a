import { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import { parseInput } from './parse-input';
import { requestedStartSchema, startField } from './requested-start';

// Moving, confirming and cancelling. The lead-scoped calls act only on that lead's
// appointments: another lead's id answers { outcome: 'not_found' }, like an id that does not
// exist. A repeated confirm or cancel answers 'unchanged' (buttons pressed twice).

const id = z.uuid();
const reason = z.string().trim().max(500).optional();
const moveSchema = z.object({ start: requestedStartSchema, resourceId: z.uuid().optional() }).strict();
export type AppointmentMove = z.infer<typeof moveSchema>;

export async function rescheduleAppointmentForLead(
  db: DbPort,
  tenantId: string,
  leadId: string,
  appointmentId: string,
  input: AppointmentMove,
) {
  const move = parseInput(moveSchema, input, 'new time');
  return db.rpc('appointment_reschedule_for_lead', {
    p_tenant_id: tenantId,
    p_lead_id: leadId,
    p_appointment_id: parseInput(id, appointmentId, 'appointment id'),
    p_change: { ...startField(move.start), ...(move.resourceId && { resource_id: move.resourceId }) },
  });
}

export async function cancelAppointmentForLead(
  db: DbPort,
  tenantId: string,
  leadId: string,
  appointmentId: string,
  why?: string,
) {
  return db.rpc('appointment_cancel_for_lead', {
    p_tenant_id: tenantId,
    p_lead_id: leadId,
    p_appointment_id: parseInput(id, appointmentId, 'appointment id'),
    p_reason: parseInput(reason, why, 'reason') ?? null,
  });
}

export async function confirmAppointmentForLead(
  db: DbPort,
  tenantId: string,
  leadId: string,
  appointmentId: string,
) {
  return db.rpc('appointment_confirm_for_lead', {
    p_tenant_id: tenantId,
    p_lead_id: leadId,
    p_appointment_id: parseInput(id, appointmentId, 'appointment id'),
  });
}

/** The operator (CLI): any appointment of the tenant, source api. */
export async function cancelAppointment(db: DbPort, tenantSlug: string, appointmentId: string, why?: string) {
  return db.rpc('admin_cancel_appointment', {
    p_tenant_slug: tenantSlug,
    p_appointment_id: parseInput(id, appointmentId, 'appointment id'),
    p_reason: parseInput(reason, why, 'reason') ?? null,
  });
}
