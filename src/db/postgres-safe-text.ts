// PostgreSQL text cannot hold U+0000 (a NUL even cuts a simple-protocol query short: "invalid
// message format"), and jsonb also refuses lone UTF-16 surrogates. Both are legal in JS strings
// and in JSON, so any value can carry them; they become U+FFFD before reaching the server.

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be replaced.
const unsafeText = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** How JSON.stringify writes those characters. */
const unsafeJsonEscape = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

export function safeText(value: string): string {
  return value.replace(unsafeText, '\uFFFD');
}

function safeValue(value: unknown): unknown {
  if (typeof value === 'string') return safeText(value);
  if (Array.isArray(value)) return value.map(safeValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [safeText(key), safeValue(item)]));
  }
  return value;
}

/** JSON text PostgreSQL's jsonb accepts; values are only walked when the text needs it. */
export function safeJson(value: unknown): string {
  const json = JSON.stringify(value);
  return unsafeJsonEscape.test(json) ? JSON.stringify(safeValue(value)) : json;
}
