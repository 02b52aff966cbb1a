import { z } from 'zod';
import type { ApiEndpoint } from './api-endpoint';
import { ApiError } from './api-error';

// Appointments through the calendar's own SQL (src/appointments and the scheduling functions):
// booking re-checks hours, closures and overlaps; a taken time answers 409 with the next slots.

const instant = z.iso.datetime({ offset: true });

const listQuery = z.object({
  from: instant.optional().describe('default: now'),
  to: instant.optional(),
  lead_id: z.uuid().optional(),
  branch_id: z.uuid().optional(),
  status: z.enum(['requested', 'confirmed', 'cancelled', 'completed', 'no_show']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const createBody = z
  .object({
    lead_id: z.uuid(),
    service_id: z.uuid(),
    branch_id: z.uuid().optional(),
    resource_id: z.uuid().optional(),
    starts_at: instant.optional(),
    local_start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
      .optional()
      .describe("the branch's wall clock, e.g. 2026-12-09T10:30"),
    party_size: z.number().int().min(1).max(100).optional(),
    notes: z.string().max(1000).optional(),
    status: z.enum(['requested', 'confirmed']).optional(),
  })
  .strict()
  .refine(
    (b) => (b.starts_at === undefined) !== (b.local_start === undefined),
    'give starts_at or local_start',
  );

type Booking =
  | { outcome: 'booked'; appointment: unknown }
  | { outcome: 'taken' | 'unavailable'; requested_start: string; next_slots: unknown[] };

export const appointmentEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/appointments',
    summary: 'List appointments from a time (default now), by lead, branch or status',
    tag: 'appointments',
    scope: 'read',
    query: listQuery,
    async run(invoke, { query }: { query: z.output<typeof listQuery> }) {
      const rows = await invoke('appointments.list', {
        from: query.from,
        to: query.to,
        lead_id: query.lead_id,
        branch_id: query.branch_id,
        statuses: query.status ? [query.status] : undefined,
        limit: query.limit,
      });
      return { data: rows };
    },
  },
  {
    method: 'POST',
    path: '/appointments',
    summary: 'Book an appointment for a lead (recorded with source "api")',
    tag: 'appointments',
    scope: 'write',
    body: createBody,
    creates: true,
    async run(invoke, { body }) {
      const booking = (await invoke('appointments.create', body)) as Booking;
      if (booking.outcome === 'booked') return { data: booking.appointment };
      throw new ApiError('conflict', 'that time is not free', {
        reason: booking.outcome,
        requested_start: booking.requested_start,
        next_slots: booking.next_slots,
      });
    },
  },
  {
    method: 'POST',
    path: '/appointments/{id}/cancel',
    summary: 'Cancel an appointment',
    tag: 'appointments',
    scope: 'write',
    params: z.object({ id: z.uuid() }),
    body: z.object({ note: z.string().max(500).optional() }).optional(),
    async run(invoke, { params, body }) {
      const change = (await invoke('appointments.cancel', { id: params.id, note: body?.note })) as {
        outcome: 'updated' | 'unchanged' | 'not_allowed' | 'not_found';
        appointment?: unknown;
      };
      if (change.outcome === 'not_found') throw new ApiError('not_found', 'no appointment with that id');
      if (change.outcome === 'not_allowed') {
        throw new ApiError('conflict', 'this appointment can no longer be cancelled', {
          reason: 'not_allowed',
        });
      }
      return { data: change.appointment };
    },
  },
];
