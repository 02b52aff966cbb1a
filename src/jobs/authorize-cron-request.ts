import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';

// /api/jobs/process is called by Vercel Cron (Authorization: Bearer $CRON_SECRET) and by other
// schedulers with the same header. Without a secret only local mode may call it.

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function authorizeCronRequest(request: Request, env: AppEnv): void {
  const secret = env.CRON_SECRET;
  if (!secret) {
    if (env.appMode === 'local') return;
    throw new AppError(
      'unavailable',
      'CRON_SECRET is not configured: job processing is refused in production',
    );
  }
  const given = request.headers.get('authorization') ?? '';
  // Hashing first gives equal lengths, so the comparison time says nothing about the secret.
  if (!timingSafeEqual(digest(given), digest(`Bearer ${secret}`))) {
    throw new AppError('unauthorized', 'Missing or wrong "Authorization: Bearer <CRON_SECRET>"');
  }
}
