import type { z } from 'zod';
import { AppError } from '@/src/shared/app-error';

// A self-serve request that does not parse is a 400 naming its fields, like the channel form.
export function parseOnboardingInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? 'form')))];
  throw new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
}
