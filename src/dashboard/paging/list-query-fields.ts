import { z } from 'zod';
import { safeText } from '@/src/db/postgres-safe-text';

// Fields every searchable list shares in its URL: the words typed, a date range (days in the
// tenant's time zone) and the cursor of the page. Anything malformed is dropped, never refused.

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    const date = new Date(`${value}T00:00:00Z`);
    return year >= 2000 && year <= 2999 && date.toISOString().slice(0, 10) === value;
  });

export const searchTextSchema = z
  .string()
  .transform((value) => safeText(value).trim().slice(0, 200))
  .transform((value) => (value === '' ? undefined : value));

export const listQueryFields = {
  q: searchTextSchema.optional().catch(undefined),
  from: dateSchema.optional().catch(undefined),
  to: dateSchema.optional().catch(undefined),
  after: z.string().max(300).optional().catch(undefined),
};

export const scoreSchema = z.enum(['hot', 'warm', 'cold']);
