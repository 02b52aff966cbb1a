// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses lone UTF-16 surrogates.
// Both are legal in JSON, so they are replaced before a delivery reaches SQL rather than
// turning a customer's message into a failed request.

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be replaced.
const unsafe = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanString(value: string): string {
  return value.replace(unsafe, '\uFFFD');
}

/** Depth is bounded by parseJsonBody before anything reaches here. */
export function sanitizeForPostgres<T>(value: T): T {
  if (typeof value === 'string') return cleanString(value) as T;
  if (Array.isArray(value)) return value.map((item) => sanitizeForPostgres(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [cleanString(key), sanitizeForPostgres(item)]),
    ) as T;
  }
  return value;
}
