import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { resealSecrets } from '@/src/crypto/reseal-secrets';
import { decryptSecret, keyId, sealedKeyId, secretPlace } from '@/src/crypto/secret-box';
import { secretDigest } from '@/src/crypto/secret-digest';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Rotating ENCRYPTION_KEY: every stored token and secret is re-sealed under the new key in one
// transaction, without reconnecting anything or queueing token checks; a second run does nothing.

let test: TestDatabase;
const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
let tenantId: string;

type Row = {
  id: string;
  channel: string;
  status: string;
  access_token_encrypted: string | null;
  webhook_secret_encrypted: string | null;
  webhook_secret_digest: string | null;
};

async function connections(): Promise<Row[]> {
  const { rows } = await test.pool.query<Row>(
    `select id, channel, status, access_token_encrypted, webhook_secret_encrypted, webhook_secret_digest
       from channel_connections where tenant_id = $1 order by channel`,
    [tenantId],
  );
  return rows;
}

async function tokenChecks(): Promise<number> {
  const { rows } = await test.pool.query(
    "select count(*)::int as n from jobs where job_type = 'token_health'",
  );
  return rows[0].n;
}

beforeAll(async () => {
  test = await createTestDatabase();
  tenantId = (await test.db.rpc('admin_create_tenant', { p_slug: 'rotate-clinic', p_name: 'Rotar' })).id;
  await connectChannel(test.db, oldKey, {
    tenantSlug: 'rotate-clinic',
    channel: 'whatsapp',
    mode: 'sandbox',
    phoneNumberId: '108000000000001',
    accessToken: 'EAAG-whatsapp-token-0001',
    appSecret: 'rotate-clinic-own-app-secret',
  });
  await connectChannel(test.db, oldKey, {
    tenantSlug: 'rotate-clinic',
    channel: 'facebook',
    mode: 'sandbox',
    pageId: '108000000000002',
    accessToken: 'EAAG-page-token-0002',
  });
  // A live connection waiting for staff to re-authorise it: rotating must not hide that.
  await test.pool.query(
    "update channel_connections set mode = 'live', status = 'needs_reauth', last_error = 'expired', token_checked_at = now() where tenant_id = $1 and channel = 'facebook'",
    [tenantId],
  );
  await test.pool.query("delete from jobs where job_type = 'token_health'");
});
afterAll(() => test.drop());

// Each case spawns the CLI (tsx) several times: on a busy 2-core machine one can pass 30 s.
describe('secrets rotate', { timeout: 120_000 }, () => {
  it('refuses without both keys, or with the same key twice', async () => {
    const missing = await runCli(test.url, ['secrets', 'rotate'], { ENCRYPTION_KEY: newKey });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENCRYPTION_KEY_PREVIOUS');
    await expect(resealSecrets(test.db, newKey, newKey)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('re-seals every token and secret under the new key, with the digest under it, in one run', async () => {
    const before = await connections();
    const run = await runCli(test.url, ['secrets', 'rotate'], {
      ENCRYPTION_KEY: newKey,
      ENCRYPTION_KEY_PREVIOUS: oldKey,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Key ${keyId(newKey)}: 3 re-sealed`);
    const after = await connections();
    const whatsapp = after.find((row) => row.channel === 'whatsapp')!;
    const facebook = after.find((row) => row.channel === 'facebook')!;
    for (const sealed of [
      whatsapp.access_token_encrypted,
      whatsapp.webhook_secret_encrypted,
      facebook.access_token_encrypted,
    ]) {
      expect(sealedKeyId(sealed!)).toBe(keyId(newKey));
    }
    // Only the new key is needed from now on.
    expect(
      decryptSecret(
        whatsapp.access_token_encrypted!,
        newKey,
        secretPlace(tenantId, 'whatsapp', 'access_token'),
      ),
    ).toBe('EAAG-whatsapp-token-0001');
    expect(
      decryptSecret(
        whatsapp.webhook_secret_encrypted!,
        newKey,
        secretPlace(tenantId, 'whatsapp', 'webhook_secret'),
      ),
    ).toBe('rotate-clinic-own-app-secret');
    expect(whatsapp.webhook_secret_digest).toBe(secretDigest('rotate-clinic-own-app-secret', newKey));
    expect(whatsapp.webhook_secret_digest).not.toBe(
      before.find((row) => row.channel === 'whatsapp')!.webhook_secret_digest,
    );
    // Re-sealing is not a new token: still needs re-authorising, and no token check queued.
    expect(facebook.status).toBe('needs_reauth');
    expect(await tokenChecks()).toBe(0);
  });

  it('changes nothing the second time', async () => {
    const before = await connections();
    const result = await resealSecrets(test.db, newKey, oldKey);
    expect(result).toMatchObject({ checked: 3, alreadyCurrent: 3, resealed: 0, unreadable: [] });
    expect(await connections()).toEqual(before);
  });

  it('names what neither key opens and leaves it as it is', async () => {
    const stranger = randomBytes(32).toString('base64');
    await connectChannel(test.db, stranger, {
      tenantSlug: 'rotate-clinic',
      channel: 'tiktok',
      mode: 'sandbox',
      businessId: 'rotate-tiktok-business',
      accessToken: 'tiktok-token-0003',
    });
    const before = await connections();
    const result = await resealSecrets(test.db, newKey, oldKey);
    const tiktok = before.find((row) => row.channel === 'tiktok')!;
    expect(result.unreadable).toEqual([`${tiktok.id}/access_token`]);
    expect(await connections()).toEqual(before);
  });
});
