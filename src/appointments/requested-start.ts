import { z } from 'zod';

// A start is an instant with its offset ("2026-12-15T10:30:00-06:00", "…Z"), or a wall-clock
// time without one ("2026-12-15T10:30"), which the SQL reads in the branch's time zone.

const withOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const wallClock = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/;

export const requestedStartSchema = z
  .string()
  .trim()
  .refine((text) => withOffset.test(text) || wallClock.test(text), {
    message: 'a start like 2026-12-15T10:30 (branch time) or 2026-12-15T10:30:00-06:00',
  });

export type StartField = { starts_at: string } | { local_start: string };

export function startField(start: string): StartField {
  return withOffset.test(start) ? { starts_at: start } : { local_start: start };
}
