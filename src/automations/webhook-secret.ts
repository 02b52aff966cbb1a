import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, secretHint, secretPlace } from '@/src/crypto/secret-box';

// An endpoint's signing secret: random, shown to the admin once, stored sealed (AES-256-GCM with
// ENCRYPTION_KEY) with the tenant and endpoint as its AAD, so it opens only in its own row.

export function createWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

function place(tenantId: string, endpointId: string): string {
  return secretPlace(tenantId, 'automation', endpointId);
}

export function sealWebhookSecret(secret: string, key: string, tenantId: string, endpointId: string) {
  return { sealed: encryptSecret(secret, key, place(tenantId, endpointId)), hint: secretHint(secret) };
}

export function openWebhookSecret(
  sealed: string,
  keys: readonly string[],
  tenantId: string,
  endpointId: string,
): string {
  return decryptSecret(sealed, keys, place(tenantId, endpointId));
}
