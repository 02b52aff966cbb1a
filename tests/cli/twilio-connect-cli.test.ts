import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTwilioCredentials } from '@/src/channels/twilio/twilio-credentials';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import { getEnv } from '@/src/env';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// `channel connect --channel twilio` as an operator runs it: a real process, the real database,
// secrets sealed and masked in the output. Going live asks a loopback fake of Twilio's
// GET /2010-04-01/Accounts/{AccountSid}.json, which answers only to the account's own credentials.

const accountSid = 'AC5ef8732a3c49700934481addd5ce1659';
const authToken = 'c0ffee1234567890c0ffee1234567890';
const slug = 'clinica-cli-twilio';
let test: TestDatabase;
let tenantId: string;
let fakeTwilio: Server;
let twilioUrl: string;
const proofs: string[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  tenantId = (await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: 'Clínica CLI' })).id;
  fakeTwilio = createServer((request, response) => {
    const authorization = request.headers.authorization ?? '';
    proofs.push(`${request.method} ${request.url}`);
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    response.setHeader('content-type', 'application/json');
    if (request.url !== `/2010-04-01/Accounts/${accountSid}.json` || authorization !== expected) {
      response.writeHead(401).end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
      return;
    }
    response
      .writeHead(200)
      .end(JSON.stringify({ sid: accountSid, friendly_name: 'Clínica', status: 'active' }));
  });
  await new Promise<void>((resolve) => fakeTwilio.listen(0, '127.0.0.1', resolve));
  twilioUrl = `http://127.0.0.1:${(fakeTwilio.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => fakeTwilio.close(resolve));
  await test.drop();
});

const connect = (args: string[]) =>
  runCli(test.url, ['channel', 'connect', '--tenant', slug, '--channel', 'twilio', ...args], {
    TWILIO_API_BASE_URL: twilioUrl,
  });

async function stored() {
  const { rows } = await test.pool.query(
    `select mode, business_account_id, phone_number_id, access_token_encrypted, webhook_secret_encrypted
     from channel_connections where tenant_id = $1 and channel = 'twilio'`,
    [tenantId],
  );
  const row = rows[0];
  const open = (field: string, sealed: string) =>
    decryptSecret(sealed, getEnv().ENCRYPTION_KEY!, secretPlace(tenantId, 'twilio', field));
  return {
    mode: row.mode,
    accountSid: row.business_account_id,
    sender: row.phone_number_id,
    credentials: readTwilioCredentials(open('access_token', row.access_token_encrypted)),
    authToken: open('webhook_secret', row.webhook_secret_encrypted),
  };
}

describe('channel connect --channel twilio', { timeout: 120_000 }, () => {
  it('sandbox: stores the account and sender, seals the Auth Token, prints only masks', async () => {
    const run = await connect([
      '--mode',
      'sandbox',
      '--account-sid',
      accountSid,
      '--auth-token',
      authToken,
      '--from',
      'whatsapp:+14155238886',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(authToken);
    expect(JSON.parse(run.stdout)).toMatchObject({
      channel: 'twilio',
      mode: 'sandbox',
      business_account_id: accountSid,
      phone_number_id: 'whatsapp:+14155238886',
      display_phone_number: '14155238886',
      webhook_secret: `••••${authToken.slice(-4)}`,
    });
    expect(await stored()).toEqual({
      mode: 'sandbox',
      accountSid,
      sender: 'whatsapp:+14155238886',
      credentials: { accountSid, username: accountSid, password: authToken },
      authToken,
    });
    // A sandbox connection is not proven: nothing asked Twilio.
    expect(proofs).toEqual([]);
  });

  it('refuses a number and a Messaging Service together, changing nothing', async () => {
    const before = await stored();
    const run = await connect([
      '--from',
      'whatsapp:+14155238886',
      '--messaging-service-sid',
      'MG9752274e9e519418a7406176694466fa',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('give --from or --messaging-service-sid, not both');
    expect(await stored()).toEqual(before);
  });

  it('live: proven with the Auth Token against Twilio, a wrong token refused', async () => {
    const wrong = await connect([
      '--mode',
      'live',
      '--account-sid',
      accountSid,
      '--auth-token',
      'not-the-token-0000',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Twilio refused these credentials');
    expect((await stored()).mode).toBe('sandbox');
    const live = await connect(['--mode', 'live', '--account-sid', accountSid, '--auth-token', authToken]);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    expect(proofs).toEqual([
      `GET /2010-04-01/Accounts/${accountSid}.json`,
      `GET /2010-04-01/Accounts/${accountSid}.json`,
    ]);
    expect(await stored()).toMatchObject({ mode: 'live', sender: 'whatsapp:+14155238886', authToken });
  });
});
