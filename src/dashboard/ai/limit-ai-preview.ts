import { createHash } from 'node:crypto';
import type { DbPort } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';

// The test chat calls Claude on the tenant's bill at every message: at most 60 an hour per
// tenant, counted in Postgres (rate_limit_hit, as the sign-in limits). Offline answers cost
// nothing and are not counted.
export const aiPreviewLimit = { limit: 60, windowSeconds: 3600 };

export async function limitAiPreview(db: DbPort, tenantId: string): Promise<void> {
  const verdict = await db.rpc('rate_limit_hit', {
    p_rules: [
      {
        bucket: 'ai_preview_tenant',
        key: createHash('sha256').update(`tenant:${tenantId}`).digest('hex'),
        limit: aiPreviewLimit.limit,
        window_seconds: aiPreviewLimit.windowSeconds,
      },
    ],
  });
  if (!verdict.allowed) {
    log.warn('dashboard.ai_preview_limited', { tenantId, retryAfterSeconds: verdict.retry_after_seconds });
    throw new AppError('too_many_requests', 'Too many test messages', {
      retryAfterSeconds: verdict.retry_after_seconds,
    });
  }
}
