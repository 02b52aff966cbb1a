import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import type { DbCallCounts } from '@/src/db/counting-db-port';
import { createPgPool } from '@/src/db/pg-rpc';
import type { BenchServer } from './bench-database';
import { type BenchProcess, startBenchProcess } from './bench-process';
import { cpuMs } from './cpu-time';
import { type FakeGraph, type FakeServer, startFakeClaude, startFakeGraph } from './fake-platforms';
import { benchPlatformSecret, benchSecret, seedBenchTenants } from './seed-bench-tenants';

// Everything the webhook and reply benches run against: a migrated database with two tenants
// (one answered by the AI, one with AI off), the built app (`next start`, production mode,
// counting database calls), the bare node:http baseline, and loopback fakes of Claude and Graph.

export type CpuMs = { app: number; postgres: number; bare: number };
export type SqlFunctionTime = { calls: number; totalMs: number; selfMs: number };

export type BenchStack = {
  app: BenchProcess;
  bare: BenchProcess;
  claude: FakeServer;
  graph: FakeGraph;
  admin: pg.Pool;
  countedCalls: () => Promise<DbCallCounts>;
  /** CPU used so far by the app, PostgreSQL (all its processes) and the bare server. */
  cpuMs: () => CpuMs;
  /** Per SQL function (schema.name): calls and milliseconds inside it, server side. */
  sqlFunctionTimes: () => Promise<Record<string, SqlFunctionTime>>;
  /** Waits until no job is due or running; sweeps like the cron after `sweepAfterMs`. */
  waitForIdleQueue: (sweepAfterMs: number, limitMs: number) => Promise<{ swept: number }>;
  stop: () => Promise<void>;
};

export async function startBenchStack(
  server: BenchServer,
  appDir: string,
  logDir: string,
  /** Extra node flags for the app, e.g. --cpu-prof. */
  appNodeArgs: string[] = [],
  database = 'bench_app',
): Promise<BenchStack> {
  const url = await server.createDatabase(database);
  const admin = createPgPool(url, 2);
  // Time spent inside each SQL function, server side (pg_stat_user_functions): where the time goes.
  await admin.query(`alter database ${database} set track_functions = 'all'`);
  const key = randomBytes(32).toString('base64');
  const cronSecret = randomBytes(24).toString('hex');
  await seedBenchTenants(url, key);
  const claude = await startFakeClaude();
  const graph = await startFakeGraph();
  const app = await startBenchProcess({
    name: 'the built app',
    args: (port) => [
      ...appNodeArgs,
      path.join(appDir, 'node_modules/next/dist/bin/next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    cwd: appDir,
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      APP_MODE: 'production',
      DATABASE_URL: url,
      ENCRYPTION_KEY: key,
      CRON_SECRET: cronSecret,
      ANTHROPIC_API_KEY: 'sk-ant-bench',
      ANTHROPIC_BASE_URL: claude.url,
      GRAPH_API_BASE_URL: graph.url,
      META_APP_SECRET: benchPlatformSecret,
      LOG_LEVEL: 'info',
      BENCH_ENDPOINTS: '1',
    },
    logPath: path.join(logDir, 'app.log'),
    readyPath: '/api/health',
  });
  const bare = await startBenchProcess({
    name: 'the bare node:http server',
    args: (port) => [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'bare-webhook-server.ts'),
      '--port',
      String(port),
      '--database-url',
      url,
      '--secret',
      benchSecret,
    ],
    cwd: path.resolve(import.meta.dirname, '..'),
    env: {},
    logPath: path.join(logDir, 'bare.log'),
    readyPath: '/',
  });

  const dueJobs = async () => {
    const { rows } = await admin.query<{ n: number }>(
      `select count(*)::int as n from public.jobs
       where status = 'processing' or (status = 'pending' and scheduled_for <= now())`,
    );
    return rows[0]!.n;
  };
  const sweep = () =>
    fetch(`${app.baseUrl}/api/jobs/process`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cronSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ max_jobs: 500 }),
    }).then((response) => response.json() as Promise<{ claimed: number }>);

  return {
    app,
    bare,
    claude,
    graph,
    admin,
    countedCalls: async () =>
      (await fetch(`${app.baseUrl}/api/bench/db-calls`)).json() as Promise<DbCallCounts>,
    cpuMs: () => ({
      app: cpuMs(app.pid, true),
      postgres: cpuMs(server.postmasterPid(), true),
      bare: cpuMs(bare.pid),
    }),
    async sqlFunctionTimes() {
      const { rows } = await admin.query<{ name: string; calls: string; total: number; self: number }>(
        `select schemaname || '.' || funcname as name, calls, total_time as total, self_time as self
         from pg_stat_user_functions`,
      );
      return Object.fromEntries(
        rows.map((row) => [row.name, { calls: Number(row.calls), totalMs: row.total, selfMs: row.self }]),
      );
    },
    async waitForIdleQueue(sweepAfterMs, limitMs) {
      const started = Date.now();
      let swept = 0;
      while (Date.now() - started < limitMs) {
        if ((await dueJobs()) === 0) return { swept };
        if (Date.now() - started > sweepAfterMs) swept += (await sweep()).claimed;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`jobs still due after ${limitMs} ms:\n${app.logTail()}`);
    },
    async stop() {
      await Promise.allSettled([app.stop(), bare.stop(), claude.close(), graph.close()]);
      await admin.end();
    },
  };
}
