import type { RequestEventData } from '@sentry/nextjs';
import { isSensitiveKey } from '@/src/shared/redact-sensitive';
import { scrubText, scrubValue } from './scrub-sentry-value';

// The request an error happened in: method, path and harmless headers stay; the body (a
// webhook's customer messages, a form's password), cookies and the caller's address go.

type QueryParams = NonNullable<RequestEventData['query_string']>;

const droppedHeader =
  /^(cookie|set-cookie|authorization|proxy-authorization|forwarded|x-forwarded-for|x-real-ip|cf-connecting-ip|true-client-ip|x-vercel-forwarded-for|x-vercel-proxied-for)$/i;

export function scrubSentryRequest(request: RequestEventData): RequestEventData {
  const { data, cookies: _cookies, env: _env, headers, query_string, url, ...rest } = request;
  const out: RequestEventData = { ...rest };
  if (data !== undefined) out.data = '[removed]';
  if (url) out.url = scrubText(url);
  if (query_string) out.query_string = scrubQuery(query_string);
  if (headers) out.headers = scrubHeaders(headers);
  return out;
}

function scrubQuery(query: QueryParams): QueryParams {
  if (typeof query === 'string') return scrubText(query);
  if (Array.isArray(query)) {
    return query.map(([name, value]): [string, string] => [
      name,
      isSensitiveKey(name) ? '[redacted]' : scrubText(value),
    ]);
  }
  return scrubValue(query) as Record<string, string>;
}

function scrubHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (droppedHeader.test(name)) continue;
    kept[name] = isSensitiveKey(name) ? '[redacted]' : scrubText(String(value));
  }
  return kept;
}
