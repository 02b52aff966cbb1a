import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../support/free-port';

// The built app (`next build`, then `next start` in one process) on a loopback port. CI builds
// just before the tests; FAULTS_REUSE_BUILD=1 (or E2E_REUSE_BUILD=1) reuses an existing .next.

const root = path.resolve(import.meta.dirname, '../../..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');

export type BuiltApp = {
  baseUrl: string;
  port: number;
  pid: number;
  /** Everything the process wrote to stdout and stderr, in order. */
  output: string[];
  exited: Promise<void>;
  kill: (signal: NodeJS.Signals) => Promise<void>;
};

export function ensureBuilt(): void {
  const reuse = process.env.FAULTS_REUSE_BUILD === '1' || process.env.E2E_REUSE_BUILD === '1';
  if (reuse && existsSync(path.join(root, '.next/BUILD_ID'))) return;
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) })
    .then((response) => response.status < 500)
    .catch(() => false);
}

/** Starts `next start` with exactly `env` (plus PATH/HOME) and waits until /api/health answers. */
export async function startBuiltApp(env: Record<string, string>, port?: number): Promise<BuiltApp> {
  const chosen = port ?? (await freePort());
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(chosen), '-H', '127.0.0.1'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const baseUrl = `http://127.0.0.1:${chosen}`;
  const kill = async (signal: NodeJS.Signals) => {
    if (!gone) child.kill(signal);
    await exited;
  };
  for (let tries = 0; tries < 300 && !gone; tries += 1) {
    if (await answers(`${baseUrl}/api/health`))
      return { baseUrl, port: chosen, pid: child.pid!, output, exited, kill };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await kill('SIGKILL');
  throw new Error(`the app did not start:\n${output.join('').slice(-4000)}`);
}
