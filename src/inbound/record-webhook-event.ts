import type { Channel } from '@/src/channels/channel-registry';
import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';

// The webhook_events row of a request that stored nothing else (one call): a refusal or a
// GET verification. Losing this row must not turn a precise 4xx into a 500, so a failure
// here is logged and swallowed.

export type WebhookEventOutcome =
  | 'bad_signature'
  | 'bad_request'
  | 'unknown_tenant'
  | 'no_connection'
  | 'forbidden_account'
  | 'disconnected'
  | 'payload_too_large'
  | 'secret_missing'
  | 'verification_ok'
  | 'verification_failed'
  | 'error';

export type WebhookRecord = {
  channel: Channel;
  outcome: WebhookEventOutcome;
  httpStatus: number;
  tenantId?: string;
  tenantSlug?: string;
  bodyBytes?: number;
  detail?: string;
  durationMs?: number;
};

export async function recordWebhookEvent(db: DbPort, record: WebhookRecord): Promise<void> {
  try {
    await db.rpc('record_webhook_event', {
      p_channel: record.channel,
      p_outcome: record.outcome,
      p_http_status: record.httpStatus,
      p_tenant_id: record.tenantId,
      p_tenant_slug: record.tenantSlug,
      p_body_bytes: record.bodyBytes,
      p_detail: record.detail,
      p_duration_ms:
        record.durationMs === undefined ? undefined : Math.round(record.durationMs * 1000) / 1000,
    });
  } catch (error) {
    log.error('webhook.record_failed', {
      channel: record.channel,
      outcome: record.outcome,
      error: (error as Error).message,
    });
  }
}
