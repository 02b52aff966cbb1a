import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('demo tenant seed', () => {
  it('is refused outside local mode', async () => {
    await expect(
      seedDemoTenant(test.db, { appMode: 'production', encryptionKey: getEnv().ENCRYPTION_KEY! }),
    ).rejects.toThrow(/only seeded in local mode/);
    const { rows } = await test.pool.query('select count(*)::int as n from tenants');
    expect(rows[0].n).toBe(0);
  });

  it('creates the clinic, its branch, owner, AI context and four sandbox connections, once', async () => {
    const key = getEnv().ENCRYPTION_KEY!;
    expect(await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key })).toEqual({
      created: true,
    });
    expect(await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key })).toEqual({
      created: false,
    });

    const tenant = await test.pool.query('select id, name, timezone from tenants where slug = $1', [
      demoTenant.slug,
    ]);
    expect(tenant.rows).toHaveLength(1);
    const tenantId = tenant.rows[0].id;
    const counts = await test.pool.query(
      `select (select count(*)::int from branches where tenant_id = $1) as branches,
              (select count(*)::int from tenant_members where tenant_id = $1 and role = 'owner') as owners,
              (select count(*)::int from channel_connections where tenant_id = $1 and mode = 'sandbox') as sandbox`,
      [tenantId],
    );
    expect(counts.rows[0]).toEqual({ branches: 1, owners: 1, sandbox: 4 });

    // The calendar: a branch in Mexico City with hours, three services, two dentists and three
    // appointments in the coming days (seeding twice booked nothing more).
    const scheduling = await test.pool.query(
      `select (select timezone from branches where tenant_id = $1) as timezone,
              (select weekly_hours -> 'sat' from branches where tenant_id = $1) as saturday,
              (select count(*)::int from services where tenant_id = $1) as services,
              (select count(*)::int from resources where tenant_id = $1 and kind = 'person') as dentists,
              (select count(*)::int from appointments where tenant_id = $1 and lower(period) > now()) as appointments,
              (select count(distinct lead_id)::int from appointments where tenant_id = $1) as patients`,
      [tenantId],
    );
    expect(scheduling.rows[0]).toEqual({
      timezone: 'America/Mexico_City',
      saturday: [['09:00', '14:00']],
      services: 3,
      dentists: 2,
      appointments: 3,
      patients: 3,
    });

    const ai = await test.pool.query(
      'select system_prompt, knowledge, business_hours from ai_tenant_context where tenant_id = $1',
      [tenantId],
    );
    expect(ai.rows[0].system_prompt).toContain('Clínica Dental Esva');
    expect(ai.rows[0].knowledge.services.length).toBeGreaterThan(3);
    expect(ai.rows[0].knowledge.faqs.length).toBeGreaterThan(2);
    expect(ai.rows[0].business_hours.weekly.mon).toEqual([['09:00', '19:00']]);

    // Secrets are stored encrypted, bound to their tenant and channel.
    const whatsapp = await test.pool.query(
      "select webhook_secret_encrypted, access_token_encrypted from channel_connections where tenant_id = $1 and channel = 'whatsapp'",
      [tenantId],
    );
    const sealed = whatsapp.rows[0].webhook_secret_encrypted as string;
    expect(sealed).not.toContain(demoTenant.metaAppSecret);
    expect(decryptSecret(sealed, key, secretPlace(tenantId, 'whatsapp', 'webhook_secret'))).toBe(
      demoTenant.metaAppSecret,
    );
    const tiktok = await test.pool.query(
      "select webhook_secret_encrypted from channel_connections where tenant_id = $1 and channel = 'tiktok'",
      [tenantId],
    );
    expect(
      decryptSecret(
        tiktok.rows[0].webhook_secret_encrypted,
        key,
        secretPlace(tenantId, 'tiktok', 'webhook_secret'),
      ),
    ).toBe(demoTenant.tiktokClientSecret);
  });
});
