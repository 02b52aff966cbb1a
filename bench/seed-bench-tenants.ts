import { connectChannel } from '@/src/channels/connect-channel';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { demoAiContext } from '@/src/tenants/demo-tenant';

// The bench's two tenants, connected the way the CLI does it (secrets encrypted with the app's
// key): one whose WhatsApp messages the AI answers, one with AI off. Both use the demo clinic's
// AI settings and a live connection, so replies go to the (fake) Graph API.

export const benchSecret = 'bench-meta-app-secret';
export const tenants = {
  ai: { slug: 'bench-ai', phoneNumberId: '100000000000101' },
  noAi: { slug: 'bench-noai', phoneNumberId: '100000000000102' },
} as const;

export async function seedBenchTenants(url: string, encryptionKey: string): Promise<void> {
  const db = createPgPort(createPgPool(url, 2));
  try {
    for (const [tenant, aiEnabled] of [
      [tenants.ai, true],
      [tenants.noAi, false],
    ] as const) {
      await db.rpc('admin_create_tenant', {
        p_slug: tenant.slug,
        p_name: `Bench ${tenant.slug}`,
        p_timezone: 'America/Mexico_City',
      });
      await db.rpc('admin_update_ai_context', { p_tenant_slug: tenant.slug, p_patch: demoAiContext });
      await connectChannel(db, encryptionKey, {
        tenantSlug: tenant.slug,
        channel: 'whatsapp',
        mode: 'live',
        aiEnabled,
        phoneNumberId: tenant.phoneNumberId,
        displayPhoneNumber: '5215512345678',
        accessToken: 'bench-access-token',
        appSecret: benchSecret,
      });
    }
  } finally {
    await db.close();
  }
}
