import { encryptSecret, secretHint, secretPlace } from '@/src/crypto/secret-box';
import { secretDigest } from '@/src/crypto/secret-digest';
import type { Channel } from './channel-registry';

// The column values of a connection save, from validated input. Secrets are encrypted here, in
// the server, bound to this tenant + channel + field; only ciphertexts and hints go to SQL.

export type ConnectionValues = {
  channel: Channel;
  mode?: 'live' | 'sandbox';
  aiEnabled?: boolean;
  displayName?: string;
  phoneNumberId?: string;
  businessAccountId?: string;
  displayPhoneNumber?: string;
  pageId?: string;
  instagramAccountId?: string;
  businessId?: string;
  accessToken?: string;
  appSecret?: string;
  clientSecret?: string;
  emailAddress?: string;
  inboundCredentials?: string;
  verifyToken?: string;
};

function sealed(value: string | undefined, key: string, tenantId: string, channel: Channel, field: string) {
  if (value === undefined) return {};
  return {
    [`${field}_encrypted`]: encryptSecret(value, key, secretPlace(tenantId, channel, field)),
    [`${field}_hint`]: secretHint(value),
  };
}

export function buildConnectionFields(
  value: ConnectionValues,
  encryptionKey: string,
  tenantId: string,
): Record<string, unknown> {
  const plain = Object.entries({
    mode: value.mode,
    ai_enabled: value.aiEnabled,
    display_name: value.displayName,
    phone_number_id: value.phoneNumberId,
    business_account_id: value.businessAccountId,
    display_phone_number: value.displayPhoneNumber,
    page_id: value.pageId,
    instagram_account_id: value.instagramAccountId,
    tiktok_business_id: value.businessId,
    email_address: value.emailAddress?.toLowerCase(),
    verify_token: value.verifyToken,
  }).filter(([, field]) => field !== undefined);
  const ownSecret = value.appSecret ?? value.clientSecret ?? value.inboundCredentials;
  return {
    ...Object.fromEntries(plain),
    ...sealed(value.accessToken, encryptionKey, tenantId, value.channel, 'access_token'),
    ...sealed(ownSecret, encryptionKey, tenantId, value.channel, 'webhook_secret'),
    // A secret of its own makes it an own-app connection; its digest keeps it unique to the tenant.
    ...(ownSecret === undefined
      ? {}
      : { app_kind: 'own', webhook_secret_digest: secretDigest(ownSecret, encryptionKey) }),
  };
}
