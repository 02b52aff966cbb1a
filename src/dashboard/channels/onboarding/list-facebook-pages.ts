import { z } from 'zod';
import { exchangeUserToken } from '@/src/channels/meta/onboarding/exchange-user-token';
import { listPages } from '@/src/channels/meta/onboarding/list-pages';
import { onboardingError } from '@/src/channels/ownership/onboarding-error';
import { encryptSecret, secretPlace } from '@/src/crypto/secret-box';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import type { TenantContext } from '../../tenants/resolve-tenant';
import { parseOnboardingInput } from './onboarding-input';
import { stashOnboarding } from './onboarding-state';
import { requireMetaApp } from './platform-apps';

// Facebook Login for Business, step 1: the short-lived user token from FB.login becomes a
// long-lived one, kept encrypted on the flow's state (never in the browser) until a Page is
// picked; the browser gets only the Pages' ids, names and linked Instagram usernames.

export const listPagesSchema = z
  .object({ state: z.string().min(20).max(200), userToken: z.string().min(1).max(4096) })
  .strict();

export type PageChoice = { id: string; name: string; instagram?: string };

export function userTokenPlace(tenantId: string): string {
  return secretPlace(tenantId, 'facebook', 'onboarding_user_token');
}

export async function listFacebookPages(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: unknown,
): Promise<PageChoice[]> {
  const app = requireMetaApp(env);
  if (!env.ENCRYPTION_KEY)
    throw onboardingError('unavailable', 'platform_app_missing', 'ENCRYPTION_KEY is not set');
  const value = parseOnboardingInput(listPagesSchema, input);
  const userToken = await exchangeUserToken(env, app, value.userToken);
  const pages = await listPages(env, userToken);
  if (pages.length === 0)
    throw onboardingError('bad_request', 'no_pages', 'this Facebook user manages no Page');
  const sealed = encryptSecret(userToken, env.ENCRYPTION_KEY, userTokenPlace(tenant.id));
  await stashOnboarding(db, staff, tenant, 'meta_pages', value.state, sealed);
  return pages.map((page) => ({
    id: page.id,
    name: page.name,
    instagram: page.instagram_business_account?.username ?? page.instagram_business_account?.id,
  }));
}
