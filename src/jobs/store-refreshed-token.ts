import type { RefreshedToken } from '@/src/channels/token-health-types';
import type { DbPort } from '@/src/db/rpc-port';
import { isAppError } from '@/src/shared/app-error';
import { sealToken } from './token-health-secrets';

// The platform just handed over a new token (and perhaps rotated the refresh token, making the
// old one useless): store it before anything else, retrying a database hiccup in place, because
// a retried job could not get it again.

const retryDelaysMs = [300, 1500];

type Target = { connectionId: string; tenantId: string; channel: string; previousSealed: string };

export async function storeRefreshedToken(
  db: DbPort,
  key: string,
  target: Target,
  token: RefreshedToken,
  now: Date,
): Promise<{ stored: boolean; sealed: string }> {
  const access = sealToken(key, target, 'access_token', token.accessToken);
  const refresh = token.refreshToken
    ? sealToken(key, target, 'refresh_token', token.refreshToken)
    : undefined;
  const args = {
    p_connection_id: target.connectionId,
    p_previous_token_encrypted: target.previousSealed,
    p_access_token_encrypted: access.sealed,
    p_access_token_hint: access.hint,
    p_token_expires_at: token.expiresAt?.toISOString() ?? null,
    p_refresh_token_encrypted: refresh?.sealed ?? null,
    p_refresh_token_expires_at: token.refreshTokenExpiresAt?.toISOString() ?? null,
    p_now: now.toISOString(),
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await db.rpc('token_health_store_refresh', args);
      return { stored: result.stored, sealed: access.sealed };
    } catch (error) {
      const delay = retryDelaysMs[attempt];
      if (isAppError(error) || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
