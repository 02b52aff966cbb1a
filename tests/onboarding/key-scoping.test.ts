import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { secretDigest } from '@/src/crypto/secret-digest';
import { saveChannel } from '@/src/dashboard/channels/save-channel';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, getEnv, setEnvForProcess } from '@/src/env';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Key scoping, the save side: a connection given its own secret is 'own' and stores the
// secret's keyed digest; two tenants may not share a secret; the deployment's own secrets are
// never accepted as a tenant's. Sandbox saves, so no platform is asked.

let test: TestDatabase;
let env: AppEnv;
let key: string;

beforeAll(async () => {
  setEnvForProcess({
    META_APP_SECRET: 'platform-meta-app-secret',
    TIKTOK_CLIENT_SECRET: 'platform-tiktok-client-secret',
  });
  env = getEnv();
  key = env.ENCRYPTION_KEY!;
  test = await createTestDatabase();
  await createTenantWithStaff(test, 'clinic-one');
  await createTenantWithStaff(test, 'clinic-two');
});
afterAll(() => test.drop());

async function stored(slug: string, channel: string) {
  const { rows } = await test.pool.query(
    'select c.app_kind, c.webhook_secret_digest from channel_connections c join tenants t on t.id = c.tenant_id where t.slug = $1 and c.channel = $2',
    [slug, channel],
  );
  return rows[0];
}

const page = { channel: 'facebook' as const, pageId: '1000001', appSecret: 'clinic-one-own-app-secret' };

describe('key scoping on save', () => {
  it("marks a connection with its own secret as 'own' and stores the secret's HMAC under ENCRYPTION_KEY", async () => {
    const saved = await connectChannel(test.db, key, { tenantSlug: 'clinic-one', ...page }, env);
    expect(saved).toMatchObject({ app_kind: 'own', webhook_secret: '••••cret' });
    expect(await stored('clinic-one', 'facebook')).toEqual({
      app_kind: 'own',
      webhook_secret_digest: secretDigest('clinic-one-own-app-secret', key),
    });
    const platform = await connectChannel(
      test.db,
      key,
      { tenantSlug: 'clinic-one', channel: 'tiktok', businessId: 'b-1' },
      env,
    );
    expect(platform).toMatchObject({ app_kind: 'platform', webhook_secret: null });
  });

  it("lets one business use its own Meta app's secret for all its Meta channels", async () => {
    await expect(
      connectChannel(
        test.db,
        key,
        { tenantSlug: 'clinic-one', ...page, channel: 'whatsapp', phoneNumberId: '2000001' },
        env,
      ),
    ).resolves.toMatchObject({ app_kind: 'own' });
  });

  it("refuses another tenant's secret with a reason and without naming the tenant", async () => {
    const error = await connectChannel(
      test.db,
      key,
      { tenantSlug: 'clinic-two', ...page, pageId: '1000002' },
      env,
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'secret_in_use' } });
    expect((error as Error).message).not.toContain('clinic-one');
    expect(await stored('clinic-two', 'facebook')).toBeUndefined();
  });

  it("refuses the deployment's META_APP_SECRET / TIKTOK_CLIENT_SECRET as a tenant's own", async () => {
    await expect(
      connectChannel(
        test.db,
        key,
        { tenantSlug: 'clinic-two', ...page, pageId: '1000002', appSecret: 'platform-meta-app-secret' },
        env,
      ),
    ).rejects.toMatchObject({ code: 'bad_request', details: { reason: 'platform_secret_reused' } });
    await expect(
      connectChannel(
        test.db,
        key,
        {
          tenantSlug: 'clinic-two',
          channel: 'tiktok',
          businessId: 'b-2',
          clientSecret: 'platform-tiktok-client-secret',
        },
        env,
      ),
    ).rejects.toMatchObject({ details: { reason: 'platform_secret_reused' } });
  });

  it('applies the same rules to the dashboard form', async () => {
    const two = await createTenantWithStaff(test, 'clinic-three');
    const tenant = await resolveTenant(test.db, two.staff, 'clinic-three');
    const form = { channel: 'facebook', mode: 'sandbox', aiEnabled: 'on', pageId: '1000003' };
    await expect(
      saveChannel(
        test.db,
        two.staff,
        tenant,
        key,
        { ...form, webhookSecret: 'clinic-one-own-app-secret' },
        env,
      ),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'secret_in_use' } });
    await expect(
      saveChannel(
        test.db,
        two.staff,
        tenant,
        key,
        { ...form, webhookSecret: 'platform-meta-app-secret' },
        env,
      ),
    ).rejects.toMatchObject({ details: { reason: 'platform_secret_reused' } });
    await expect(
      saveChannel(test.db, two.staff, tenant, key, { ...form, webhookSecret: 'clinic-three-secret' }, env),
    ).resolves.toMatchObject({ app_kind: 'own' });
  });

  it('the SQL save refuses an own-app row without a secret, and a digest that is not a hex HMAC', async () => {
    await expect(
      test.db.rpc('admin_upsert_channel_connection', {
        p_tenant_slug: 'clinic-two',
        p_channel: 'tiktok',
        p_fields: { tiktok_business_id: 'b-9', app_kind: 'own' },
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      test.db.rpc('admin_upsert_channel_connection', {
        p_tenant_slug: 'clinic-two',
        p_channel: 'tiktok',
        p_fields: { tiktok_business_id: 'b-9', webhook_secret_digest: 'not-hex' },
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });
});
