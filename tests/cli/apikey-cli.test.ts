import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../api/call-api';
import { runCli } from '../support/run-cli';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// `apikey create/list/revoke` as a real process: the printed key works on the API at once, only
// its hash is stored, and after `revoke` the same key is refused.

describe('apikey CLI', { timeout: 120_000 }, () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await createTenantWithStaff(test, 'cli-api');
  });

  afterAll(async () => {
    await test?.drop();
  });

  it('creates a key printed once as JSON, lists it without the key, revokes it', async () => {
    const made = await runCli(test.url, [
      'apikey',
      'create',
      '--tenant',
      'cli-api',
      '--name',
      'n8n',
      '--scope',
      'write',
      '--json',
    ]);
    expect(made.code).toBe(0);
    const { key, id, scope } = JSON.parse(made.stdout);
    expect(key).toMatch(/^ik_[A-Za-z0-9_-]{40}$/);
    expect(scope).toBe('write');
    const { rows } = await test.pool.query(
      "select encode(key_hash, 'hex') as hash from api_keys where id = $1",
      [id],
    );
    expect(rows[0].hash).not.toContain(key);
    expect((await callApi('GET', '/leads', { key })).status).toBe(200);

    const listed = await runCli(test.url, ['apikey', 'list', '--tenant', 'cli-api']);
    expect(listed.stdout).toContain('n8n');
    expect(listed.stdout).not.toContain(key);

    expect(
      (await runCli(test.url, ['apikey', 'revoke', '--tenant', 'cli-api', '--id', id])).stdout,
    ).toContain('Revoked');
    expect((await callApi('GET', '/leads', { key })).status).toBe(401);
  });

  it('refuses a scope that is not read or write', async () => {
    const run = await runCli(test.url, [
      'apikey',
      'create',
      '--tenant',
      'cli-api',
      '--name',
      'x',
      '--scope',
      'admin',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--scope is read or write');
  });
});
