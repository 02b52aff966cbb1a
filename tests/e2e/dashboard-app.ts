import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/free-port';

// The built app (next build && next start) for the dashboard browser test, in local mode on a
// loopback port, talking to the test database. `next build` runs unless E2E_REUSE_BUILD=1.

const root = path.resolve(import.meta.dirname, '../..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');

export type RunningApp = { baseUrl: string; output: string[]; stop: () => void };

export function buildApp(): void {
  if (process.env.E2E_REUSE_BUILD === '1' && existsSync(path.join(root, '.next/BUILD_ID'))) return;
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}

/** `env` may depend on the app's own address (APP_BASE_URL, which links in emails start with). */
export async function startApp(
  env: Record<string, string> | ((baseUrl: string) => Record<string, string>),
): Promise<RunningApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        ...(typeof env === 'function' ? env(baseUrl) : env),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${baseUrl}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return { baseUrl, output, stop: () => child.kill('SIGTERM') };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`the app did not start:\n${output.join('').slice(-4000)}`);
}
