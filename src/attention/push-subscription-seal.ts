import { createHash } from 'node:crypto';
import { z } from 'zod';
import { decryptSecret, encryptSecret } from '@/src/crypto/secret-box';
import type { PushSubscriptionJson } from './send-push';

// A push subscription's endpoint is a capability URL: whoever has it (and the keys) can message
// that browser. It is stored sealed, bound to its member, and never logged.

export const pushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https$/ }).max(2000),
  keys: z.object({
    p256dh: z.string().min(1).max(200),
    auth: z.string().min(1).max(100),
  }),
});

function place(tenantId: string, userId: string): string {
  return `push_subscription:${tenantId}:${userId}`;
}

export function endpointDigest(endpoint: string): string {
  return createHash('sha256').update(endpoint).digest('hex');
}

export function sealPushSubscription(
  subscription: PushSubscriptionJson,
  key: string,
  tenantId: string,
  userId: string,
): string {
  const json = JSON.stringify({ endpoint: subscription.endpoint, keys: subscription.keys });
  return encryptSecret(json, key, place(tenantId, userId));
}

export function openPushSubscription(
  sealed: string,
  keys: string | readonly string[],
  tenantId: string,
  userId: string,
): PushSubscriptionJson {
  return pushSubscriptionSchema.parse(JSON.parse(decryptSecret(sealed, keys, place(tenantId, userId))));
}
