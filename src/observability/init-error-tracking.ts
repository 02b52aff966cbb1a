import * as Sentry from '@sentry/nextjs';
import { listenToErrorLogs } from '@/src/shared/error-log-listener';
import { reportErrorLog } from './report-error-log';
import { type ErrorTrackingEnv, sentryOptions } from './sentry-options';

// Called by instrumentation.ts's register() in each runtime. Without SENTRY_DSN nothing is set
// up and nothing is ever sent. Returns whether error tracking is on.
export function initErrorTracking(env: ErrorTrackingEnv): boolean {
  if (!env.SENTRY_DSN) return false;
  Sentry.init(sentryOptions(env, env.SENTRY_DSN));
  listenToErrorLogs(reportErrorLog);
  return true;
}
