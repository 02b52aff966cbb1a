import { isSensitiveKey, redactSensitiveText } from '@/src/shared/redact-sensitive';

// Free-form data in a Sentry event (extra, tags, contexts, breadcrumb data, span attributes):
// values under sensitive keys are replaced and every string is redacted, at any depth.

const maxDepth = 10;
// name=value pairs of a query string (a URL, or one written as text).
const queryPair = /(^|[?&;])([^=&#\s?;]+)=([^&#\s;]*)/g;

/** A string with credentials, email addresses, phone numbers and sensitive query values cut out. */
export function scrubText(text: string): string {
  const withoutQueryValues = text.replace(queryPair, (pair, start: string, name: string) =>
    isSensitiveKey(safeDecode(name)) ? `${start}${name}=[redacted]` : pair,
  );
  return redactSensitiveText(withoutQueryValues);
}

export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than Sentry itself keeps (it normalises to depth 3): nothing to read there.
  if (depth >= maxDepth) return '[removed]';
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isSensitiveKey(key) ? '[redacted]' : scrubValue(inner, depth + 1),
    ]),
  );
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
