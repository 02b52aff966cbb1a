import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { buildTestDelivery } from '@/src/inbound/build-test-delivery';
import { type FakeSentryIngest, startFakeSentryIngest } from '../support/fake-sentry-ingest';
import { actionCases } from './support/action-forms';
import { type BuiltApp, startBuiltApp } from './support/built-app';
import { type DashboardStack, startDashboardStack } from './support/dashboard-stack';
import { drainQueue } from './support/drain-queue';
import { startFakeAnthropic } from './support/fake-anthropic';
import { startFakeSupabaseAuth } from './support/fake-supabase-auth';
import type { FakeUpstream } from './support/fake-upstream';
import { findSecrets, makeSecrets, type Secrets } from './support/secret-values';
import { deliveryTarget, seedSecretsTenant, slug } from './support/secrets-tenant';
import { callAction, readActions } from './support/server-actions';
import { startTokenEchoPlatforms } from './support/token-echo-platforms';

// Every API route, page and server action of the built app, deployed (production) and local,
// with every secret configured: connection tokens and secrets, CRON_SECRET, ENCRYPTION_KEY,
// ANTHROPIC_API_KEY, the Supabase service key, META_APP_SECRET. The platforms refuse every
// call quoting the token back. Not one response (body or header) nor one line the servers
// wrote may contain any of them, in any common encoding. Both apps report errors to a fake
// Sentry (SENTRY_DSN set): nothing they send it may contain them either.

const channels: Channel[] = ['whatsapp', 'facebook', 'instagram', 'tiktok'];
let secrets: Secrets;
let stack: DashboardStack;
let prod: BuiltApp;
let local: BuiltApp;
let fakes: FakeUpstream[] = [];
let sentry: FakeSentryIngest;
const seen: Array<{ what: string; text: string }> = [];

async function record(what: string, response: Response | Promise<Response>): Promise<Response> {
  const answer = await response;
  const text = await answer.clone().text();
  const headers = [...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  seen.push({ what, text: `${headers}\n\n${text}` });
  return answer;
}

function get(app: BuiltApp, path: string, headers: Record<string, string> = {}) {
  return record(`GET ${path}`, fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' }));
}

function post(app: BuiltApp, path: string, body: string, headers: Record<string, string> = {}) {
  return record(
    `POST ${path}`,
    fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      redirect: 'manual',
    }),
  );
}

beforeAll(async () => {
  secrets = makeSecrets();
  const platforms = await startTokenEchoPlatforms();
  const anthropic = await startFakeAnthropic(secrets.ANTHROPIC_API_KEY!);
  const supabase = await startFakeSupabaseAuth();
  fakes = [platforms, anthropic, supabase];
  sentry = await startFakeSentryIngest();
  const env = {
    SENTRY_DSN: `http://0123456789abcdef0123456789abcdef@127.0.0.1:${sentry.port}/7`,
    ENCRYPTION_KEY: secrets.ENCRYPTION_KEY!,
    CRON_SECRET: secrets.CRON_SECRET!,
    ANTHROPIC_API_KEY: secrets.ANTHROPIC_API_KEY!,
    ANTHROPIC_BASE_URL: anthropic.url,
    SUPABASE_SERVICE_ROLE_KEY: secrets.SUPABASE_SERVICE_ROLE_KEY!,
    NEXT_PUBLIC_SUPABASE_URL: supabase.url,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: 'sb_publishable_not-a-secret',
    META_APP_SECRET: secrets.META_APP_SECRET!,
    GRAPH_API_BASE_URL: platforms.url,
    INSTAGRAM_API_BASE_URL: platforms.url,
    TIKTOK_API_BASE_URL: platforms.url,
    JOB_TIMEOUT_SECONDS: '5',
    SEND_UNCONFIRMED_GRACE_SECONDS: '0',
    BENCH_ENDPOINTS: '0',
  };
  stack = await startDashboardStack({ ...env, CRON_SECRET: secrets.CRON_SECRET! });
  local = stack.app;
  await seedSecretsTenant(stack.db, secrets);
  prod = await startBuiltApp({
    ...env,
    APP_MODE: 'production',
    DATABASE_URL: stack.db.url,
    LOG_LEVEL: 'debug',
  });

  // Deployed: what platforms, Vercel Cron and anonymous visitors can reach.
  for (const path of [
    '/',
    '/login',
    '/t',
    `/t/${slug}`,
    `/t/${slug}/channels`,
    '/api/health',
    '/api/bench/db-calls',
  ]) {
    await get(prod, path);
  }
  await post(prod, '/api/bench/empty', '{}');
  await get(prod, '/auth/callback?code=not-a-real-code');
  const cron = { authorization: `Bearer ${secrets.CRON_SECRET}` };
  await get(prod, '/api/jobs/process');
  await get(prod, '/api/jobs/process', { authorization: 'Bearer wrong' });
  await get(prod, '/api/jobs/process?status=1', cron);
  await post(prod, '/api/jobs/process', '{"max_jobs": "lots"}', cron);
  await post(prod, '/api/jobs/process', 'not json', { ...cron, 'content-type': 'text/plain' });
  for (const channel of channels) {
    const path = `/api/webhook/${channel}/${slug}`;
    await get(prod, `${path}?hub.mode=subscribe&hub.verify_token=sec-live-verify-token&hub.challenge=42`);
    await get(prod, `${path}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42`);
    const secret = channel === 'tiktok' ? secrets.tiktokClientSecret! : secrets.connectionAppSecret!;
    const delivery = buildTestDelivery({
      channel,
      connection: deliveryTarget(channel),
      secret,
      text: 'Hola, ¿precio?',
      url: `${prod.baseUrl}${path}`,
    });
    await post(prod, path, delivery.body, delivery.headers);
    await post(prod, path, delivery.body, {});
    await post(prod, path, '{"object":', delivery.headers);
    await post(prod, `/api/webhook/${channel}/nobody-here`, delivery.body, delivery.headers);
  }
  // The replies (fake Claude) go to platforms that refuse them quoting the token.
  await drainQueue({
    baseUrl: () => prod.baseUrl,
    cronSecret: secrets.CRON_SECRET!,
    pool: stack.db.pool,
    deadlineMs: 120_000,
  });
  const answer = await fetch(`${prod.baseUrl}/api/jobs/process`, {
    method: 'POST',
    headers: { ...cron, 'content-type': 'application/json' },
    body: '{}',
  });
  seen.push({ what: 'POST /api/jobs/process (drained)', text: await answer.text() });
  const actions = readActions();
  for (const name of ['passwordSignInAction', 'magicLinkAction', 'devSignInAction']) {
    const answer = await callAction(prod.baseUrl, actions.get(`app/login/actions.ts#${name}`)!, {
      email: `owner@${slug}.example`,
      password: 'wrong-password',
    });
    seen.push({ what: `prod action ${name}`, text: `${[...answer.headers].join('\n')}\n${answer.text}` });
  }

  // Local dashboard, signed in as the owner of the live tenant and of "dash-a".
  const owner = await stack.signIn(`owner@${slug}.example`);
  const { rows } = await stack.db.pool.query(
    'select (select id from conversations where tenant_id = t.id limit 1) as conversation, (select id from leads where tenant_id = t.id limit 1) as lead from tenants t where slug = $1',
    [slug],
  );
  const pages = [
    '',
    '/channels',
    '/ai',
    '/inbox',
    `/inbox/${rows[0].conversation}`,
    '/leads',
    `/leads/${rows[0].lead}`,
    '/queue',
    '/simulator',
  ];
  for (const page of ['/t', ...pages.map((p) => `/t/${slug}${p}`)]) await get(local, page, { cookie: owner });
  const ownerA = await stack.signIn('owner@dash-a.example');
  for (const testCase of actionCases(stack)) {
    const form = testCase.key.endsWith('#saveChannelAction')
      ? { ...testCase.form, accessToken: secrets.newAccessToken!, webhookSecret: secrets.newAppSecret! }
      : testCase.form;
    const answer = await callAction(local.baseUrl, actions.get(testCase.key)!, form, {
      cookie: ownerA,
      params: testCase.params,
      args: testCase.args,
    });
    seen.push({
      what: `local action ${testCase.key}`,
      text: `${[...answer.headers].join('\n')}\n${answer.text}`,
    });
  }
  for (const page of ['/channels', '/queue', '/simulator'])
    await get(local, `/t/dash-a${page}`, { cookie: ownerA });
}, 600_000);

afterAll(async () => {
  await prod?.kill('SIGKILL');
  await stack?.close();
  for (const fake of fakes) await fake.close();
  await sentry?.close();
}, 60_000);

describe('secrets never leave the server', () => {
  it('the platforms did receive the tokens, and quoted them back (the scan below has something to find)', () => {
    const echoed = fakes[0]!.requests.map((request) => JSON.stringify(request.answer));
    for (const name of ['whatsappToken', 'facebookToken', 'instagramToken', 'tiktokToken']) {
      expect(
        echoed.some((text) => text.includes(secrets[name]!)),
        name,
      ).toBe(true);
    }
    expect(fakes[1]!.requests.length).toBeGreaterThan(0);
  });

  it('in no response body or header, of any route, page or action', () => {
    expect(seen.length).toBeGreaterThan(40);
    const leaks = seen.flatMap(({ what, text }) =>
      findSecrets(secrets, text).map((found) => `${what}: ${found}`),
    );
    expect(leaks).toEqual([]);
  });

  it('in no line either server wrote (production at LOG_LEVEL=debug)', () => {
    expect(findSecrets(secrets, prod.output.join(''))).toEqual([]);
    expect(findSecrets(secrets, local.output.join(''))).toEqual([]);
  });

  it('nor in what the error tracker received', () => {
    const sent = sentry.envelopes.map((envelope) => envelope.raw).join('\n');
    // The built apps' instrumentation.ts did set Sentry up: some errors of the run reached it.
    expect(sentry.items('event').length).toBeGreaterThan(0);
    expect(findSecrets(secrets, sent)).toEqual([]);
  });

  it('nor in what the database keeps for staff to read (errors of messages, jobs, connections)', async () => {
    const { rows } = await stack.db.pool.query(
      `select string_agg(coalesce(error_message, ''), ' ') as text from messages
       union all select string_agg(coalesce(error_message, '') || ' ' || coalesce(result::text, ''), ' ') from jobs
       union all select string_agg(coalesce(last_error, ''), ' ') from channel_connections
       union all select string_agg(coalesce(detail, ''), ' ') from webhook_events`,
    );
    expect(findSecrets(secrets, rows.map((row) => row.text ?? '').join('\n'))).toEqual([]);
  });

  it('nor in the client bundles the browser downloads: no server-only setting is even named there', () => {
    // Secret values exist only at run time, so the build cannot hold them; what could leak is the
    // server's settings code pulled into a client bundle. Its variable names would show it.
    const bundles = readBundles(path.join(process.cwd(), '.next/static'));
    // The scan reads the real bundles: the Embedded Signup listener (client code) is in them.
    expect(bundles.some((text) => text.includes('WA_EMBEDDED_SIGNUP'))).toBe(true);
    const serverOnly = [
      'ENCRYPTION_KEY',
      'CRON_SECRET',
      'SUPABASE_SERVICE_ROLE_KEY',
      'ANTHROPIC_API_KEY',
      'META_APP_SECRET',
      'TIKTOK_CLIENT_SECRET',
      'DATABASE_URL',
    ];
    const named = serverOnly.filter((name) => bundles.some((text) => text.includes(name)));
    expect(named).toEqual([]);
    expect(bundles.flatMap((text) => findSecrets(secrets, text))).toEqual([]);
  });
});

function readBundles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(js|css|json)$/.test(entry.name))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}
