import type { Agent } from 'node:https';
import { decryptionKeys } from '@/src/crypto/decryption-keys';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { emailBody, notificationText } from './notification-text';
import { openPushSubscription } from './push-subscription-seal';
import { sendEmail } from './send-email';
import { sendPush } from './send-push';
import { vapidConfig } from './vapid-config';

// One notification_deliveries row: a push to each of the member's browsers, or one email. The
// row is the idempotency: a delivery already finished is not sent again, and push records each
// browser reached, so a retry after a partial failure reaches only the others.

type Delivery = NonNullable<ResultOf<'notification_delivery_load'>>;
export type DeliveryOutcome = { status: 'sent' | 'skipped' | 'already_done'; detail?: string };
export type DeliveryDeps = { db: DbPort; env: AppEnv; timeoutMs: number; httpsAgent?: Agent };

export class RetryDelivery extends Error {}

export async function deliverNotification(deliveryId: string, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const delivery = await deps.db.rpc('notification_delivery_load', { p_delivery_id: deliveryId });
  if (delivery?.status !== 'pending') return { status: 'already_done' };
  const path = delivery.conversation_id
    ? `/t/${delivery.tenant_slug}/inbox/${delivery.conversation_id}`
    : `/t/${delivery.tenant_slug}/inbox`;
  const text = notificationText(delivery.kind, delivery.tenant_name, path, deps.env.APP_BASE_URL);
  const finished =
    delivery.channel === 'push'
      ? await pushToBrowsers(delivery, text, deps)
      : await emailMember(delivery, text, deps);
  await deps.db.rpc('notification_delivery_finish', {
    p_delivery_id: delivery.id,
    p_status: finished.status,
    p_detail: finished.detail ?? null,
  });
  log.info('attention.notification_delivered', {
    tenantId: delivery.tenant_id,
    deliveryId: delivery.id,
    channel: delivery.channel,
    kind: delivery.kind,
    status: finished.status,
    detail: finished.detail,
  });
  return finished;
}

async function pushToBrowsers(
  delivery: Delivery,
  text: ReturnType<typeof notificationText>,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome & { status: 'sent' | 'skipped' }> {
  const vapid = vapidConfig(deps.env);
  if (!vapid) return { status: 'skipped', detail: 'push_not_configured' };
  if (!deps.env.ENCRYPTION_KEY) return { status: 'skipped', detail: 'no_encryption_key' };
  const userId = delivery.user_id;
  // Tagged with the event's id: an open tab's notification of the same event is replaced, not doubled.
  const payload = JSON.stringify({
    title: text.title,
    body: text.body,
    url: text.url,
    tag: delivery.event_id,
  });
  let retry = false;
  for (const stored of delivery.subscriptions) {
    const subscription = openSealed(stored.sealed, deps.env, delivery.tenant_id, userId);
    // Sealed with a key no longer configured (after a key rotation): the browser subscribes again.
    const result = subscription
      ? await sendPush(subscription, payload, vapid, deps.timeoutMs, deps.httpsAgent)
      : { outcome: 'gone' as const, status: undefined };
    if (result.outcome === 'sent' || result.outcome === 'gone') {
      await deps.db.rpc('notification_push_result', {
        p_delivery_id: delivery.id,
        p_subscription_id: stored.id,
        p_gone: result.outcome === 'gone',
      });
    }
    if (result.outcome === 'retry') retry = true;
    if (result.outcome !== 'sent') {
      log.warn('attention.push_not_sent', {
        tenantId: delivery.tenant_id,
        deliveryId: delivery.id,
        outcome: result.outcome,
        status: result.status,
      });
    }
  }
  if (retry) throw new RetryDelivery('push service unavailable');
  return { status: 'sent' };
}

async function emailMember(
  delivery: Delivery,
  text: ReturnType<typeof notificationText>,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome & { status: 'sent' | 'skipped' }> {
  if (!deps.env.SMTP_URL) return { status: 'skipped', detail: 'email_not_configured' };
  if (!delivery.email) return { status: 'skipped', detail: 'no_address' };
  await sendEmail(deps.env.SMTP_URL, {
    from: deps.env.SMTP_FROM,
    to: delivery.email,
    subject: text.subject,
    text: emailBody(text),
  });
  return { status: 'sent' };
}

function openSealed(sealed: string, env: AppEnv, tenantId: string, userId: string) {
  try {
    return openPushSubscription(sealed, decryptionKeys(env), tenantId, userId);
  } catch {
    return undefined;
  }
}
