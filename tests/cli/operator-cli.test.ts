import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePlatforms, startFakePlatforms } from '../support/fake-platforms/fake-platform-server';
import { sampleWorld } from '../support/fake-platforms/sample-world';
import { runCli as runCliAgainst } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The CLI as an operator uses it: a real process, real database, exit codes and --json. A live
// connection is proven against a loopback fake of Graph and TikTok.
let test: TestDatabase;
let fake: FakePlatforms;
beforeAll(async () => {
  const world = sampleWorld();
  world.meta.pages['555000111']!.token = 'EAAB-page-token-secret-9876';
  fake = await startFakePlatforms(world);
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
  await fake.close();
});

function runCli(url: string, args: string[], env: Record<string, string> = {}) {
  return runCliAgainst(url, args, {
    GRAPH_API_BASE_URL: fake.baseUrl,
    TIKTOK_API_BASE_URL: fake.baseUrl,
    ...env,
  });
}

// Each case spawns the CLI (tsx) several times: on a busy 2-core machine one can pass 30 s.
describe('operator CLI', { timeout: 120_000 }, () => {
  it('creates a tenant, adds staff, connects a channel and tunes the AI', async () => {
    const created = await runCli(test.url, [
      'tenant',
      'create',
      '--slug',
      'tacos-el-gordo',
      '--name',
      'Tacos El Gordo',
      '--json',
    ]);
    expect(created).toMatchObject({ code: 0 });
    expect(JSON.parse(created.stdout)).toMatchObject({
      slug: 'tacos-el-gordo',
      timezone: 'America/Mexico_City',
    });

    const staff = await runCli(test.url, [
      'staff',
      'add',
      '--tenant',
      'tacos-el-gordo',
      '--email',
      'Ana@Tacos.mx',
      '--role',
      'admin',
    ]);
    // An invitation, not a membership: nobody is a member until Ana accepts as ana@tacos.mx.
    expect(staff.stdout).toContain('Invited ana@tacos.mx as admin of tacos-el-gordo');
    expect(staff.stdout).toMatch(/http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}/);
    const members = await test.pool.query(
      "select count(*)::int as n from public.tenant_members m join public.tenants t on t.id = m.tenant_id where t.slug = 'tacos-el-gordo'",
    );
    expect(members.rows[0].n).toBe(0);

    const connect = await runCli(test.url, [
      'channel',
      'connect',
      '--tenant',
      'tacos-el-gordo',
      '--channel',
      'facebook',
      '--mode',
      'live',
      '--page-id',
      '555000111',
      '--access-token',
      'EAAB-page-token-secret-9876',
      '--app-secret',
      'app-secret-xyz-4321',
      '--verify-token',
      'tacos-verify-token',
      '--json',
    ]);
    expect(connect.code).toBe(0);
    expect(JSON.parse(connect.stdout)).toMatchObject({
      channel: 'facebook',
      page_id: '555000111',
      access_token: '••••9876',
    });

    const list = await runCli(test.url, ['channel', 'list', '--tenant', 'tacos-el-gordo']);
    expect(list.stdout).toContain('facebook  live');
    expect(list.stdout).toContain('••••9876');
    expect(list.stdout + list.stderr).not.toContain('EAAB-page-token-secret');
    expect(list.stdout + list.stderr).not.toContain('app-secret-xyz');

    const set = await runCli(test.url, [
      'ai',
      'set',
      '--tenant',
      'tacos-el-gordo',
      '--system-prompt',
      'Eres el asistente de Tacos El Gordo.',
      '--escalation-keywords',
      'queja, gerente',
      '--escalate-after',
      '8',
      '--max-tokens',
      '400',
    ]);
    expect(set.code).toBe(0);
    const show = await runCli(test.url, ['ai', 'show', '--tenant', 'tacos-el-gordo', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({
      system_prompt: 'Eres el asistente de Tacos El Gordo.',
      escalation_keywords: ['queja', 'gerente'],
      auto_escalate_after_messages: 8,
      max_tokens: 400,
    });

    // Spend limits: the given one changes, the other stays; "default" goes back to the env value.
    const limits = await runCli(test.url, [
      'ai',
      'limits',
      '--tenant',
      'tacos-el-gordo',
      '--monthly-tokens',
      '5000000',
      '--daily-turns',
      '30',
    ]);
    expect(limits.code).toBe(0);
    const again = await runCli(test.url, [
      'ai',
      'limits',
      '--tenant',
      'tacos-el-gordo',
      '--daily-turns',
      'default',
      '--json',
    ]);
    expect(JSON.parse(again.stdout)).toEqual({
      monthly_token_budget: 5000000,
      turns_per_customer_per_day: null,
    });
  });

  it('answers bad input with a clear message and a non-zero exit code', async () => {
    const missing = await runCli(test.url, ['tenant', 'create', '--slug', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --name');

    const unknown = await runCli(test.url, [
      'tenant',
      'create',
      '--slug',
      'x',
      '--name',
      'X',
      '--colour',
      'red',
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("Unknown option '--colour'");

    const badRole = await runCli(test.url, [
      'staff',
      'add',
      '--tenant',
      'tacos-el-gordo',
      '--email',
      'b@c.mx',
      '--role',
      'boss',
    ]);
    expect(badRole).toMatchObject({ code: 1 });
    expect(badRole.stderr).toContain('role must be owner, admin or agent');

    const badTokens = await runCli(test.url, [
      'ai',
      'set',
      '--tenant',
      'tacos-el-gordo',
      '--max-tokens',
      '5',
    ]);
    expect(badTokens.code).toBe(1);
    expect(badTokens.stderr).toContain('max_tokens');

    const noTenant = await runCli(test.url, ['ai', 'show', '--tenant', 'nadie']);
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toContain('tenant nadie not found');
  });

  it('refuses to put live a page, number or TikTok business the token does not own', async () => {
    const connect = (args: string[]) =>
      runCli(test.url, ['channel', 'connect', '--tenant', 'tacos-el-gordo', '--mode', 'live', ...args]);
    const page = await connect([
      '--channel',
      'facebook',
      '--page-id',
      '555000999',
      '--access-token',
      'EAAB-page-token-secret-9876',
    ]);
    expect(page.code).toBe(1);
    expect(page.stderr).toContain('the access token is not a token of page 555000999');
    const number = await connect([
      '--channel',
      'whatsapp',
      '--phone-number-id',
      '106540352249999',
      '--business-account-id',
      '102290129349999',
      '--access-token',
      'EAAB-business-token-tacos',
    ]);
    expect(number.code).toBe(1);
    expect(number.stderr).toContain('does not own phone number 106540352249999');
    const tiktok = await connect([
      '--channel',
      'tiktok',
      '--business-id',
      'tt-business-rival',
      '--access-token',
      'act.tacos-access',
    ]);
    expect(tiktok.code).toBe(1);
    expect(tiktok.stderr).toContain('cannot read TikTok business tt-business-rival');
    const list = await runCli(test.url, ['channel', 'list', '--tenant', 'tacos-el-gordo', '--json']);
    expect(
      JSON.parse(list.stdout).map((c: { channel: string; page_id: string }) => [c.channel, c.page_id]),
    ).toEqual([['facebook', '555000111']]);
  }, 90_000); // four CLI processes: slow when the machine is shared

  it('prints help for every command and subcommand', async () => {
    const top = await runCli(test.url, ['--help']);
    expect(top.code).toBe(0);
    for (const command of ['tenant', 'staff', 'channel', 'ai', 'db', 'webhook', 'jobs'])
      expect(top.stdout).toContain(command);
    const sub = await runCli(test.url, ['channel', 'connect', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--instagram-account-id');
  });

  it('refuses db reset outside local mode', async () => {
    const reset = await runCli(test.url, ['db', 'reset'], {
      APP_MODE: 'production',
      CRON_SECRET: 'c'.repeat(32),
    });
    expect(reset.code).toBe(1);
    expect(reset.stderr).toContain('refused outside local mode');
    const { rows } = await test.pool.query(
      "select count(*)::int as n from tenants where slug = 'tacos-el-gordo'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses db reset of a database on another machine, even in local mode', async () => {
    const reset = await runCli('postgres://app:secret-pw@db.example.com:5432/app', ['db', 'reset']);
    expect(reset.code).toBe(1);
    // Local mode itself refuses that database before any command runs.
    expect(reset.stderr).toContain('the configured one is on db.example.com');
    expect(reset.stderr).not.toContain('secret-pw');
  });

  it('migrates a production database with nothing but DATABASE_URL', async () => {
    const migrated = await runCli(test.url, ['db', 'migrate'], {
      APP_MODE: 'production',
      ENCRYPTION_KEY: '',
    });
    expect(migrated).toMatchObject({ code: 0, stdout: expect.stringContaining('Database is up to date') });
  });
});
