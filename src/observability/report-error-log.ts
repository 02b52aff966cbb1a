import * as Sentry from '@sentry/nextjs';
import { waitUntil } from '@vercel/functions';

// An error line of our logger as a Sentry event: our routes, actions and jobs catch their errors
// and log them, so Next.js' onRequestError never sees most of them. The Error a line names is
// sent with its stack; without one, a message named after the log event. The fields go as extra
// (beforeSend scrubs them like everything else).

export function reportErrorLog(event: string, fields: Record<string, unknown>): void {
  const error = Object.values(fields).find((value) => value instanceof Error);
  const extra = Object.fromEntries(Object.entries(fields).filter(([, value]) => !(value instanceof Error)));
  const context = { extra, tags: { log_event: event } };
  if (error) Sentry.captureException(error, context);
  else Sentry.captureMessage(event, { ...context, level: 'error' });
  // On Vercel the instance may be frozen once the response is sent; send before that.
  waitUntil(Sentry.flush(2000));
}
