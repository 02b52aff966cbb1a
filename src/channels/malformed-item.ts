import type { z } from 'zod';

// One malformed item of a batch (a WhatsApp message, status or contact, a Messenger/Instagram
// messaging item, a TikTok event's content) is skipped, not the whole delivery: Meta redelivers
// a refused batch whole (up to 1000 updates), so one bad item would lose every good one, again
// and again. The item is counted in the delivery's `ignored` with a reason that says where and
// what is wrong: paths and zod's messages only, never values (they may be a customer's words or
// phone number). Only a body that is not the platform's webhook at all is still a 400.
//
// Account ids are read from the raw item before it is parsed, so a malformed item cannot carry
// another tenant's account past the check in ingest_webhook.

const prefix = 'malformed:';

/** `malformed:entry.0.changes.1.value.messages.3: text.body: Invalid input: …` (at most 240 chars). */
export function malformedReason(path: string, problem: string): string {
  return `${prefix}${path}: ${problem}`.slice(0, 240);
}

export function isMalformedReason(reason: string): boolean {
  return reason.startsWith(prefix);
}

/** Thrown by a normaliser for an item it cannot store; the batch loop skips just that item. */
export class MalformedItem extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MalformedItem';
  }
}

/** zod's first problems as "text.body: Invalid input: expected string, received number". */
function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 2).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - issues.length;
  return `${issues.join('; ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

export type ParsedItem<T> = { ok: true; data: T } | { ok: false; reason: string };

/** Parses one item of a batch; a failure becomes a skip reason instead of a refused delivery. */
export function parseItem<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: string,
): ParsedItem<z.infer<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, reason: malformedReason(path, describeIssues(parsed.error)) };
}

function fieldOf(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The id at `keys` in a raw (possibly malformed) item: a non-empty string, or a number as its
 * text (ids are strings, but a number naming another tenant's account must still be refused).
 */
export function rawId(value: unknown, ...keys: string[]): string | undefined {
  const found = keys.reduce<unknown>((node, key) => fieldOf(node, key), value);
  if (typeof found === 'string') return found === '' ? undefined : found;
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return undefined;
}
