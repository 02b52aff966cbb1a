import { z } from 'zod';
import { dayKeys } from './weekly-hours';

// Branches, services and resources as the operator (CLI, seed) and staff forms give them.
// Limits mirror the SQL's (internal.sched_save_*), which enforces them again.

const time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM');
const windows = z.array(z.tuple([time, time])).max(6);
export const weeklyHoursSchema = z.partialRecord(z.enum(dayKeys), windows);

const name = z.string().trim().min(1).max(200);

export const branchInputSchema = z
  .object({
    name,
    timezone: z.string().trim().min(1).max(64).optional(),
    weeklyHours: weeklyHoursSchema.optional(),
    address: z.string().trim().max(500).optional(),
    mapsUrl: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
    phone: z.string().trim().max(40).optional(),
  })
  .strict();
export type BranchInput = z.infer<typeof branchInputSchema>;

const money = z.number().min(0).max(9_999_999_999).multipleOf(0.01);

export const serviceInputSchema = z
  .object({
    name,
    minutes: z.number().int().min(5).max(720),
    bufferMinutes: z.number().int().min(0).max(240).optional(),
    price: money.optional(),
    priceMax: money.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    description: z.string().trim().max(2000).optional(),
    /** Branch names; absent: every branch of the business. */
    branches: z.array(name).max(100).optional(),
  })
  .strict()
  .refine((s) => s.priceMax === undefined || (s.price !== undefined && s.priceMax >= s.price), {
    message: 'a price range needs price ≤ priceMax',
  });
export type ServiceInput = z.infer<typeof serviceInputSchema>;

export const resourceInputSchema = z
  .object({
    branch: name,
    name,
    kind: z.enum(['person', 'chair', 'table']).optional(),
    /** How many appointments may overlap on it (identical tables booked as one resource). */
    capacity: z.number().int().min(1).max(100).optional(),
    /** Tables: the largest party one booking may bring. */
    seats: z.number().int().min(1).max(100).optional(),
    /** Absent: the branch's hours. */
    weeklyHours: weeklyHoursSchema.optional(),
    services: z.array(name).max(200),
  })
  .strict();
export type ResourceInput = z.infer<typeof resourceInputSchema>;
