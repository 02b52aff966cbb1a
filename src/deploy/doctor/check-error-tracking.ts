import type { AppEnv } from '@/src/env';
import { type DoctorCheck, note, ok } from './doctor-check';

// Whether server errors reach Sentry. Off is a choice, not a problem: a note. The DSN's key is
// not printed, only where events go.

export function checkErrorTracking(env: AppEnv): DoctorCheck {
  if (!env.SENTRY_DSN) {
    return note('errors', 'error tracking is off: set SENTRY_DSN to send server errors to Sentry');
  }
  const dsn = new URL(env.SENTRY_DSN);
  const project = dsn.pathname.split('/').filter(Boolean).at(-1) ?? '?';
  return ok(
    'errors',
    `sent to Sentry at ${dsn.host} (project ${project}), without tokens, phone numbers or message bodies`,
  );
}
