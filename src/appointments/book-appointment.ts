import { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import { parseInput } from './parse-input';
import { requestedStartSchema, startField } from './requested-start';

// Booking. SQL locks the candidate resources, re-checks the slot inside the transaction and
// answers { outcome: 'booked', appointment } or { outcome: 'taken' | 'unavailable',
// next_slots }: a lost race is an answer, not an error.

const common = {
  start: requestedStartSchema,
  partySize: z.number().int().min(1).max(100).optional(),
  notes: z.string().trim().max(1000).optional(),
};

export const leadBookingSchema = z
  .object({ serviceId: z.uuid(), branchId: z.uuid().optional(), resourceId: z.uuid().optional(), ...common })
  .strict();
export type LeadBooking = z.infer<typeof leadBookingSchema>;

/** For the conversation's own lead (AI tools, offline responder): status requested, source ai. */
export async function bookAppointmentForLead(
  db: DbPort,
  tenantId: string,
  leadId: string,
  input: LeadBooking,
) {
  const booking = parseInput(leadBookingSchema, input, 'booking');
  return db.rpc('appointment_book_for_lead', {
    p_tenant_id: tenantId,
    p_lead_id: leadId,
    p_booking: {
      service_id: booking.serviceId,
      ...(booking.branchId && { branch_id: booking.branchId }),
      ...(booking.resourceId && { resource_id: booking.resourceId }),
      ...startField(booking.start),
      ...(booking.partySize !== undefined && { party_size: booking.partySize }),
      ...(booking.notes && { notes: booking.notes }),
    },
  });
}

export const operatorBookingSchema = z
  .object({
    service: z.string().trim().min(1).max(200),
    branch: z.string().trim().min(1).max(200).optional(),
    resource: z.string().trim().min(1).max(200).optional(),
    leadPhone: z
      .string()
      .trim()
      .max(40)
      .refine((phone) => /^\+?[\d\s().-]+$/.test(phone) && /^\d{8,15}$/.test(phone.replace(/\D/g, '')), {
        message: 'a phone number of 8 to 15 digits, e.g. +52 55 1234 5678',
      }),
    leadName: z.string().trim().max(200).optional(),
    status: z.enum(['requested', 'confirmed']).optional(),
    ...common,
  })
  .strict();
export type OperatorBooking = z.infer<typeof operatorBookingSchema>;

/** For the operator (CLI, seed): names, the lead by phone (found or created), source api. */
export async function bookAppointmentByPhone(db: DbPort, tenantSlug: string, input: OperatorBooking) {
  const booking = parseInput(operatorBookingSchema, input, 'booking');
  return db.rpc('admin_book_appointment', {
    p_tenant_slug: tenantSlug,
    p_booking: {
      service: booking.service,
      ...(booking.branch && { branch: booking.branch }),
      ...(booking.resource && { resource: booking.resource }),
      ...startField(booking.start),
      lead_phone: booking.leadPhone,
      ...(booking.leadName && { lead_name: booking.leadName }),
      ...(booking.status && { status: booking.status }),
      ...(booking.partySize !== undefined && { party_size: booking.partySize }),
      ...(booking.notes && { notes: booking.notes }),
    },
  });
}
