import { z } from 'zod';
import { findInstagramAccount } from '@/src/channels/meta/onboarding/find-instagram-account';
import { listPages } from '@/src/channels/meta/onboarding/list-pages';
import { provePageOwnership } from '@/src/channels/meta/onboarding/prove-page-ownership';
import { subscribePage } from '@/src/channels/meta/onboarding/subscribe-page';
import { onboardingError } from '@/src/channels/ownership/onboarding-error';
import { decryptionKeys } from '@/src/crypto/decryption-keys';
import { decryptSecret } from '@/src/crypto/secret-box';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../../tenants/resolve-tenant';
import type { ChannelCard } from '../load-channels';
import { userTokenPlace } from './list-facebook-pages';
import { parseOnboardingInput } from './onboarding-input';
import { consumeOnboarding } from './onboarding-state';
import { requireMetaApp } from './platform-apps';
import { platformConnectionFields } from './platform-connection-fields';

// Facebook Login for Business, step 2: the picked Page's token (read again with the stashed
// user token, never taken from the browser), its webhook subscription, its Instagram account,
// and both connections stored in one transaction.

export const connectPageSchema = z
  .object({ state: z.string().min(20).max(200), pageId: z.string().regex(/^\d{1,32}$/) })
  .strict();

export async function connectFacebookPage(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: unknown,
): Promise<{ cards: ChannelCard[]; page: string; instagram?: string }> {
  requireMetaApp(env);
  const key = env.ENCRYPTION_KEY;
  if (!key) throw onboardingError('unavailable', 'platform_app_missing', 'ENCRYPTION_KEY is not set');
  const value = parseOnboardingInput(connectPageSchema, input);
  const { payloadEncrypted } = await consumeOnboarding(db, staff, tenant, 'meta_pages', value.state);
  if (!payloadEncrypted)
    throw onboardingError('conflict', 'state_invalid', 'no pages were listed for this state');
  const userToken = decryptSecret(payloadEncrypted, decryptionKeys(env), userTokenPlace(tenant.id));

  const page = (await listPages(env, userToken)).find((candidate) => candidate.id === value.pageId);
  if (!page)
    throw onboardingError(
      'bad_request',
      'page_not_found',
      `page ${value.pageId} is not managed by this user`,
    );
  await provePageOwnership(env, { pageId: page.id, accessToken: page.access_token });
  await subscribePage(env, page.id, page.access_token);
  const instagram = await findInstagramAccount(env, page.id, page.access_token);

  const connections: Record<string, Record<string, unknown>> = {
    facebook: platformConnectionFields(
      { channel: 'facebook', accessToken: page.access_token, pageId: page.id, displayName: page.name },
      key,
      tenant.id,
    ),
  };
  if (instagram) {
    connections.instagram = platformConnectionFields(
      {
        channel: 'instagram',
        accessToken: page.access_token,
        pageId: page.id,
        instagramAccountId: instagram.id,
        displayName: instagram.username ? `@${instagram.username}` : page.name,
      },
      key,
      tenant.id,
    );
  }
  const cards = await db.rpc(
    'dashboard_save_channels',
    { p_tenant_id: tenant.id, p_connections: connections },
    { as: staff },
  );
  log.info('onboarding.page_connected', { tenantId: tenant.id, instagram: Boolean(instagram) });
  return { cards, page: page.name, instagram: instagram?.username };
}
