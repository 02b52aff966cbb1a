import { connectChannel } from '@/src/channels/connect-channel';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { demoAiContext } from '@/src/tenants/demo-tenant';

// The bench's tenants, connected the way the CLI does it (secrets encrypted with the app's
// key): one whose WhatsApp messages the AI answers, one with AI off, each with its own Meta
// app (one secret belongs to one business); and one with AI off on the platform's app (no secret of its own), reached through
// /api/webhook/meta. All use the demo clinic's AI settings and a live connection, so replies go
// to the (fake) Graph API.

export const benchSecret = 'bench-meta-app-secret';
/** The platform app's secret (META_APP_SECRET of the bench app). */
export const benchPlatformSecret = 'bench-platform-meta-app-secret';
export const tenants = {
  ai: { slug: 'bench-ai', phoneNumberId: '100000000000101', secret: benchSecret },
  noAi: { slug: 'bench-noai', phoneNumberId: '100000000000102', secret: 'bench-noai-meta-app-secret' },
  platform: { slug: 'bench-platform', phoneNumberId: '100000000000103', secret: benchPlatformSecret },
} as const;

export async function seedBenchTenants(url: string, encryptionKey: string): Promise<void> {
  const db = createPgPort(createPgPool(url, 2));
  try {
    for (const [tenant, aiEnabled, appSecret] of [
      [tenants.ai, true, tenants.ai.secret],
      [tenants.noAi, false, tenants.noAi.secret],
      [tenants.platform, false, undefined],
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
        appSecret,
      });
    }
    // The benches measure messages: the token check each new live connection enqueues is marked
    // done, so it neither runs inside a measured window nor spends the fake Graph's answers.
    await db.pool.query("delete from public.jobs where job_type = 'token_health'");
    await db.pool.query('update public.channel_connections set token_checked_at = now()');
  } finally {
    await db.close();
  }
}
