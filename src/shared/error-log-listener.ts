// Who hears the logger's error lines besides the log: the error tracker (src/observability)
// when SENTRY_DSN is set. Kept apart from logger.ts, which writes to process streams, so the edge
// runtime can set it up too. On globalThis: Next.js may load modules once for instrumentation
// and again for the routes.

export type ErrorLogListener = (event: string, fields: Record<string, unknown>) => void;

const slot = Symbol.for('inbox-ai.error-log-listener');
const slots = globalThis as typeof globalThis & { [slot]?: ErrorLogListener };

export function listenToErrorLogs(listener: ErrorLogListener | undefined): void {
  slots[slot] = listener;
}

export function errorLogListener(): ErrorLogListener | undefined {
  return slots[slot];
}
