import { type ZodType, z } from 'zod';
import { AppError } from '@/src/shared/app-error';

// Every appointments input is parsed here before it reaches SQL (which checks again): a zod
// failure is a 400 with zod's own readable message.
export function parseInput<T>(schema: ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', `Invalid ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
