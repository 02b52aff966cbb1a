import { performance } from 'node:perf_hooks';
import type { Channel } from '@/src/channels/channel-registry';
import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';
import { publicRefusalResponse } from './public-refusal';
import { recordWebhookEvent } from './record-webhook-event';
import { webhookErrorResponse } from './webhook-error-response';
import { WebhookRefusal } from './webhook-refusal';

/**
 * A POST that stored nothing: logged, recorded in webhook_events, answered with the refusal's
 * status and safe sentence, or a generic 500 for anything unexpected.
 */
export async function answerWebhookFailure(
  db: DbPort,
  error: unknown,
  context: {
    channel: Channel;
    started: number;
    tenantId?: string;
    tenantSlug?: string;
    bodyBytes?: number;
    platform?: string;
  },
): Promise<Response> {
  const { channel, tenantId, platform } = context;
  const refusal = error instanceof WebhookRefusal ? error : undefined;
  if (refusal) {
    log.warn('webhook.refused', {
      channel,
      platform,
      tenantId,
      outcome: refusal.outcome,
      detail: refusal.detail,
    });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    log.error('webhook.failed', { channel, platform, tenantId, error: message });
  }
  await recordWebhookEvent(db, {
    channel,
    outcome: refusal?.outcome ?? 'error',
    httpStatus: refusal?.status ?? 500,
    tenantId,
    tenantSlug: context.tenantSlug,
    bodyBytes: context.bodyBytes,
    detail: refusal?.detail ?? 'internal error',
    durationMs: performance.now() - context.started,
  });
  return refusal
    ? publicRefusalResponse(refusal.status, refusal.outcome, refusal.detail)
    : webhookErrorResponse(500, 'internal', 'internal error');
}
