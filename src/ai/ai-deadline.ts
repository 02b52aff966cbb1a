import type { AppEnv } from '@/src/env';

// The time one reply may take with any provider: the job's deadline minus a reserve to record
// the reply, and per-request timeouts so that every try (each with a backoff) ends before it.

const recordReserveMs = 10_000;
const retryBackoffAllowanceMs = 1_000;
export const shortestCallMs = 500;

/** When the model must have answered: the deadline less a reserve to record the reply. */
export function answerBy(deadline: number | undefined): number | undefined {
  return deadline === undefined
    ? undefined
    : deadline - Math.min(recordReserveMs, (deadline - Date.now()) / 5);
}

/** Per-request timeout so that the client's tries (each with a backoff) end before `until`. */
export function callTimeoutMs(env: AppEnv, until: number | undefined): number | undefined {
  if (until === undefined) return undefined;
  const tries = env.AI_MAX_RETRIES + 1;
  const perTry = Math.floor((until - Date.now() - env.AI_MAX_RETRIES * retryBackoffAllowanceMs) / tries);
  return Math.min(env.AI_REQUEST_TIMEOUT_MS, perTry);
}
