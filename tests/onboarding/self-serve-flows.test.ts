import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import { connectFacebookPage } from '@/src/dashboard/channels/onboarding/connect-facebook-page';
import { finishTikTokOAuth, startTikTokOAuth } from '@/src/dashboard/channels/onboarding/finish-tiktok-oauth';
import { finishWhatsAppSignup } from '@/src/dashboard/channels/onboarding/finish-whatsapp-signup';
import { listFacebookPages } from '@/src/dashboard/channels/onboarding/list-facebook-pages';
import { beginOnboarding } from '@/src/dashboard/channels/onboarding/onboarding-state';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, getEnv, setEnvForProcess } from '@/src/env';
import { type FakePlatforms, startFakePlatforms } from '../support/fake-platforms/fake-platform-server';
import type { FakeWorld } from '../support/fake-platforms/fake-world';
import { sampleWorld } from '../support/fake-platforms/sample-world';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The self-serve flows against a fake Graph / TikTok: Embedded Signup (and Coexistence),
// Facebook Login pages (+ Instagram), TikTok OAuth. Each stores one live 'platform' connection,
// every failure carries a reason the page explains, and a state is good for one try only.

let test: TestDatabase;
let fake: FakePlatforms;
let world: FakeWorld;
let env: AppEnv;
type Member = Awaited<ReturnType<typeof createTenantWithStaff>> & { tenant: TenantContext };
let tacos: Member;
let cafe: Member;

async function member(slug: string): Promise<Member> {
  const created = await createTenantWithStaff(test, slug);
  return { ...created, tenant: await resolveTenant(test.db, created.staff, slug) };
}

beforeAll(async () => {
  world = sampleWorld();
  fake = await startFakePlatforms(world);
  setEnvForProcess({
    GRAPH_API_BASE_URL: fake.baseUrl,
    TIKTOK_API_BASE_URL: fake.baseUrl,
    META_APP_ID: world.meta.appId,
    META_APP_SECRET: world.meta.appSecret,
    META_ES_CONFIG_ID: 'es-config-1',
    TIKTOK_CLIENT_KEY: world.tiktok.clientKey,
    TIKTOK_CLIENT_SECRET: world.tiktok.clientSecret,
  });
  env = getEnv();
  test = await createTestDatabase();
  tacos = await member('tacos');
  cafe = await member('cafe');
});
afterAll(async () => {
  await test.drop();
  await fake.close();
});

async function row(tenantId: string, channel: string) {
  const { rows } = await test.pool.query(
    'select * from channel_connections where tenant_id = $1 and channel = $2',
    [tenantId, channel],
  );
  return rows[0];
}

describe('WhatsApp Embedded Signup', () => {
  const finish = {
    event: 'FINISH',
    wabaId: '102290129340398',
    phoneNumberId: '106540352242922',
    pin: '246810',
  };

  it('exchanges the code, subscribes the WABA, registers the number and stores it live on the platform app', async () => {
    // An own-app connection before: signing up moves it to the platform's app.
    await test.db.rpc('admin_upsert_channel_connection', {
      p_tenant_slug: 'tacos',
      p_channel: 'whatsapp',
      p_fields: { phone_number_id: '1', app_kind: 'platform' },
    });
    const state = await beginOnboarding(test.db, tacos.staff, tacos.tenant, 'whatsapp_signup');
    const done = await finishWhatsAppSignup(test.db, tacos.staff, tacos.tenant, env, {
      ...finish,
      state,
      code: 'es-code-1',
    });

    expect(done.name).toBe('Tacos El Gordo');
    expect(done.card).toMatchObject({
      channel: 'whatsapp',
      mode: 'live',
      status: 'connected',
      app_kind: 'platform',
      phone_number_id: '106540352242922',
      business_account_id: '102290129340398',
      display_phone_number: '525512345678',
      display_name: 'Tacos El Gordo',
      webhook_secret: null,
    });
    expect(fake.record.subscribedWabas).toEqual(['102290129340398']);
    expect(fake.record.registered).toEqual([{ phoneNumberId: '106540352242922', pin: '246810' }]);
    const stored = await row(tacos.tenantId, 'whatsapp');
    expect(stored).toMatchObject({ quality_rating: 'GREEN', webhook_secret_digest: null });
    expect(
      decryptSecret(
        stored.access_token_encrypted,
        env.ENCRYPTION_KEY!,
        secretPlace(tacos.tenantId, 'whatsapp', 'access_token'),
      ),
    ).toBe('EAAB-business-token-tacos');
  });

  it('a second click with the same state is refused before anything is called again', async () => {
    const state = await beginOnboarding(test.db, tacos.staff, tacos.tenant, 'whatsapp_signup');
    world.meta.signupCodes['es-code-again'] = 'EAAB-business-token-tacos';
    await finishWhatsAppSignup(test.db, tacos.staff, tacos.tenant, env, {
      ...finish,
      state,
      code: 'es-code-again',
    });
    const registered = fake.record.registered.length;
    await expect(
      finishWhatsAppSignup(test.db, tacos.staff, tacos.tenant, env, {
        ...finish,
        state,
        code: 'es-code-again',
      }),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'state_invalid' } });
    expect(fake.record.registered).toHaveLength(registered);
    const { rows } = await test.pool.query(
      "select count(*)::int as n from channel_connections where channel = 'whatsapp'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("refuses another member's or another tenant's state, an expired code and a missing PIN", async () => {
    const state = await beginOnboarding(test.db, tacos.staff, tacos.tenant, 'whatsapp_signup');
    await expect(
      finishWhatsAppSignup(test.db, cafe.staff, cafe.tenant, env, { ...finish, state, code: 'x' }),
    ).rejects.toMatchObject({ details: { reason: 'state_invalid' } });
    await expect(
      finishWhatsAppSignup(test.db, tacos.staff, tacos.tenant, env, { ...finish, state, code: 'stale-code' }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { reason: 'code_invalid' } });
    await expect(
      finishWhatsAppSignup(test.db, tacos.staff, tacos.tenant, env, {
        ...finish,
        pin: undefined,
        state,
        code: 'x',
      }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['pin'] } });
  });

  it('tells a PIN mismatch apart, then connects the number with Coexistence without registering it', async () => {
    world.meta.signupCodes['es-code-pin'] = 'EAAB-business-token-coex';
    const coex = { wabaId: '102290129340777', phoneNumberId: '106540352240777' };
    const first = await beginOnboarding(test.db, cafe.staff, cafe.tenant, 'whatsapp_signup');
    await expect(
      finishWhatsAppSignup(test.db, cafe.staff, cafe.tenant, env, {
        ...coex,
        event: 'FINISH',
        pin: '000000',
        state: first,
        code: 'es-code-pin',
      }),
    ).rejects.toMatchObject({ details: { reason: 'pin_mismatch' } });
    expect(await row(cafe.tenantId, 'whatsapp')).toBeUndefined();

    const registered = fake.record.registered.length;
    const second = await beginOnboarding(test.db, cafe.staff, cafe.tenant, 'whatsapp_signup');
    const done = await finishWhatsAppSignup(test.db, cafe.staff, cafe.tenant, env, {
      event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING',
      wabaId: coex.wabaId,
      state: second,
      code: 'es-code-coex',
    });
    expect(done.card).toMatchObject({
      phone_number_id: '106540352240777',
      mode: 'live',
      app_kind: 'platform',
    });
    expect(fake.record.registered).toHaveLength(registered);
  });
});

describe('Messenger and Instagram through Facebook Login', () => {
  it('lists the pages without their tokens, then stores the picked page and its Instagram in one go', async () => {
    const state = await beginOnboarding(test.db, tacos.staff, tacos.tenant, 'meta_pages');
    const pages = await listFacebookPages(test.db, tacos.staff, tacos.tenant, env, {
      state,
      userToken: 'EAAB-short-user-token',
    });
    expect(pages).toEqual([{ id: '555000111', name: 'Tacos El Gordo', instagram: 'tacoselgordo' }]);
    expect(JSON.stringify(pages)).not.toContain('EAAB');

    const done = await connectFacebookPage(test.db, tacos.staff, tacos.tenant, env, {
      state,
      pageId: '555000111',
    });
    expect(done).toMatchObject({ page: 'Tacos El Gordo', instagram: 'tacoselgordo' });
    expect(done.cards.map((card) => [card.channel, card.mode, card.app_kind])).toEqual([
      ['facebook', 'live', 'platform'],
      ['instagram', 'live', 'platform'],
    ]);
    expect((await row(tacos.tenantId, 'instagram')).instagram_account_id).toBe('17841400000000111');
    expect(fake.record.subscribedPages).toEqual([
      {
        pageId: '555000111',
        fields:
          'messages,messaging_postbacks,message_reads,message_deliveries,message_echoes,message_reactions',
      },
    ]);
    await expect(
      connectFacebookPage(test.db, tacos.staff, tacos.tenant, env, { state, pageId: '555000111' }),
    ).rejects.toMatchObject({ details: { reason: 'state_invalid' } });
  });

  it('refuses a page the person does not manage', async () => {
    const state = await beginOnboarding(test.db, cafe.staff, cafe.tenant, 'meta_pages');
    await listFacebookPages(test.db, cafe.staff, cafe.tenant, env, {
      state,
      userToken: 'EAAB-short-user-token',
    });
    await expect(
      connectFacebookPage(test.db, cafe.staff, cafe.tenant, env, { state, pageId: '555000999' }),
    ).rejects.toMatchObject({ details: { reason: 'page_not_found' } });
    expect(await row(cafe.tenantId, 'facebook')).toBeUndefined();
  });
});

describe('TikTok OAuth', () => {
  it('sends the member to TikTok with a state, and the callback stores access and refresh tokens', async () => {
    const url = new URL(
      await startTikTokOAuth(test.db, tacos.staff, tacos.tenant, env, 'https://inbox.example'),
    );
    expect(url.searchParams.get('client_key')).toBe('tt-client-key');
    expect(url.searchParams.get('redirect_uri')).toBe('https://inbox.example/api/onboarding/tiktok/callback');
    const state = url.searchParams.get('state')!;
    expect(state.startsWith('tacos.')).toBe(true);

    const done = await finishTikTokOAuth(test.db, tacos.staff, tacos.tenant, env, 'https://inbox.example', {
      state,
      code: 'tt-auth-code-1',
    });
    expect(done.card).toMatchObject({
      channel: 'tiktok',
      tiktok_business_id: 'tt-business-tacos',
      mode: 'live',
      app_kind: 'platform',
    });
    expect(fake.record.tiktokExchanges).toEqual([
      { auth_code: 'tt-auth-code-1', redirect_uri: 'https://inbox.example/api/onboarding/tiktok/callback' },
    ]);
    const stored = await row(tacos.tenantId, 'tiktok');
    expect(
      decryptSecret(
        stored.refresh_token_encrypted,
        env.ENCRYPTION_KEY!,
        secretPlace(tacos.tenantId, 'tiktok', 'refresh_token'),
      ),
    ).toBe('rft.tacos-refresh');
    expect(stored.token_expires_at).toBeInstanceOf(Date);
    expect(stored.refresh_token_expires_at > stored.token_expires_at).toBe(true);

    await expect(
      finishTikTokOAuth(test.db, tacos.staff, tacos.tenant, env, 'https://inbox.example', {
        state,
        code: 'tt-auth-code-1',
      }),
    ).rejects.toMatchObject({ details: { reason: 'state_invalid' } });
  });
});
