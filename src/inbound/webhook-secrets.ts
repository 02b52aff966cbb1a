import { channelAdapter } from '@/src/channels/channel-registry';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { WebhookConnection } from './load-webhook-connection';

// The secrets a delivery may be signed with: the connection's own (decrypted here, in the
// server, bound to its tenant and channel) and the channel's deployment-wide one, if any.
export function webhookSecrets(connection: WebhookConnection, env: AppEnv): string[] {
  const secrets: string[] = [];
  if (connection.webhook_secret_encrypted) {
    try {
      if (!env.ENCRYPTION_KEY) throw new Error('ENCRYPTION_KEY is not set');
      secrets.push(
        decryptSecret(
          connection.webhook_secret_encrypted,
          env.ENCRYPTION_KEY,
          secretPlace(connection.tenant_id, connection.channel, 'webhook_secret'),
        ),
      );
    } catch (error) {
      // A key change or a ciphertext copied between tenants: fail closed, loudly.
      log.error('webhook.secret_undecryptable', {
        tenantId: connection.tenant_id,
        channel: connection.channel,
        error: (error as Error).message,
      });
    }
  }
  const fallback = channelAdapter(connection.channel).inbound.fallbackSecret(env);
  if (fallback) secrets.push(fallback);
  return secrets;
}
