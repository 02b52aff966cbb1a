import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import { getEnv } from '@/src/env';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let test: TestDatabase;
let key: string;
let tenantId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  key = getEnv().ENCRYPTION_KEY!;
  ({ tenantId } = await createTenantWithStaff(test, 'clinic-one'));
  await createTenantWithStaff(test, 'clinic-two');
});
afterAll(() => test.drop());

const whatsapp = {
  tenantSlug: 'clinic-one',
  channel: 'whatsapp' as const,
  mode: 'live' as const,
  phoneNumberId: '106540352242922',
  businessAccountId: '102290129340398',
  accessToken: 'EAAG-live-token-0123456789',
  appSecret: 'meta-app-secret-abcdef',
  verifyToken: 'verify-token-123',
};

describe('connecting a channel', () => {
  it('encrypts secrets and returns only masked hints', async () => {
    const connection = await connectChannel(test.db, key, whatsapp);
    expect(connection).toMatchObject({
      channel: 'whatsapp',
      mode: 'live',
      phone_number_id: '106540352242922',
      access_token: '••••6789',
      webhook_secret: '••••cdef',
      verify_token: 'verify-token-123',
    });
    expect(JSON.stringify(connection)).not.toContain('EAAG-live-token');
    expect(JSON.stringify(connection)).not.toContain('meta-app-secret');
    const { rows } = await test.pool.query(
      "select access_token_encrypted from channel_connections where tenant_id = $1 and channel = 'whatsapp'",
      [tenantId],
    );
    expect(
      decryptSecret(rows[0].access_token_encrypted, key, secretPlace(tenantId, 'whatsapp', 'access_token')),
    ).toBe(whatsapp.accessToken);
  });

  it('keeps stored secrets when an update leaves them out', async () => {
    const updated = await connectChannel(test.db, key, {
      tenantSlug: 'clinic-one',
      channel: 'whatsapp',
      aiEnabled: false,
    });
    expect(updated).toMatchObject({
      ai_enabled: false,
      access_token: '••••6789',
      phone_number_id: '106540352242922',
    });
  });

  it('refuses an account id that another tenant already connected', async () => {
    await expect(
      // (A secret of its own: sharing clinic-one's would be refused as secret_in_use first.)
      connectChannel(test.db, key, {
        ...whatsapp,
        tenantSlug: 'clinic-two',
        appSecret: 'clinic-two-app-secret',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'that whatsapp account id is already connected to another tenant',
    });
    const { rows } = await test.pool.query(
      "select count(*)::int as n from channel_connections c join tenants t on t.id = c.tenant_id where t.slug = 'clinic-two'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('a sandbox connection naming a live number squats nothing; it cannot go live while the owner is', async () => {
    const squatter = {
      ...whatsapp,
      tenantSlug: 'clinic-two',
      mode: 'sandbox' as const,
      appSecret: undefined,
    };
    await expect(connectChannel(test.db, key, squatter)).resolves.toMatchObject({ mode: 'sandbox' });
    await expect(connectChannel(test.db, key, { ...squatter, mode: 'live' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await test.pool.query(
      "delete from channel_connections c using tenants t where t.id = c.tenant_id and t.slug = 'clinic-two'",
    );
  });

  it('derives whose app a connection is on from its own secret', async () => {
    const { rows } = await test.pool.query(
      "select c.app_kind from channel_connections c join tenants t on t.id = c.tenant_id where t.slug = 'clinic-one' and c.channel = 'whatsapp'",
    );
    expect(rows).toEqual([{ app_kind: 'own' }]);
    await connectChannel(test.db, key, {
      tenantSlug: 'clinic-two',
      channel: 'facebook',
      mode: 'sandbox',
      pageId: '104518092546710',
    });
    const platform = await test.pool.query(
      "select c.app_kind from channel_connections c join tenants t on t.id = c.tenant_id where t.slug = 'clinic-two'",
    );
    expect(platform.rows).toEqual([{ app_kind: 'platform' }]);
    await test.pool.query(
      "delete from channel_connections c using tenants t where t.id = c.tenant_id and t.slug = 'clinic-two'",
    );
  });

  it('requires the account id the platform routes by, and the right secret name', async () => {
    await expect(
      connectChannel(test.db, key, {
        tenantSlug: 'clinic-one',
        channel: 'facebook',
        accessToken: 'x'.repeat(20),
      }),
    ).rejects.toMatchObject({ code: 'bad_request', message: 'a facebook connection needs its account id' });
    await expect(
      connectChannel(test.db, key, {
        tenantSlug: 'clinic-one',
        channel: 'tiktok',
        businessId: 'b1',
        appSecret: 's',
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      connectChannel(test.db, key, { tenantSlug: 'clinic-one', channel: 'whatsapp', verifyToken: 'short' }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      connectChannel(test.db, key, { tenantSlug: 'no-such-clinic', channel: 'facebook', pageId: '1' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
