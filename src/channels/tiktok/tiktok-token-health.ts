import { z } from 'zod';
import { requestPlatformJson } from '@/src/channels/platform-json-request';
import {
  PlatformUnavailableError,
  type RefreshOutcome,
  type TokenFacts,
  type TokenHealthCheck,
  type TokenHealthInput,
} from '@/src/channels/token-health-types';

// TikTok Business API OAuth (PLATFORMS-2.md §2.2): access tokens live 24 h, refresh tokens a
// year, and the refresh token may rotate (the job stores the new one at once). Refreshing needs
// the platform app's client key and secret, so the tenant's own app is not refreshed. TikTok
// documents no token inspection we can rely on, so the check reads the stored expiries; webhook
// subscriptions are per app (business/webhook/update), not per account: not checked.

const refreshWithinMs = 36 * 3_600_000;
const envelopeSchema = z.object({
  code: z.coerce.number(),
  message: z.string().optional(),
  data: z.unknown(),
});
const tokenSchema = z
  .object({
    access_token: z.string().min(1),
    expires_in: z.number().int().positive(),
    refresh_token: z.string().min(1).optional(),
    refresh_token_expires_in: z.number().int().positive().optional(),
    scope: z.string().optional(),
  })
  .loose();
// Rate limit and server-side codes: the same refresh token works again later.
const transientCodes = (code: number) => code === 40100 || (code >= 50000 && code < 60000);

const after = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

async function refreshTikTok(input: TokenHealthInput): Promise<RefreshOutcome> {
  const { connection, refreshToken, env, now } = input;
  const clientId = env.TIKTOK_CLIENT_KEY;
  const clientSecret = env.TIKTOK_CLIENT_SECRET;
  if (!refreshToken || connection.appKind !== 'platform' || !clientId || !clientSecret)
    return { kind: 'not_due' };
  const expiresAt = connection.tokenExpiresAt;
  if (expiresAt && expiresAt.getTime() - now.getTime() > refreshWithinMs) return { kind: 'not_due' };
  if (connection.refreshTokenExpiresAt && connection.refreshTokenExpiresAt <= now) {
    return { kind: 'refused', reason: 'TikTok: the refresh token expired' };
  }
  const response = await requestPlatformJson(
    {
      method: 'POST',
      url: `${env.TIKTOK_API_BASE_URL}/open_api/v1.3/tt_user/oauth2/refresh_token/`,
      body: {
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      },
    },
    { timeoutMs: env.SEND_REQUEST_TIMEOUT_MS, signal: input.signal, platform: 'TikTok' },
  );
  const parsed = envelopeSchema.safeParse(response.body);
  if (!parsed.success)
    throw new Error(`TikTok refresh answered HTTP ${response.status} with an unreadable body`);
  const { code, message } = parsed.data;
  const detail = `TikTok refresh code ${code}: ${message ?? 'no message'}`.slice(0, 300);
  if (code !== 0 && transientCodes(code)) throw new PlatformUnavailableError(detail);
  if (code !== 0 || response.status >= 400) return { kind: 'refused', reason: detail };
  const data = tokenSchema.safeParse(parsed.data.data).data;
  if (!data) throw new Error('TikTok refresh answered code 0 without a token');
  return {
    kind: 'refreshed',
    token: {
      accessToken: data.access_token,
      expiresAt: after(now, data.expires_in),
      refreshToken: data.refresh_token,
      refreshTokenExpiresAt: data.refresh_token_expires_in ? after(now, data.refresh_token_expires_in) : null,
      scopes: data.scope
        ?.split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    },
  };
}

function inspectStoredExpiry(input: TokenHealthInput): Promise<TokenFacts> {
  const expiresAt = input.connection.tokenExpiresAt;
  if (expiresAt && expiresAt <= input.now) {
    return Promise.resolve({
      valid: false,
      reason: 'TikTok: the access token expired and could not be refreshed',
    });
  }
  return Promise.resolve({ valid: true });
}

export const tiktokTokenHealth: TokenHealthCheck = { refresh: refreshTikTok, inspect: inspectStoredExpiry };
