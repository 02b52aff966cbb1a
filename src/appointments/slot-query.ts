import { z } from 'zod';
import { dayKeys } from './weekly-hours';

// What a slot search may ask: the same for the AI tool, the calendar and the CLI (which names
// the service, branch and resource instead of giving ids).

const time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM');

export const slotPreferencesSchema = z
  .object({
    /** First local day (YYYY-MM-DD, branch time); default today. */
    from: z.iso.date().optional(),
    days: z.number().int().min(1).max(31).optional(),
    partySize: z.number().int().min(1).max(100).optional(),
    weekdays: z.array(z.enum(dayKeys)).max(7).optional(),
    /** Local times of day the start must fall in, e.g. [["09:00", "12:00"]]. */
    times: z
      .array(z.tuple([time, time]))
      .max(6)
      .optional(),
    stepMinutes: z.number().int().min(5).max(240).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    perResource: z.boolean().optional(),
  })
  .strict();
export type SlotPreferences = z.infer<typeof slotPreferencesSchema>;

export const slotQuerySchema = slotPreferencesSchema
  .extend({
    serviceId: z.uuid(),
    branchId: z.uuid().optional(),
    resourceId: z.uuid().optional(),
    /** A reschedule's own appointment, which must not block its new time. */
    excludeAppointmentId: z.uuid().optional(),
  })
  .strict();
export type SlotQuery = z.infer<typeof slotQuerySchema>;

export const namedSlotQuerySchema = slotPreferencesSchema
  .extend({
    service: z.string().trim().min(1).max(200),
    branch: z.string().trim().min(1).max(200).optional(),
    resource: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type NamedSlotQuery = z.infer<typeof namedSlotQuerySchema>;

/** The SQL's keys (internal.sched_slots) for the preferences. */
export function preferencesToSql(query: SlotPreferences): Record<string, unknown> {
  return {
    ...(query.from && { from: query.from }),
    ...(query.days !== undefined && { days: query.days }),
    ...(query.partySize !== undefined && { party_size: query.partySize }),
    ...(query.weekdays && { weekdays: query.weekdays }),
    ...(query.times && { times: query.times }),
    ...(query.stepMinutes !== undefined && { step_minutes: query.stepMinutes }),
    ...(query.limit !== undefined && { limit: query.limit }),
    ...(query.perResource !== undefined && { per_resource: query.perResource }),
  };
}
