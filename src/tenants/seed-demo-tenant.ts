import { connectChannel } from '@/src/channels/connect-channel';
import type { DbPort } from '@/src/db/rpc-port';
import { isAppError } from '@/src/shared/app-error';
import { demoAiContext, demoTenant } from './demo-tenant';
import { hasDemoAppointments, seedDemoScheduling } from './seed-demo-scheduling';

async function isComplete(db: DbPort): Promise<boolean> {
  try {
    const connections = await db.rpc('admin_list_channel_connections', {
      p_tenant_slug: demoTenant.slug,
    });
    return connections.length === 4 && (await hasDemoAppointments(db));
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return false;
    throw error;
  }
}

// Seeds the demo tenant when it is absent (or was left half-seeded by an interrupted start:
// every step below is an upsert). Refused outside local mode.
export async function seedDemoTenant(
  db: DbPort,
  options: { appMode: 'local' | 'production'; encryptionKey: string },
): Promise<{ created: boolean }> {
  if (options.appMode !== 'local') throw new Error('The demo tenant is only seeded in local mode');
  if (await isComplete(db)) return { created: false };
  const d = demoTenant;
  try {
    await db.rpc('admin_create_tenant', { p_slug: d.slug, p_name: d.name, p_timezone: d.timezone });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'conflict') throw error;
  }
  await db.rpc('admin_upsert_branch', {
    p_tenant_slug: d.slug,
    p_name: 'Sucursal Del Valle',
    p_address: 'Av. Insurgentes Sur 1234, Col. Del Valle, CDMX',
    p_phone: '5215512345678',
  });
  await db.rpc('admin_seed_staff_member', { p_tenant_slug: d.slug, p_email: d.ownerEmail, p_role: 'owner' });
  await db.rpc('admin_update_ai_context', { p_tenant_slug: d.slug, p_patch: demoAiContext });
  const common = { tenantSlug: d.slug, mode: 'sandbox' as const, verifyToken: d.verifyToken };
  const key = options.encryptionKey;
  await connectChannel(db, key, {
    ...common,
    channel: 'whatsapp',
    ...d.whatsapp,
    accessToken: 'sandbox-access-token-whatsapp',
    appSecret: d.metaAppSecret,
  });
  await connectChannel(db, key, {
    ...common,
    channel: 'facebook',
    ...d.facebook,
    accessToken: 'sandbox-access-token-facebook',
    appSecret: d.metaAppSecret,
  });
  await connectChannel(db, key, {
    ...common,
    channel: 'instagram',
    ...d.instagram,
    accessToken: 'sandbox-access-token-instagram',
    appSecret: d.metaAppSecret,
  });
  await connectChannel(db, key, {
    ...common,
    channel: 'tiktok',
    ...d.tiktok,
    accessToken: 'sandbox-access-token-tiktok',
    clientSecret: d.tiktokClientSecret,
  });
  await seedDemoScheduling(db);
  return { created: true };
}
