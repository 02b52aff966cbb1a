import { z } from 'zod';
import { onboardingError } from '@/src/channels/ownership/onboarding-error';
import { exchangeTikTokCode } from '@/src/channels/tiktok/onboarding/exchange-tiktok-code';
import { proveTikTokOwnership } from '@/src/channels/tiktok/onboarding/prove-tiktok-ownership';
import { tiktokAuthorizeUrl } from '@/src/channels/tiktok/onboarding/tiktok-authorize-url';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../../tenants/resolve-tenant';
import type { ChannelCard } from '../load-channels';
import { parseOnboardingInput } from './onboarding-input';
import { beginOnboarding, consumeOnboarding } from './onboarding-state';
import { requireTikTokApp } from './platform-apps';
import { platformConnectionFields } from './platform-connection-fields';

// TikTok OAuth: start sends the member to TikTok with a fresh state; the callback (same member,
// same tenant, state used once) exchanges the code for access + refresh tokens, reads the
// business it authorised and stores the connection live on the platform's app.

export function tiktokRedirectUri(baseUrl: string): string {
  return `${baseUrl}/api/onboarding/tiktok/callback`;
}

export async function startTikTokOAuth(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  baseUrl: string,
): Promise<string> {
  const app = requireTikTokApp(env);
  const state = await beginOnboarding(db, staff, tenant, 'tiktok_oauth');
  // The tenant rides in the state's row, not the URL; the slug prefix only routes the callback.
  return tiktokAuthorizeUrl(env, app.clientKey, tiktokRedirectUri(baseUrl), `${tenant.slug}.${state}`);
}

export const tiktokCallbackSchema = z.object({
  code: z.string().min(1).max(4096),
  state: z.string().regex(/^[a-z0-9-]{1,64}\.[A-Za-z0-9_-]{20,200}$/),
});

export function tenantSlugOfState(state: string): string | undefined {
  return /^([a-z0-9-]{1,64})\./.exec(state)?.[1];
}

export async function finishTikTokOAuth(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  baseUrl: string,
  input: unknown,
): Promise<{ card: ChannelCard; name: string }> {
  const app = requireTikTokApp(env);
  const key = env.ENCRYPTION_KEY;
  if (!key) throw onboardingError('unavailable', 'platform_app_missing', 'ENCRYPTION_KEY is not set');
  const value = parseOnboardingInput(tiktokCallbackSchema, input);
  const state = value.state.slice(value.state.indexOf('.') + 1);
  await consumeOnboarding(db, staff, tenant, 'tiktok_oauth', state);
  const tokens = await exchangeTikTokCode(
    env,
    { ...app, redirectUri: tiktokRedirectUri(baseUrl) },
    value.code,
  );
  const profile = await proveTikTokOwnership(env, {
    businessId: tokens.open_id,
    accessToken: tokens.access_token,
  });
  const now = Date.now();
  const card = await db.rpc(
    'dashboard_save_channel',
    {
      p_tenant_id: tenant.id,
      p_channel: 'tiktok',
      p_fields: platformConnectionFields(
        {
          channel: 'tiktok',
          accessToken: tokens.access_token,
          businessId: tokens.open_id,
          displayName: profile.name,
          refreshToken: tokens.refresh_token,
          tokenExpiresAt: new Date(now + tokens.expires_in * 1000).toISOString(),
          refreshTokenExpiresAt: new Date(now + tokens.refresh_token_expires_in * 1000).toISOString(),
        },
        key,
        tenant.id,
      ),
    },
    { as: staff },
  );
  log.info('onboarding.tiktok_connected', { tenantId: tenant.id });
  return { card, name: profile.name ?? 'TikTok' };
}
