import { channelAdapter } from '@/src/channels/channel-registry';
import { decryptionKeys } from '@/src/crypto/decryption-keys';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { WebhookConnection } from './load-webhook-connection';

// The one secret a delivery to a tenant's own URL may be signed with. A connection that brought
// its own app accepts only its own secret (decrypted here, bound to its tenant and channel); a
// connection on the platform's app only the platform app's secret. Page ids are public: a key
// accepted for more than one connection would let its holder write into the others.
export function webhookSecrets(connection: WebhookConnection, env: AppEnv): string[] {
  if (connection.app_kind === 'platform') {
    const platformSecret = channelAdapter(connection.channel).inbound.fallbackSecret(env);
    return platformSecret ? [platformSecret] : [];
  }
  if (!connection.webhook_secret_encrypted) return [];
  try {
    if (!env.ENCRYPTION_KEY) throw new Error('ENCRYPTION_KEY is not set');
    return [
      decryptSecret(
        connection.webhook_secret_encrypted,
        decryptionKeys(env),
        secretPlace(connection.tenant_id, connection.channel, 'webhook_secret'),
      ),
    ];
  } catch (error) {
    // A key change or a ciphertext copied between tenants: fail closed, loudly.
    log.error('webhook.secret_undecryptable', {
      tenantId: connection.tenant_id,
      channel: connection.channel,
      error: (error as Error).message,
    });
    return [];
  }
}
