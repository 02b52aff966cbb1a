import { redactCredentials, redactSensitiveText } from '@/src/shared/redact-sensitive';
import { PermanentJobError, RetryableJobError } from './job-types';

// How a handler's error is recorded: retry or dead-letter, and a message safe to keep in the
// jobs table (the dashboard shows it), with anything that looks like a credential cut out.

export type JobFailure = { message: string; retryable: boolean; retryAfterMs?: number };

function scrubErrorMessage(message: string): string {
  return redactCredentials(message).slice(0, 2000);
}

/** Logs also lose email addresses and long digit runs (phone numbers, wa_ids); the table keeps them for the tenant. */
export function scrubForLog(message: string): string {
  return redactSensitiveText(scrubErrorMessage(message));
}

export function describeJobFailure(error: unknown, aborted: boolean): JobFailure {
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  if (error instanceof PermanentJobError) return { message: scrubErrorMessage(raw), retryable: false };
  if (error instanceof RetryableJobError) {
    const retryAfterMs =
      error.retryAfterMs !== undefined && Number.isFinite(error.retryAfterMs) && error.retryAfterMs > 0
        ? error.retryAfterMs
        : undefined;
    return { message: scrubErrorMessage(raw), retryable: true, retryAfterMs };
  }
  // Anything else may be transient (network, database, a bug fixed by the next deploy).
  const prefix = aborted ? 'aborted (time budget or job timeout): ' : '';
  return { message: scrubErrorMessage(`${prefix}${raw}`), retryable: true };
}
