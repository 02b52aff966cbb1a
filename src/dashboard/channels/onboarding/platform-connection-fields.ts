import { buildConnectionFields, type ConnectionValues } from '@/src/channels/connection-fields';
import { encryptSecret, secretPlace } from '@/src/crypto/secret-box';

// A connection made through the platform's app: live, connected, app_kind 'platform' (no secret
// of its own; SQL drops any old one), with what the onboarding itself learned.

export type PlatformConnection = Omit<
  ConnectionValues,
  'mode' | 'aiEnabled' | 'appSecret' | 'clientSecret' | 'verifyToken'
> & {
  accessToken: string;
  qualityRating?: string;
  refreshToken?: string;
  tokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
};

export function platformConnectionFields(
  connection: PlatformConnection,
  encryptionKey: string,
  tenantId: string,
): Record<string, unknown> {
  const { qualityRating, refreshToken, tokenExpiresAt, refreshTokenExpiresAt, ...values } = connection;
  const extra = Object.entries({
    quality_rating: qualityRating,
    token_expires_at: tokenExpiresAt,
    refresh_token_expires_at: refreshTokenExpiresAt,
    refresh_token_encrypted:
      refreshToken === undefined
        ? undefined
        : encryptSecret(
            refreshToken,
            encryptionKey,
            secretPlace(tenantId, connection.channel, 'refresh_token'),
          ),
  }).filter(([, value]) => value !== undefined);
  return {
    ...buildConnectionFields({ ...values, mode: 'live' }, encryptionKey, tenantId),
    ...Object.fromEntries(extra),
    status: 'connected',
    app_kind: 'platform',
  };
}
