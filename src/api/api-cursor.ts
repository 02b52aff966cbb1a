import { ApiError } from './api-error';

// Lists page by keyset: the cursor is the last row's sort key, base64url JSON, opaque to clients.

export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> {
  if (!cursor) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new ApiError('validation_failed', 'cursor is not one this API gave', { fields: ['cursor'] });
}

/** Asked for limit + 1 rows: the extra one only says there is a next page. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, unknown>) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
