import type { Channel } from '@/src/channels/channel-registry';
import { decryptionKeys } from '@/src/crypto/decryption-keys';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import type { AppEnv } from '@/src/env';

// Opens a connection's stored access token for one API call. The AAD ties the ciphertext to its
// tenant and channel, so a token copied into another tenant's row does not open.
export function openAccessToken(
  env: AppEnv,
  tenantId: string,
  channel: Channel,
  sealed: string | null | undefined,
): string | undefined {
  if (!sealed || !env.ENCRYPTION_KEY) return undefined;
  try {
    return decryptSecret(sealed, decryptionKeys(env), secretPlace(tenantId, channel, 'access_token'));
  } catch {
    return undefined;
  }
}
