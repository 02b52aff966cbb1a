import type { z } from 'zod';
import { AppError } from '@/src/shared/app-error';

// Validation failures become a 400 that names where the payload is wrong (paths and zod's
// messages only: never the values, which may be a customer's words).
export function parseOrReject<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${path || '(body)'}: ${issue.message}`;
  });
  throw new AppError('bad_request', `malformed payload: ${issues.join('; ')}`);
}
