import { decryptionKeys } from '@/src/crypto/decryption-keys';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { allowsLocalWebhooks } from './local-webhooks';
import { postWebhook } from './post-webhook';
import { openWebhookSecret } from './webhook-secret';
import { signatureHeaders, signWebhook } from './webhook-signature';
import { checkWebhookUrl } from './webhook-url-policy';

// One webhook_deliveries row, one attempt: POST the stored body (same event id every time), signed
// with a fresh timestamp, and record the outcome. The row is the idempotency: a delivery already
// delivered is not sent again. A failure is retried by the queue after the next step of the
// backoff below; after the last attempt the delivery is failed (staff may still "Reenviar").

/** Seconds before attempt n+1 after attempt n failed (n = 1…7); attempt 8 is the last. */
export const webhookBackoffSeconds = [30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600] as const;
export const webhookMaxAttempts = webhookBackoffSeconds.length + 1;

export type WebhookDeliveryOutcome =
  | { status: 'delivered'; code: number }
  | { status: 'already_done' }
  | { status: 'failed'; error: string }
  | { status: 'retry'; error: string; retryAfterMs: number };

export async function deliverWebhook(
  deliveryId: string,
  deps: { db: DbPort; env: AppEnv; timeoutMs: number; isLastAttempt: boolean },
): Promise<WebhookDeliveryOutcome> {
  const delivery = await deps.db.rpc('automation_delivery_load', { p_delivery_id: deliveryId });
  if (!delivery || delivery.status === 'delivered') return { status: 'already_done' };
  const fields = { tenantId: delivery.tenant_id, deliveryId, eventType: delivery.event_type };
  const allowLocalhost = allowsLocalWebhooks(deps.env);
  const refuse = async (error: string): Promise<WebhookDeliveryOutcome> => {
    await record(deps.db, deliveryId, { delivered: false, code: null, error, next: null });
    log.warn('automation.webhook_refused', { ...fields, error });
    return { status: 'failed', error };
  };
  if (!delivery.active) return refuse('endpoint disabled');
  let url: string;
  try {
    url = checkWebhookUrl(delivery.url, allowLocalhost);
  } catch {
    return refuse('address not allowed');
  }
  let secret: string;
  try {
    secret = openWebhookSecret(
      delivery.secret_encrypted,
      decryptionKeys(deps.env),
      delivery.tenant_id,
      delivery.endpoint_id,
    );
  } catch {
    return refuse('secret cannot be opened (ENCRYPTION_KEY changed?)');
  }
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await postWebhook(
    url,
    body,
    {
      'user-agent': 'InboxAI-Webhooks/1',
      [signatureHeaders.id]: delivery.event_id,
      [signatureHeaders.event]: delivery.event_type,
      [signatureHeaders.timestamp]: String(timestamp),
      [signatureHeaders.signature]: signWebhook(secret, timestamp, body),
    },
    { timeoutMs: deps.timeoutMs, allowLocalhost },
  );
  if (result.ok) {
    await record(deps.db, deliveryId, { delivered: true, code: result.status, error: null, next: null });
    log.info('automation.webhook_delivered', {
      ...fields,
      code: result.status,
      attempt: delivery.attempts + 1,
    });
    return { status: 'delivered', code: result.status };
  }
  const step = webhookBackoffSeconds[Math.min(delivery.attempts, webhookBackoffSeconds.length - 1)]!;
  const next = deps.isLastAttempt ? null : new Date(Date.now() + step * 1000);
  await record(deps.db, deliveryId, { delivered: false, code: result.status, error: result.error, next });
  log.warn('automation.webhook_failed', { ...fields, code: result.status, attempt: delivery.attempts + 1 });
  if (!next) return { status: 'failed', error: result.error };
  return { status: 'retry', error: result.error, retryAfterMs: step * 1000 };
}

function record(
  db: DbPort,
  deliveryId: string,
  outcome: { delivered: boolean; code: number | null; error: string | null; next: Date | null },
) {
  return db.rpc('automation_delivery_record', {
    p_delivery_id: deliveryId,
    p_delivered: outcome.delivered,
    p_status_code: outcome.code,
    p_error: outcome.error,
    p_next_attempt_at: outcome.next?.toISOString() ?? null,
  });
}
