import type { Channel } from '@/src/channels/channel-registry';
import { connectChannel } from '@/src/channels/connect-channel';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { WebhookConnection } from '@/src/inbound/load-webhook-connection';
import type { OwnPostgres } from './own-postgres';
import type { Secrets } from './secret-values';

// "sec-live": a tenant with a LIVE connection on every channel, each with its own access
// token, and an owner for the dashboard.

export const slug = 'sec-live';
export const accounts = {
  whatsapp: { phoneNumberId: '7800001', businessAccountId: '7800009' },
  facebook: { pageId: '7800002' },
  instagram: { instagramAccountId: '17841478000003' },
  tiktok: { businessId: '7800005' },
};

export async function seedSecretsTenant(db: OwnPostgres, secrets: Secrets): Promise<void> {
  const port = createPgPort(createPgPool(db.url, 2));
  try {
    await port.rpc('admin_create_tenant', { p_slug: slug, p_name: 'Secretos' });
    await port.rpc('admin_seed_staff_member', {
      p_tenant_slug: slug,
      p_email: `owner@${slug}.example`,
      p_role: 'owner',
    });
    const tokens = {
      whatsapp: secrets.whatsappToken,
      facebook: secrets.facebookToken,
      instagram: secrets.instagramToken,
      tiktok: secrets.tiktokToken,
    };
    for (const channel of Object.keys(accounts) as Array<keyof typeof accounts>) {
      await connectChannel(port, secrets.ENCRYPTION_KEY!, {
        tenantSlug: slug,
        channel,
        mode: 'live',
        accessToken: tokens[channel],
        ...accounts[channel],
        ...(channel === 'tiktok'
          ? { clientSecret: secrets.tiktokClientSecret }
          : { appSecret: secrets.connectionAppSecret, verifyToken: 'sec-live-verify-token' }),
      });
    }
  } finally {
    await port.close();
  }
}

/** Enough of a connection for buildTestDelivery to address a delivery to it. */
export function deliveryTarget(channel: Channel): WebhookConnection {
  const a = accounts as Partial<Record<Channel, Record<string, string>>>;
  return {
    tenant_id: '',
    connection_id: '',
    channel,
    mode: 'live',
    status: 'connected',
    ai_enabled: true,
    app_kind: 'own',
    phone_number_id: a[channel]!.phoneNumberId ?? null,
    business_account_id: a[channel]!.businessAccountId ?? null,
    display_phone_number: null,
    page_id: a[channel]!.pageId ?? null,
    instagram_account_id: a[channel]!.instagramAccountId ?? null,
    tiktok_business_id: a[channel]!.businessId ?? null,
    verify_token: null,
    webhook_secret_encrypted: null,
    secret_fingerprint: '',
  };
}
