import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { saveChannel } from '@/src/dashboard/channels/save-channel';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, getEnv, setEnvForProcess } from '@/src/env';
import { type FakePlatforms, startFakePlatforms } from '../support/fake-platforms/fake-platform-server';
import { sampleWorld } from '../support/fake-platforms/sample-world';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 14 §3: before a connection goes live, the platform is asked, with the token given,
// whether the id is the tenant's. The operator save (CLI) and the dashboard save both refuse
// a token that does not own the id, with a reason, and store nothing.

let test: TestDatabase;
let fake: FakePlatforms;
let env: AppEnv;
let key: string;
let tacos: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;

beforeAll(async () => {
  fake = await startFakePlatforms(sampleWorld());
  setEnvForProcess({
    GRAPH_API_BASE_URL: fake.baseUrl,
    INSTAGRAM_API_BASE_URL: fake.baseUrl,
    TIKTOK_API_BASE_URL: fake.baseUrl,
    META_APP_SECRET: 'platform-meta-app-secret',
    TIKTOK_CLIENT_SECRET: 'platform-tiktok-client-secret',
  });
  env = getEnv();
  key = env.ENCRYPTION_KEY!;
  test = await createTestDatabase();
  tacos = await createTenantWithStaff(test, 'tacos');
  tenant = await resolveTenant(test.db, tacos.staff, 'tacos');
  await createTenantWithStaff(test, 'rival');
});
afterAll(async () => {
  await test.drop();
  await fake.close();
});

async function liveRows(slug: string): Promise<string[]> {
  const { rows } = await test.pool.query(
    "select c.channel from channel_connections c join tenants t on t.id = c.tenant_id where t.slug = $1 and c.mode = 'live' order by 1",
    [slug],
  );
  return rows.map((row) => row.channel);
}

const whatsapp = {
  tenantSlug: 'tacos',
  channel: 'whatsapp' as const,
  mode: 'live' as const,
  phoneNumberId: '106540352242922',
  businessAccountId: '102290129340398',
};

describe('proof of ownership from the operator save (CLI)', () => {
  it("refuses the rival's token for our number, and our token for the rival's number", async () => {
    await expect(
      connectChannel(test.db, key, { ...whatsapp, accessToken: 'EAAB-business-token-rival' }, env),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'not_owner' } });
    await expect(
      connectChannel(
        test.db,
        key,
        { ...whatsapp, phoneNumberId: '106540352249999', accessToken: 'EAAB-business-token-tacos' },
        env,
      ),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'not_owner' } });
    // A number the token can read but that is not in the WABA named.
    await expect(
      connectChannel(
        test.db,
        key,
        { ...whatsapp, businessAccountId: '102290129349999', accessToken: 'EAAB-business-token-tacos' },
        env,
      ),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'not_owner' } });
    await expect(
      connectChannel(test.db, key, { ...whatsapp, accessToken: 'EAAB-made-up' }, env),
    ).rejects.toMatchObject({ code: 'bad_request', details: { reason: 'token_invalid' } });
    expect(await liveRows('tacos')).toEqual([]);
  });

  it('connects with the owning token, and asks for the token again before an id changes while live', async () => {
    const saved = await connectChannel(
      test.db,
      key,
      { ...whatsapp, accessToken: 'EAAB-business-token-tacos' },
      env,
    );
    expect(saved).toMatchObject({ mode: 'live', phone_number_id: '106540352242922', app_kind: 'platform' });
    // Renaming needs no proof; pointing it at another number without a token does.
    await expect(
      connectChannel(test.db, key, { tenantSlug: 'tacos', channel: 'whatsapp', displayName: 'Caja' }, env),
    ).resolves.toMatchObject({ display_name: 'Caja' });
    await expect(
      connectChannel(
        test.db,
        key,
        { tenantSlug: 'tacos', channel: 'whatsapp', phoneNumberId: '106540352249999' },
        env,
      ),
    ).rejects.toMatchObject({ code: 'bad_request', details: { reason: 'proof_needs_token' } });
    await expect(
      connectChannel(
        test.db,
        key,
        {
          tenantSlug: 'tacos',
          channel: 'whatsapp',
          mode: 'live',
          businessAccountId: undefined,
          phoneNumberId: '106540352242922',
          accessToken: 'EAAB-business-token-tacos',
        },
        env,
      ),
    ).resolves.toMatchObject({ mode: 'live' });
  });

  it('proves pages, Instagram accounts (page or Instagram Login) and TikTok businesses', async () => {
    const page = { tenantSlug: 'tacos', mode: 'live' as const, pageId: '555000111' };
    await expect(
      connectChannel(
        test.db,
        key,
        { ...page, channel: 'facebook', accessToken: 'EAAB-page-token-rival' },
        env,
      ),
    ).rejects.toMatchObject({ details: { reason: 'not_owner' } });
    await expect(
      connectChannel(
        test.db,
        key,
        { ...page, channel: 'facebook', accessToken: 'EAAB-page-token-tacos' },
        env,
      ),
    ).resolves.toMatchObject({ page_id: '555000111' });
    await expect(
      connectChannel(
        test.db,
        key,
        {
          ...page,
          channel: 'instagram',
          instagramAccountId: '17841400000000999',
          accessToken: 'EAAB-page-token-tacos',
        },
        env,
      ),
    ).rejects.toMatchObject({ details: { reason: 'not_owner' } });
    await expect(
      connectChannel(
        test.db,
        key,
        {
          tenantSlug: 'tacos',
          mode: 'live',
          channel: 'instagram',
          instagramAccountId: '17841400000000111',
          accessToken: 'IGAA-login-token-tacos',
        },
        env,
      ),
    ).resolves.toMatchObject({ instagram_account_id: '17841400000000111' });
    const tiktok = {
      tenantSlug: 'tacos',
      mode: 'live' as const,
      channel: 'tiktok' as const,
      businessId: 'tt-business-rival',
    };
    await expect(
      connectChannel(test.db, key, { ...tiktok, accessToken: 'act.tacos-access' }, env),
    ).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'not_owner' },
    });
    await expect(
      connectChannel(
        test.db,
        key,
        { ...tiktok, businessId: 'tt-business-tacos', accessToken: 'act.tacos-access' },
        env,
      ),
    ).resolves.toMatchObject({ tiktok_business_id: 'tt-business-tacos' });
  });

  it("refuses an id live for another tenant without naming it, even with the owner's token", async () => {
    const error = await connectChannel(
      test.db,
      key,
      { ...whatsapp, tenantSlug: 'rival', accessToken: 'EAAB-business-token-tacos' },
      env,
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'account_in_use' } });
    expect(String((error as Error).message)).not.toContain('tacos');
  });

  it('never repeats a token Graph quotes back in its error', async () => {
    const error = await connectChannel(
      test.db,
      key,
      { ...whatsapp, accessToken: 'garbled-token-SECRET-4242' },
      env,
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ details: { reason: 'token_invalid' } });
    expect((error as Error).message).toContain('Malformed access token [redacted]');
    expect((error as Error).message).not.toContain('SECRET-4242');
  });

  it('sandbox connections are never asked (the simulator needs no platform)', async () => {
    await expect(
      connectChannel(
        test.db,
        key,
        { ...whatsapp, tenantSlug: 'rival', mode: 'sandbox', accessToken: 'x'.repeat(20) },
        env,
      ),
    ).resolves.toMatchObject({ mode: 'sandbox' });
  });
});

describe('proof of ownership from the dashboard form', () => {
  const form = {
    channel: 'facebook',
    mode: 'live',
    aiEnabled: 'on',
    pageId: '555000999',
    accessToken: 'EAAB-page-token-tacos',
    webhookSecret: '',
  };

  it("refuses a page the token is not the page's token of, and keeps the stored connection", async () => {
    await expect(saveChannel(test.db, tacos.staff, tenant, key, form, env)).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'not_owner' },
    });
    const { rows } = await test.pool.query(
      "select page_id from channel_connections where tenant_id = $1 and channel = 'facebook'",
      [tacos.tenantId],
    );
    expect(rows).toEqual([{ page_id: '555000111' }]);
  });

  it('saves the page with its own token', async () => {
    await expect(
      saveChannel(test.db, tacos.staff, tenant, key, { ...form, pageId: '555000111' }, env),
    ).resolves.toMatchObject({ page_id: '555000111', mode: 'live' });
  });
});
