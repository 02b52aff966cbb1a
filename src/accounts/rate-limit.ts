import { createHash } from 'node:crypto';
import type { DbPort } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';

// Limits per IP and per email, counted in Postgres (rate_limit_hit). Supabase Auth's own limits
// see only our servers' addresses, so without these one attacker could lock every staff member
// out, or use us to mail-bomb an address.

export type LimitedAction = 'sign_in' | 'sign_up' | 'magic_link' | 'password_reset' | 'invite';

type Limit = { limit: number; windowSeconds: number };

export const rateLimits: Record<LimitedAction, { ip: Limit; email: Limit }> = {
  sign_in: { ip: { limit: 30, windowSeconds: 600 }, email: { limit: 10, windowSeconds: 600 } },
  sign_up: { ip: { limit: 5, windowSeconds: 3600 }, email: { limit: 3, windowSeconds: 3600 } },
  magic_link: { ip: { limit: 10, windowSeconds: 3600 }, email: { limit: 3, windowSeconds: 900 } },
  password_reset: { ip: { limit: 10, windowSeconds: 3600 }, email: { limit: 3, windowSeconds: 900 } },
  invite: { ip: { limit: 50, windowSeconds: 3600 }, email: { limit: 5, windowSeconds: 3600 } },
};

function digest(kind: string, value: string): string {
  return createHash('sha256').update(`${kind}:${value.trim().toLowerCase()}`).digest('hex');
}

/** Counts one attempt; throws too_many_requests (429) with the seconds to wait when over. */
export async function enforceRateLimit(
  db: DbPort,
  action: LimitedAction,
  who: { ip: string | null; email?: unknown },
): Promise<void> {
  const limits = rateLimits[action];
  const rules = [];
  if (who.ip) {
    rules.push({
      bucket: `${action}_ip`,
      key: digest('ip', who.ip),
      limit: limits.ip.limit,
      window_seconds: limits.ip.windowSeconds,
    });
  }
  if (typeof who.email === 'string' && who.email.length > 0 && who.email.length <= 320) {
    rules.push({
      bucket: `${action}_email`,
      key: digest('email', who.email),
      limit: limits.email.limit,
      window_seconds: limits.email.windowSeconds,
    });
  }
  if (rules.length === 0) return;
  const verdict = await db.rpc('rate_limit_hit', { p_rules: rules });
  if (!verdict.allowed) {
    log.warn('accounts.rate_limited', { action, retryAfterSeconds: verdict.retry_after_seconds });
    throw new AppError('too_many_requests', 'Too many attempts', {
      retryAfterSeconds: verdict.retry_after_seconds,
    });
  }
}
