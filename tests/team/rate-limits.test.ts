import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforceRateLimit, type LimitedAction, rateLimits } from '@/src/accounts/rate-limit';
import { AppError } from '@/src/shared/app-error';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Limits counted in the real database: per email and per IP, each action its own bucket, a
// refusal is a 429 that says how long to wait, and no raw address or email is stored.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

async function attempts(
  n: number,
  who: { ip: string | null; email?: string },
  action: LimitedAction = 'sign_in',
) {
  const outcomes: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await enforceRateLimit(test.db, action, who);
      outcomes.push('ok');
    } catch (error) {
      outcomes.push((error as AppError).code);
    }
  }
  return outcomes;
}

describe('rate limits', () => {
  it('per email: the 11th sign-in in ten minutes is refused with a 429 and a wait', async () => {
    const limit = rateLimits.sign_in.email.limit;
    const outcomes = await attempts(limit + 1, { ip: '203.0.113.7', email: 'Ana@Clinica.mx' });
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(limit);
    expect(outcomes.at(-1)).toBe('too_many_requests');
    const refused = await enforceRateLimit(test.db, 'sign_in', {
      ip: '198.51.100.1',
      email: 'ana@clinica.mx',
    }).catch((error) => error as AppError);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    const wait = ((refused as AppError).details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(rateLimits.sign_in.email.windowSeconds);
    // Another person is not locked out by Ana's attempts, and another action has its own count.
    expect(await attempts(1, { ip: '198.51.100.2', email: 'luis@clinica.mx' })).toEqual(['ok']);
    expect(await attempts(1, { ip: '198.51.100.2', email: 'ana@clinica.mx' }, 'password_reset')).toEqual([
      'ok',
    ]);
  });

  it('per IP: one address spraying many emails is stopped', async () => {
    const limit = rateLimits.sign_up.ip.limit;
    const outcomes: string[] = [];
    for (let i = 0; i <= limit; i++) {
      outcomes.push(
        await enforceRateLimit(test.db, 'sign_up', { ip: '192.0.2.50', email: `spam${i}@example.com` }).then(
          () => 'ok',
          (error) => (error as AppError).code,
        ),
      );
    }
    expect(outcomes.at(-1)).toBe('too_many_requests');
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(limit);
  });

  it('stores digests only', async () => {
    const { rows } = await test.pool.query(
      "select encode(key_hash, 'escape') as key from internal.rate_limit_counters",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key).not.toContain('clinica');
      expect(row.key).not.toContain('203.0.113.7');
    }
  });
});
