import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { runCli } from '../support/run-cli';

// The product with nothing configured: no DATABASE_URL, no Supabase, no keys. The launcher
// starts embedded PostgreSQL under DATA_DIR, migrates, seeds, and data survives restarts.
const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'inbox-launch-'));
  chmodSync(dataDir, 0o755);
  env = {
    PATH: process.env.PATH ?? '',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    LOG_LEVEL: 'error',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'development',
  } as NodeJS.ProcessEnv;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run dev` / `npm start` as a process, its stdout and stderr collected. */
function launch(
  command: 'dev' | 'start',
  extraEnv: Record<string, string> = {},
): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/launcher/launch.ts', command], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

const startDev = () => launch('dev');

function launchUntilExit(command: 'dev' | 'start', extraEnv: Record<string, string>) {
  const run = launch(command, extraEnv);
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    run.child.on('exit', (code) => resolve({ code, output: run.output() }));
  });
}

async function waitForHealth(port: string, output: () => string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return (await response.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`dev server never became healthy:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('npm run dev with nothing configured', () => {
  it('starts embedded PostgreSQL, migrates, seeds the demo tenant and serves the app', async () => {
    const dev = startDev();
    try {
      const health = await waitForHealth(env.PORT!, dev.output);
      expect(health).toMatchObject({ database: 'ok', tenants: 1 });
      expect(health.migrations).toBeGreaterThanOrEqual(3);
      // The banner: where to sign in and as whom, which brain, which database, where to try it.
      expect(dev.output()).toContain(`Sign in:   http://127.0.0.1:${env.PORT}/login`);
      expect(dev.output()).toContain('as owner@esva-dental.example');
      expect(dev.output()).toContain('AI:        offline responder');
      expect(dev.output()).toMatch(/Database: {2}postgres:\/\/.*\(embedded PostgreSQL\)/);
      expect(dev.output()).toContain('README.md › "Try it with curl"');
      // Local mode (open dev sign-in) listens on this machine only.
      expect(dev.output()).toMatch(/Network:\s+http:\/\/127\.0\.0\.1:/);
      const home = await fetch(`http://127.0.0.1:${env.PORT}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Inbox AI');
      // Opened at 127.0.0.1 or localhost, the page may load Next's dev resources (else it never
      // becomes interactive); another site may not. Next allows localhost and the address it is
      // bound to (-H 127.0.0.1, src/launcher/launch.ts), so no allowedDevOrigins is needed.
      const devResource = (origin: string) =>
        fetch(`http://127.0.0.1:${env.PORT}/_next/static/chunks/none.js`, {
          headers: { origin, 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'cross-site' },
        }).then((response) => response.status);
      expect(await devResource(`http://localhost:${env.PORT}`)).not.toBe(403);
      expect(await devResource(`http://127.0.0.1:${env.PORT}`)).not.toBe(403);
      expect(await devResource('http://evil.example')).toBe(403);
      // The generated key is kept for the next start.
      expect(readFileSync(path.join(dataDir, 'encryption.key'), 'utf8').trim()).toHaveLength(44);
    } finally {
      await stop(dev.child);
    }
  }, 180_000);

  it('keeps the data across a restart (the CLI and the server share the embedded database)', async () => {
    const created = await runCli('', ['tenant', 'create', '--slug', 'cafe-luna', '--name', 'Café Luna'], {
      ...env,
      DATABASE_URL: '',
      APP_MODE: '',
      ENCRYPTION_KEY: '',
    });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    const dev = startDev();
    try {
      const health = await waitForHealth(env.PORT!, dev.output);
      expect(health).toMatchObject({ database: 'ok', tenants: 2 });
    } finally {
      await stop(dev.child);
    }
  }, 180_000);

  it('npm start refuses production without CRON_SECRET and ENCRYPTION_KEY', async () => {
    const result = await launchUntilExit('start', {
      DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:1/none',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('APP_MODE=production needs CRON_SECRET, ENCRYPTION_KEY');
  }, 60_000);

  it('npm run dev refuses a database on another machine, saying which setting to use', async () => {
    const result = await launchUntilExit('dev', {
      DATABASE_URL: 'postgres://postgres:pw@db.example.com:5432/postgres',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('the configured one is on db.example.com');
    expect(result.output).toContain('Set APP_MODE=production');
  }, 60_000);
});
