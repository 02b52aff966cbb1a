import type { AppEnv } from '@/src/env';
import type { ConnectionValues } from '../connection-fields';
import { onboardingError } from './onboarding-error';
import { type OwnershipEnv, type OwnershipFacts, proveOwnership } from './prove-ownership';

// What every manual save (CLI, dashboard form) must pass before it is written: an own secret is
// not the deployment's, and a connection that is (or becomes) live with a new id, a new token or
// a switch to live proves with the token given that the id is the tenant's.

export type SaveGuardEnv = OwnershipEnv & Pick<AppEnv, 'META_APP_SECRET' | 'TIKTOK_CLIENT_SECRET'>;

/** The stored connection, as the masked read returns it. */
export type StoredIds = {
  mode: 'live' | 'sandbox';
  phone_number_id: string | null;
  business_account_id: string | null;
  page_id: string | null;
  instagram_account_id: string | null;
  tiktok_business_id: string | null;
};

const idFields = [
  ['phoneNumberId', 'phone_number_id'],
  ['businessAccountId', 'business_account_id'],
  ['pageId', 'page_id'],
  ['instagramAccountId', 'instagram_account_id'],
  ['businessId', 'tiktok_business_id'],
] as const;

export function refusePlatformSecret(env: SaveGuardEnv, value: ConnectionValues): void {
  const platform = value.channel === 'tiktok' ? env.TIKTOK_CLIENT_SECRET : env.META_APP_SECRET;
  const own = value.appSecret ?? value.clientSecret;
  if (own !== undefined && platform !== undefined && own === platform) {
    throw onboardingError(
      'bad_request',
      'platform_secret_reused',
      "that is this platform's own app secret, not one of your app's: leave it out to use the platform's app",
    );
  }
}

export async function guardConnectionSave(
  env: SaveGuardEnv,
  stored: StoredIds | undefined,
  value: ConnectionValues,
): Promise<OwnershipFacts | undefined> {
  refusePlatformSecret(env, value);
  const mode = value.mode ?? stored?.mode ?? 'sandbox';
  if (mode !== 'live') return undefined;
  const idChanged = idFields.some(
    ([input, column]) => value[input] !== undefined && value[input] !== stored?.[column],
  );
  const goingLive = stored?.mode !== 'live';
  if (!idChanged && !goingLive && value.accessToken === undefined) return undefined;
  if (value.accessToken === undefined) {
    throw onboardingError(
      'bad_request',
      'proof_needs_token',
      'give the access token again: a live connection proves with it that the account is yours',
    );
  }
  const pick = (input: (typeof idFields)[number][0], column: (typeof idFields)[number][1]) =>
    value[input] ?? stored?.[column] ?? undefined;
  return proveOwnership(env, {
    channel: value.channel,
    accessToken: value.accessToken,
    phoneNumberId: pick('phoneNumberId', 'phone_number_id'),
    businessAccountId: pick('businessAccountId', 'business_account_id'),
    pageId: pick('pageId', 'page_id'),
    instagramAccountId: pick('instagramAccountId', 'instagram_account_id'),
    businessId: pick('businessId', 'tiktok_business_id'),
  });
}
