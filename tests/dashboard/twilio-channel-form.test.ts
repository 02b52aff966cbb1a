import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTwilioCredentials } from '@/src/channels/twilio/twilio-credentials';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import { ChannelCardView } from '@/src/dashboard/channels/channel-card-view';
import { loadChannels } from '@/src/dashboard/channels/load-channels';
import { saveChannel } from '@/src/dashboard/channels/save-channel';
import { webhookTarget } from '@/src/dashboard/channels/webhook-target';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, getEnv, setEnvForProcess } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The Twilio connection form on the channels page: Account SID, Auth Token (kept when left
// blank), an optional API key, and one sender box (a WhatsApp number or a Messaging Service SID).
// Saved the way the server action saves it (with the ownership guard), read back from the real
// database, decrypted; going live asks a fake Twilio (GET /Accounts/{sid}.json) with the
// credentials given, as Twilio answers only to the account's own credentials.

const twilio = 'https://twilio.test';
const accountSid = 'AC5ef8732a3c49700934481addd5ce1659';
const authToken = 'c0ffee1234567890c0ffee1234567890';
const apiKeySid = 'SK2864b6d1f5a8d8c4e0b1c6d7e8f9a0b1';
const serviceSid = 'MG9752274e9e519418a7406176694466fa';
const server = setupServer();
const proofs: string[] = [];
let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;
let env: AppEnv;
let key: string;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  setEnvForProcess({ TWILIO_API_BASE_URL: twilio, APP_BASE_URL: 'https://inbox.example.com' });
  env = getEnv();
  key = env.ENCRYPTION_KEY!;
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'clinica-twilio');
  tenant = await resolveTenant(test.db, owner.staff, 'clinica-twilio');
  server.use(
    http.get(`${twilio}/2010-04-01/Accounts/:sid.json`, ({ request, params }) => {
      const authorization = request.headers.get('authorization') ?? '';
      proofs.push(authorization);
      const [user, password] = Buffer.from(authorization.replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':');
      const accepted =
        params.sid === accountSid &&
        ((user === accountSid && password === authToken) ||
          (user === apiKeySid && password === 'key-secret-1'));
      if (!accepted) {
        return HttpResponse.json(
          {
            code: 20003,
            message: 'Authenticate',
            more_info: 'https://www.twilio.com/docs/errors/20003',
            status: 401,
          },
          { status: 401 },
        );
      }
      return HttpResponse.json({
        sid: accountSid,
        friendly_name: 'Clínica Sonrisa',
        status: 'active',
        type: 'Full',
        uri: `/2010-04-01/Accounts/${accountSid}.json`,
      });
    }),
  );
});
afterEach(() => {
  proofs.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

const form = (fields: Record<string, string>) => ({
  channel: 'twilio',
  mode: 'live',
  aiEnabled: 'on',
  displayName: '',
  accountSid,
  authToken: '',
  apiKeySid: '',
  apiKeySecret: '',
  sender: '',
  ...fields,
});

async function stored() {
  const { rows } = await test.pool.query(
    `select mode, app_kind, business_account_id, phone_number_id, display_phone_number,
       access_token_encrypted, webhook_secret_encrypted from channel_connections
     where tenant_id = $1 and channel = 'twilio'`,
    [owner.tenantId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const open = (field: string, sealed: string) =>
    decryptSecret(sealed, key, secretPlace(owner.tenantId, 'twilio', field));
  return {
    mode: row.mode,
    appKind: row.app_kind,
    accountSid: row.business_account_id,
    sender: row.phone_number_id,
    display: row.display_phone_number,
    credentials: readTwilioCredentials(open('access_token', row.access_token_encrypted)),
    authToken: open('webhook_secret', row.webhook_secret_encrypted),
  };
}

describe('the Twilio connection form', () => {
  it('refuses, field by field, what Twilio never issues, and stores nothing', async () => {
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ accountSid: 'AC123', authToken }, ['accountSid']],
      [{ authToken, sender: 'mi número' }, ['sender']],
      [{ authToken, apiKeySid }, ['apiKeySecret']],
      // Twilio signs its webhooks with the Auth Token, even when sends use a key.
      [{ apiKeySid, apiKeySecret: 'key-secret-1' }, ['authToken']],
      // A first connection: no stored Auth Token to keep.
      [{ sender: 'whatsapp:+14155238886' }, ['authToken']],
    ];
    for (const [fields, invalid] of cases) {
      await expect(saveChannel(test.db, owner.staff, tenant, key, form(fields), env)).rejects.toMatchObject({
        code: 'bad_request',
        details: { fields: invalid },
      });
    }
    expect(await stored()).toBeUndefined();
    expect(proofs).toEqual([]);
  });

  it('goes live with the Auth Token: proved with Twilio, the number as Twilio writes it, secrets sealed', async () => {
    const card = await saveChannel(
      test.db,
      owner.staff,
      tenant,
      key,
      form({ authToken, sender: '+52 55 1234 5678' }),
      env,
    );
    expect(card).toMatchObject({ mode: 'live', webhook_secret: `••••${authToken.slice(-4)}` });
    expect(proofs).toEqual([`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`]);
    expect(await stored()).toEqual({
      mode: 'live',
      appKind: 'own',
      accountSid,
      sender: 'whatsapp:+525512345678',
      display: '525512345678',
      credentials: { accountSid, username: accountSid, password: authToken },
      authToken,
    });
  });

  it('keeps the stored Auth Token when left blank', async () => {
    const before = await stored();
    await saveChannel(
      test.db,
      owner.staff,
      tenant,
      key,
      form({ displayName: 'Recepción', sender: 'whatsapp:+525512345678' }),
      env,
    );
    expect(await stored()).toEqual(before);
    expect(proofs).toEqual([]);
  });

  it('refuses another Account SID without its Auth Token', async () => {
    const other = 'AC0000000000000000000000000000beef';
    await expect(
      saveChannel(test.db, owner.staff, tenant, key, form({ accountSid: other }), env),
    ).rejects.toMatchObject({ details: { fields: ['authToken'] } });
    expect((await stored())?.accountSid).toBe(accountSid);
  });

  it('refuses credentials Twilio does not accept, keeping the stored ones', async () => {
    const before = await stored();
    await expect(
      saveChannel(
        test.db,
        owner.staff,
        tenant,
        key,
        form({ authToken: 'not-the-token-0000000000000000' }),
        env,
      ),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'not_owner' } });
    expect(await stored()).toEqual(before);
  });

  it('sends with an API key through a Messaging Service; webhooks still verified with the Auth Token', async () => {
    await saveChannel(
      test.db,
      owner.staff,
      tenant,
      key,
      form({ authToken, apiKeySid, apiKeySecret: 'key-secret-1', sender: serviceSid }),
      env,
    );
    expect(proofs).toEqual([`Basic ${Buffer.from(`${apiKeySid}:key-secret-1`).toString('base64')}`]);
    expect(await stored()).toMatchObject({
      sender: serviceSid,
      credentials: { accountSid, username: apiKeySid, password: 'key-secret-1' },
      authToken,
    });
  });

  it('shows Twilio’s fields, where to find them, and the tenant’s URL to paste into Twilio', async () => {
    const page = await loadChannels(test.db, owner.staff, tenant);
    const card = page.connections.find((connection) => connection.channel === 'twilio');
    const action = async () => ({ status: 'idle' as const });
    const html = renderToStaticMarkup(
      createElement(ChannelCardView, {
        channel: 'twilio',
        card,
        now: new Date(),
        tenantSlug: tenant.slug,
        webhook: webhookTarget('https://inbox.example.com', tenant.slug, 'twilio', card, env),
        platformApp: false,
        timezone: 'America/Mexico_City',
        t: messagesEs,
        saveAction: action,
        toggleAction: action,
      }),
    );
    const w = messagesEs.twilioConnect;
    expect(html).toContain('https://inbox.example.com/api/webhook/twilio/clinica-twilio');
    expect(html).toContain('«A message comes in»');
    expect(html).toContain('«Status callback URL»');
    for (const name of ['accountSid', 'authToken', 'sender', 'apiKeySid', 'apiKeySecret'])
      expect(html).toContain(`name="${name}"`);
    for (const meta of ['accessToken', 'webhookSecret', 'verifyToken', 'phoneNumberId'])
      expect(html).not.toContain(`name="${meta}"`);
    expect(html).toContain(`value="${serviceSid}"`);
    expect(html).toContain(w.accountSidHelp.slice(0, 40));
    // Secrets never come back to the browser: only their last characters.
    expect(html).not.toContain(authToken);
    expect(html).not.toContain('key-secret-1');
    expect(html).not.toContain('App secret de Meta');
  });
});
