import type { Agent } from 'node:https';
import webpush, { WebPushError } from 'web-push';

// One Web Push message through the `web-push` package (VAPID, RFC 8291 encryption). The push
// service's answer decides what happens next: gone (404/410: the browser dropped the
// subscription), retry (429, 5xx, network), or refused (any other 4xx: retrying cannot help).

export type VapidConfig = { publicKey: string; privateKey: string; subject: string };
export type PushSubscriptionJson = { endpoint: string; keys: { p256dh: string; auth: string } };
export type PushOutcome = 'sent' | 'gone' | 'retry' | 'refused';

export async function sendPush(
  subscription: PushSubscriptionJson,
  payload: string,
  vapid: VapidConfig,
  timeoutMs: number,
  agent?: Agent,
): Promise<{ outcome: PushOutcome; status?: number }> {
  try {
    const result = await webpush.sendNotification(subscription, payload, {
      vapidDetails: vapid,
      TTL: 60 * 60 * 12,
      urgency: 'high',
      timeout: timeoutMs,
      ...(agent ? { agent } : {}),
    });
    return { outcome: 'sent', status: result.statusCode };
  } catch (error) {
    if (!(error instanceof WebPushError)) return { outcome: 'retry' };
    const status = error.statusCode;
    if (status === 404 || status === 410) return { outcome: 'gone', status };
    if (status === 429 || status >= 500) return { outcome: 'retry', status };
    return { outcome: 'refused', status };
  }
}
