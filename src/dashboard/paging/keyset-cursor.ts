import { z } from 'zod';

// A keyset cursor: the sort key and id of the last row a page showed, as one opaque URL-safe
// string (`?after=…`). A cursor that does not decode is ignored: the list starts over.

const timestampSchema = z
  .string()
  .regex(/^(-?infinity|\d{4}-\d{2}-\d{2}[T ][0-9:.]+(Z|[+-]\d{2}(:\d{2})?)?)$/);

export function encodeCursor(values: readonly (string | boolean)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decode(value: unknown): unknown {
  if (typeof value !== 'string' || value.length === 0 || value.length > 300) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** [time, id]: leads and threads. */
export function decodeTimeCursor(value: unknown): { at: string; id: string } | undefined {
  const parsed = z.tuple([timestampSchema, z.uuid()]).safeParse(decode(value));
  return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : undefined;
}

/** [escalated first, time, id]: the inbox. */
export function decodeInboxCursor(
  value: unknown,
): { escalated: boolean; at: string; id: string } | undefined {
  const parsed = z.tuple([z.boolean(), timestampSchema, z.uuid()]).safeParse(decode(value));
  return parsed.success ? { escalated: parsed.data[0], at: parsed.data[1], id: parsed.data[2] } : undefined;
}
