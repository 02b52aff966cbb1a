import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The minute sweep's SQL on plain PostgreSQL, which has neither pg_cron, pg_net nor Vault: the
// migration applied (the template database ran it), nothing got scheduled, `deploy schedule`
// refuses saying what to do instead, and the sweep log records each caller in one row.
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

const secret = 'sweep-test-secret-0123456789';

describe('deploy schedule on plain PostgreSQL', { timeout: 120_000 }, () => {
  it('refuses clearly: no Vault, no pg_cron, so the in-process scheduler is the way', async () => {
    const run = await runCli(test.url, ['deploy', 'schedule', '--url', 'https://inbox.example.com'], {
      CRON_SECRET: secret,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Vault is missing.*SCHEDULER=internal/);
    const { rows } = await test.pool.query(
      "select count(*)::int as n from pg_extension where extname in ('pg_cron', 'pg_net')",
    );
    expect(rows[0].n).toBe(0);
  });

  it('checks the URL and the secret before touching the database', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--url', 'http://inbox.example.com'], { CRON_SECRET: secret }, /must start with https/],
      [['--url', 'https://inbox.example.com/api/jobs/process'], { CRON_SECRET: secret }, /origin only/],
      [['--url', 'inbox.example.com'], { CRON_SECRET: secret }, /not a URL/],
      [['--url', 'https://inbox.example.com'], {}, /Set CRON_SECRET/],
      [['--url', 'https://inbox.example.com'], { CRON_SECRET: 'short' }, /Set CRON_SECRET/],
      [[], { CRON_SECRET: secret }, /missing --url/],
    ];
    const runs = await Promise.all(
      cases.map(([args, env]) => runCli(test.url, ['deploy', 'schedule', ...args], env)),
    );
    runs.forEach((run, index) => {
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(cases[index]![2]);
    });
  });

  it('the SQL function checks its input itself', async () => {
    await expect(
      test.db.rpc('admin_schedule_sweep', { p_url: 'https://x.example/path', p_secret: secret }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      test.db.rpc('admin_schedule_sweep', { p_url: 'https://x.example', p_secret: 'short' }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      test.db.rpc('admin_schedule_sweep', { p_url: 'https://x.example', p_secret: secret }),
    ).rejects.toMatchObject({ code: 'not_available', message: expect.stringMatching(/SCHEDULER=internal/) });
  });
});

describe('sweep log', { timeout: 120_000 }, () => {
  it('keeps one row per caller with its last run, and reports no cron job here', async () => {
    await test.db.rpc('record_sweep_run', { p_source: 'internal' });
    await test.db.rpc('record_sweep_run', { p_source: 'internal' });
    await test.db.rpc('record_sweep_run', { p_source: 'vercel_cron' });
    await expect(test.db.rpc('record_sweep_run', { p_source: 'cron-of-mine' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    const status = await test.db.rpc('admin_sweep_status', {});
    expect(status).toMatchObject({ pg_cron: false, pg_net: false, vault: false, job: null, url: null });
    expect(status.runs.map((run) => [run.source, run.runs]).sort()).toEqual([
      ['internal', 2],
      ['vercel_cron', 1],
    ]);
  });

  it('is not for staff or the anon key', async () => {
    const { rows } = await test.pool.query(
      `select has_function_privilege('authenticated', 'public.record_sweep_run(text)', 'execute') as staff,
              has_function_privilege('anon', 'public.admin_schedule_sweep(text, text)', 'execute') as anon,
              has_function_privilege('authenticated', 'public.admin_sweep_status()', 'execute') as status`,
    );
    expect(rows[0]).toEqual({ staff: false, anon: false, status: false });
  });
});
