// Our SQL functions put a machine-readable reason (e.g. `reply_too_long_instagram`) in a raised
// error's HINT; Postgres' own hints are prose and are not passed on as reasons.
const reasonPattern = /^[a-z][a-z0-9_]{0,63}$/;

export function sqlErrorDetails(hint: unknown): { reason: string } | undefined {
  return typeof hint === 'string' && reasonPattern.test(hint) ? { reason: hint } : undefined;
}
