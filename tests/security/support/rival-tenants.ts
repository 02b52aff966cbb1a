import type { Channel } from '@/src/channels/channel-registry';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv } from '@/src/env';
import type { TestDatabase } from '../../support/test-database';
import { fixtureAccounts } from '../../webhooks/support/webhook-tenant';

// Two tenants with their own account ids and their own secrets: A owns the ids used in
// tests/fixtures (so fixtures are A's deliveries), B is the attacker or the victim next door.

export type RivalTenant = {
  slug: string;
  tenantId: string;
  metaSecret: string;
  tiktokSecret: string;
  accounts: Partial<Record<Channel, Record<string, string>>>;
};

const bAccounts = {
  whatsapp: { phoneNumberId: '880000000000001', businessAccountId: '880000000000002' },
  facebook: { pageId: '880000000000003' },
  instagram: { instagramAccountId: '17841488000000004' },
  tiktok: { businessId: '7391880000000000005' },
  twilio: { accountSid: 'AC88000000000000000000000000000006', from: 'whatsapp:+5215588000006' },
};

async function createRival(
  test: TestDatabase,
  slug: string,
  accounts: Partial<Record<Channel, Record<string, string>>>,
  secrets: { meta?: string; tiktok?: string; twilio?: string },
): Promise<RivalTenant> {
  const tenant = await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: slug });
  for (const channel of ['whatsapp', 'facebook', 'instagram', 'tiktok', 'twilio'] as const) {
    const own =
      channel === 'twilio'
        ? { authToken: secrets.twilio }
        : channel === 'tiktok'
          ? { clientSecret: secrets.tiktok }
          : { appSecret: secrets.meta, verifyToken: `${slug.replace(/\d+$/, '')}-verify-token` };
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: slug,
      channel,
      mode: 'sandbox',
      ...accounts[channel],
      ...own,
    });
  }
  return {
    slug,
    tenantId: tenant.id,
    metaSecret: secrets.meta ?? '',
    tiktokSecret: secrets.tiktok ?? '',
    accounts,
  };
}

let round = 0;

/**
 * Deletes earlier rivals (freeing A's fixture ids), then makes A and B under new slugs (the
 * webhook route caches connections by slug for 30 s). `sharedMeta`: Meta secrets left to
 * META_APP_SECRET.
 */
export async function createRivalTenants(
  test: TestDatabase,
  options: { sharedMeta?: boolean } = {},
): Promise<{ a: RivalTenant; b: RivalTenant }> {
  await test.pool.query("delete from tenants where slug like 'rival-%'");
  round += 1;
  const meta = (name: string) => (options.sharedMeta ? undefined : `${name}-meta-app-secret-0123456789`);
  const a = await createRival(test, `rival-a${round}`, fixtureAccounts, {
    meta: meta('a'),
    tiktok: 'a-tiktok-client-secret-0123456789',
    twilio: 'a-twilio-auth-token-0123456789',
  });
  const b = await createRival(test, `rival-b${round}`, bAccounts, {
    meta: meta('b'),
    tiktok: 'b-tiktok-client-secret-0123456789',
    twilio: 'b-twilio-auth-token-0123456789',
  });
  return { a, b };
}
