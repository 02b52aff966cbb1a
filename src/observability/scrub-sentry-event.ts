import type { Breadcrumb, Event, Exception } from '@sentry/nextjs';
import { isSensitiveKey } from '@/src/shared/redact-sensitive';
import { scrubSentryRequest } from './scrub-sentry-request';
import { scrubText, scrubValue } from './scrub-sentry-value';

// Sentry's beforeSend, beforeSendSpan and beforeBreadcrumb: nothing leaves for the error tracker
// with a token, a secret, an email address, a phone number or a customer's message in it. Only
// fields that carry data are rewritten; ids, timestamps and stack frames stay, so Sentry can
// still group and link events. scrubSentryEvent also takes transaction events (their spans), for
// beforeSendTransaction should the static trace lifecycle ever be chosen.

// Contexts the SDK fills with facts about the machine (versions, memory, locale).
const machineContexts = new Set(['os', 'runtime', 'app', 'device', 'culture', 'cloud_resource']);

export function scrubSentryEvent<T extends Event>(event: T): T {
  const out: T = { ...event };
  if (out.message) out.message = scrubText(out.message);
  if (out.logentry) out.logentry = scrubValue(out.logentry) as Event['logentry'];
  if (out.transaction) out.transaction = scrubText(out.transaction);
  if (out.exception?.values)
    out.exception = { ...out.exception, values: out.exception.values.map(scrubException) };
  if (out.request) out.request = scrubSentryRequest(out.request);
  if (out.breadcrumbs) out.breadcrumbs = out.breadcrumbs.map(scrubSentryBreadcrumb);
  if (out.extra) out.extra = scrubValue(out.extra) as Event['extra'];
  if (out.tags) out.tags = scrubValue(out.tags) as Event['tags'];
  if (out.contexts) out.contexts = scrubContexts(out.contexts);
  // dataCollection.userInfo is off; an id set by our code is all a user is known by.
  if (out.user) out.user = out.user.id === undefined ? undefined : { id: out.user.id };
  if (out.spans) {
    out.spans = out.spans.map((span) => ({
      ...span,
      description: span.description && scrubText(span.description),
      data: scrubAttributes(span.data),
    }));
  }
  return out;
}

export function scrubSentryBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  const out = { ...breadcrumb };
  if (out.message) out.message = scrubText(out.message);
  if (out.data) out.data = scrubValue(out.data) as Breadcrumb['data'];
  return out;
}

/** A streamed span (Sentry 11's default trace lifecycle): its name and attributes. */
export function scrubSentrySpan<T extends { name: string; attributes: Record<string, unknown> }>(span: T): T {
  return { ...span, name: scrubText(span.name), attributes: scrubAttributes(span.attributes) };
}

function scrubException(exception: Exception): Exception {
  const out = { ...exception };
  if (out.value) out.value = scrubText(out.value);
  if (out.mechanism?.data)
    out.mechanism = { ...out.mechanism, data: scrubValue(out.mechanism.data) as never };
  // Local variables of a frame can hold anything; the SDK leaves them out unless asked, so do we.
  if (out.stacktrace?.frames) {
    out.stacktrace = {
      ...out.stacktrace,
      frames: out.stacktrace.frames.map(({ vars: _vars, ...frame }) => frame),
    };
  }
  return out;
}

function scrubContexts(contexts: NonNullable<Event['contexts']>): NonNullable<Event['contexts']> {
  const out: NonNullable<Event['contexts']> = {};
  for (const [name, context] of Object.entries(contexts)) {
    const kept = !context || machineContexts.has(name) || name === 'trace';
    out[name] = kept ? context : (scrubValue(context) as typeof context);
  }
  // The trace context's ids stay; its data (span attributes: URLs, queries) is scrubbed.
  if (contexts.trace) out.trace = { ...contexts.trace, data: scrubAttributes(contexts.trace.data) };
  return out;
}

// Span attributes: the SDK's own (sentry.*) are ids and names it needs; the rest is data.
function scrubAttributes<T>(attributes: T): T {
  if (!attributes || typeof attributes !== 'object') return attributes;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('sentry.')) out[key] = value;
    else out[key] = isSensitiveKey(key) ? '[redacted]' : scrubValue(value);
  }
  return out as T;
}
