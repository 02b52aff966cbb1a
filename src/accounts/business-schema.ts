import { z } from 'zod';

// What a new business needs; the SQL (create_my_business) checks the same again.
export const businessSchema = z.object({
  businessName: z.string().trim().min(1).max(200),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  timezone: z.string().min(1).max(64),
  country: z.string().regex(/^[A-Z]{2}$/),
});

export type BusinessInput = z.infer<typeof businessSchema>;

/** The fields of a refused form, for the form's error list. */
export function invalidFields(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => String(issue.path[0])))];
}
