import type { Channel } from '@/src/channels/channel-registry';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv } from '@/src/env';
import type { TestDatabase } from '../../support/test-database';

// A tenant whose four connections carry the account ids used in tests/fixtures, connected
// through the same function the CLI and the dashboard use (secrets encrypted for real).

export const fixtureAccounts = {
  whatsapp: { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' },
  facebook: { pageId: '104518092546710' },
  instagram: { instagramAccountId: '17841405822304914' },
  tiktok: { businessId: '7391824050284626949' },
  twilio: { accountSid: 'AC0123456789abcdef0123456789abcdef', from: 'whatsapp:+14155238886' },
  email: { emailAddress: 'hola@clinica-fixture.example' },
} as const;

export const secrets = {
  meta: 'test-meta-app-secret-0123456789',
  tiktok: 'test-tiktok-client-secret-0123456789',
  /** The Twilio account's Auth Token: it signs Twilio's webhooks. */
  twilio: 'test-twilio-auth-token-0123456789',
  verifyToken: 'test-verify-token-0123',
  /** Postmark's Basic credentials (user:password in the webhook URL). */
  email: 'postmark:test-email-password-0123',
};

export function secretFor(channel: Channel): string {
  if (channel === 'twilio') return secrets.twilio;
  if (channel === 'email') return secrets.email;
  return channel === 'tiktok' ? secrets.tiktok : secrets.meta;
}

function secretFields(channel: Channel, withSecrets: boolean): Record<string, string | undefined> {
  if (channel === 'twilio') return { authToken: withSecrets ? secrets.twilio : undefined };
  if (channel === 'tiktok') return { clientSecret: withSecrets ? secrets.tiktok : undefined };
  if (channel === 'email') return { inboundCredentials: withSecrets ? secrets.email : undefined };
  return { appSecret: withSecrets ? secrets.meta : undefined, verifyToken: secrets.verifyToken };
}

export async function createWebhookTenant(
  test: TestDatabase,
  slug: string,
  accounts: Partial<Record<Channel, Record<string, string>>> = fixtureAccounts,
  options: { withSecrets?: boolean; aiEnabled?: boolean } = {},
): Promise<{ tenantId: string }> {
  const tenant = await test.db.rpc('admin_create_tenant', {
    p_slug: slug,
    p_name: `Tenant ${slug}`,
  });
  const key = getEnv().ENCRYPTION_KEY!;
  const withSecrets = options.withSecrets ?? true;
  for (const channel of Object.keys(accounts) as Channel[]) {
    await connectChannel(test.db, key, {
      tenantSlug: slug,
      channel,
      mode: 'sandbox',
      aiEnabled: options.aiEnabled ?? true,
      ...accounts[channel],
      ...secretFields(channel, withSecrets),
    });
  }
  return { tenantId: tenant.id };
}
