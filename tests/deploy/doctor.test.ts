import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// `npm run cli -- doctor` as an operator runs it: a real process against a real database, on a
// healthy setup and on broken ones. Each broken case names the problem and the fix.
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase({ installAsAppDb: false });
});
afterAll(async () => {
  await test.drop();
});
beforeEach(async () => {
  await test.pool.query('delete from internal.sweep_runs');
});

const production = {
  APP_MODE: 'production',
  CRON_SECRET: 'doctor-test-cron-secret-0123456789',
  NEXT_PUBLIC_SUPABASE_URL: 'https://project-ref.supabase.co',
  NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key-for-doctor-tests',
  APP_BASE_URL: 'https://inbox.example.com',
  ANTHROPIC_API_KEY: 'sk-ant-doctor-test',
};

function doctor(env: Record<string, string> = {}, url = test.url) {
  return runCli(url, ['doctor'], env);
}

async function recordSweep(source: string, minutesAgo = 0) {
  await test.pool.query(
    `insert into internal.sweep_runs (source, last_run_at) values ($1, now() - make_interval(mins => $2))`,
    [source, minutesAgo],
  );
}

describe('doctor on a healthy setup', { timeout: 120_000 }, () => {
  it('passes in local mode with the in-process scheduler sweeping', async () => {
    await recordSweep('internal');
    const run = await doctor();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ env +local mode/);
    expect(run.stdout).toMatch(/✓ database +reachable: PostgreSQL 17/);
    expect(run.stdout).toMatch(/✓ migrations +all \d+ migrations applied/);
    expect(run.stdout).toMatch(/✓ sweep +last sweep \d+ s ago, by internal/);
    expect(run.stdout).toMatch(/· errors +error tracking is off: set SENTRY_DSN/);
    expect(run.stdout).toContain('No problems found');
  });

  it('passes in production with every variable set and a recent sweep, and prints no secret', async () => {
    await recordSweep('vercel_cron');
    const sentryKey = 'f00dfeedf00dfeedf00dfeedf00dfeed';
    const run = await doctor({ ...production, SENTRY_DSN: `https://${sentryKey}@o1.ingest.sentry.io/4242` });
    expect(run.stdout).toMatch(/✓ errors +sent to Sentry at o1\.ingest\.sentry\.io \(project 4242\)/);
    expect(run.stdout + run.stderr).not.toContain(sentryKey);
    expect(run.stdout).toMatch(/✓ app_base_url +APP_BASE_URL is https:\/\/inbox\.example\.com/);
    expect(run.stdout).toMatch(/! cron +this database has no pg_cron/);
    expect(run.stdout).toMatch(
      /! auth +Site URL, redirect URLs and SMTP not checked: set SUPABASE_ACCESS_TOKEN/,
    );
    expect(run.stdout).toContain('No problems found (2 warning(s))');
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(production.CRON_SECRET);
  });
});

describe('doctor on broken setups', { timeout: 120_000 }, () => {
  it('says no sweep was seen in the last 10 minutes, and when the last one was', async () => {
    const never = await doctor(production);
    expect(never.code).toBe(1);
    expect(never.stdout).toMatch(/✗ sweep +no sweep of the job queue has ever been recorded/);
    await recordSweep('supabase_cron', 25);
    const stale = await doctor(production);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(
      /✗ sweep +no sweep in the last 10 minutes \(the last, by supabase_cron, was 25 minutes ago\)/,
    );
    expect(stale.stdout).toContain('1 problem(s) to fix');
  });

  it('names what is wrong with APP_BASE_URL', async () => {
    await recordSweep('vercel_cron');
    const cases: [string, RegExp][] = [
      ['http://localhost:3000', /it is not https.*it names this machine/],
      ['https://inbox.example.com/app', /it has a path/],
      ['inbox.example.com', /is not a URL/],
    ];
    const runs = await Promise.all(cases.map(([url]) => doctor({ ...production, APP_BASE_URL: url })));
    runs.forEach((run, index) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`✗ app_base_url .*${cases[index]![1].source}`));
    });
  });

  it('refuses a remote database without TLS before connecting to it', async () => {
    const run = await doctor(production, 'postgresql://postgres:pw@db.abcd.supabase.co:5432/postgres');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /✗ tls +DATABASE_URL points at db\.abcd\.supabase\.co without TLS: add \?sslmode=require/,
    );
    expect(run.stdout).not.toContain(':pw@');
  });

  it('lists the missing variables and an unreachable database', async () => {
    const run = await doctor({ APP_MODE: 'production' }, 'postgres://nobody:nothing@127.0.0.1:1/none');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ env +missing in the environment: CRON_SECRET .*; NEXT_PUBLIC_SUPABASE_URL/);
    expect(run.stdout).toMatch(/✗ database +cannot reach the database on 127\.0\.0\.1/);
    expect(run.stdout).toMatch(/! ai +ANTHROPIC_API_KEY is not set/);
  });

  it('says which migrations are behind', async () => {
    const behind = await createTestDatabase({ installAsAppDb: false });
    try {
      const { rows } = await behind.pool.query(
        'delete from supabase_migrations.schema_migrations where version = (select max(version) from supabase_migrations.schema_migrations) returning version, name',
      );
      await behind.pool.query(`insert into internal.sweep_runs (source) values ('vercel_cron')`);
      const run = await doctor(production, behind.url);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `✗ migrations    1 migration(s) not applied: ${rows[0].version}_${rows[0].name}`,
      );
      expect(run.stdout).toContain('supabase db push');
    } finally {
      await behind.drop();
    }
  });

  it('names each live connection that never received a webhook, with the URL its platform must call', async () => {
    await recordSweep('vercel_cron');
    const tenant = await test.db.rpc('admin_create_tenant', {
      p_slug: 'tacos-doctor',
      p_name: 'Tacos Doctor',
      p_timezone: 'America/Mexico_City',
    });
    await test.pool.query(
      `insert into public.channel_connections (tenant_id, channel, mode, app_kind, tiktok_business_id, page_id, last_webhook_at)
       values ($1, 'tiktok', 'live', 'platform', 'biz-doctor-1', null, null),
              ($1, 'facebook', 'live', 'own', null, 'page-doctor-1', now())`,
      [tenant.id],
    );
    const run = await doctor(production);
    expect(run.stdout).toMatch(/✓ webhooks +1 of 2 live connection\(s\) received webhooks recently/);
    expect(run.stdout).toContain(
      '! webhooks      tacos-doctor tiktok: no webhook received yet; its callback URL must be https://inbox.example.com/api/webhook/tiktok',
    );
    expect(run.code).toBe(0);
  });

  it("compares Supabase Auth's Site URL, redirect URLs and SMTP (Management API fake) with APP_BASE_URL", async () => {
    await test.pool.query('delete from public.channel_connections');
    await recordSweep('vercel_cron');
    let answer: Record<string, unknown> = {};
    const seen: string[] = [];
    // Loopback stand-in for GET https://api.supabase.com/v1/projects/{ref}/config/auth.
    const fake: Server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const env = {
      ...production,
      NEXT_PUBLIC_SUPABASE_URL: 'https://abcdefghijklmnopqrst.supabase.co',
      SUPABASE_ACCESS_TOKEN: 'sbp_doctor_test_token',
      SUPABASE_MANAGEMENT_API_URL: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
    };
    try {
      answer = {
        site_url: 'https://inbox.example.com',
        uri_allow_list: 'https://inbox.example.com/auth/callback,https://inbox.example.com/auth/confirm',
        smtp_host: 'smtp.resend.com',
      };
      const good = await doctor(env);
      expect(good.stdout).toMatch(/✓ auth +Site URL and redirect URLs match https:\/\/inbox\.example\.com/);
      expect(good.stdout).toMatch(/✓ smtp +emails go out through smtp\.resend\.com/);
      expect(good.code).toBe(0);
      expect(seen[0]).toBe('GET /v1/projects/abcdefghijklmnopqrst/config/auth Bearer sbp_doctor_test_token');

      answer = {
        site_url: 'http://localhost:3000',
        uri_allow_list: 'https://inbox.example.com/**',
        smtp_host: '',
      };
      const bad = await doctor(env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(
        /✗ auth +Supabase's Site URL is http:\/\/localhost:3000, not APP_BASE_URL https:\/\/inbox\.example\.com/,
      );
      expect(bad.stdout).not.toMatch(/Redirect URLs lack/);
      expect(bad.stdout).toMatch(
        /! smtp +no SMTP server: Supabase's built-in mailer sends about 2 emails an hour/,
      );
      expect(bad.stdout + bad.stderr).not.toContain('sbp_doctor_test_token');
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
  });
});
