import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `next build` of the working tree in a private copy (node_modules hard-linked), so the bench
// never replaces the .next of a dev server or an e2e run in progress, and .env files of this
// checkout do not leak into the measured app. --reuse-build skips it when a build is there.

const root = path.resolve(import.meta.dirname, '..');
const skipped = new Set(['.git', 'node_modules', '.next', '.data', 'coverage', 'tsconfig.tsbuildinfo']);

const benchAppDir = path.join(os.tmpdir(), 'inbox-bench-app');

function copyWorkingTree(): void {
  rmSync(benchAppDir, { recursive: true, force: true });
  mkdirSync(benchAppDir, { recursive: true });
  cpSync(root, benchAppDir, {
    recursive: true,
    filter: (source) => {
      const [top = ''] = path.relative(root, source).split(path.sep);
      return !skipped.has(top) && !(top.startsWith('.env') && top !== '.env.example');
    },
  });
  const link = spawnSync('cp', ['-al', path.join(root, 'node_modules'), benchAppDir]);
  if (link.status !== 0)
    cpSync(path.join(root, 'node_modules'), path.join(benchAppDir, 'node_modules'), { recursive: true });
}

export function buildBenchApp(options: { reuse: boolean }): { dir: string; reused: boolean } {
  if (options.reuse && existsSync(path.join(benchAppDir, '.next', 'BUILD_ID'))) {
    return { dir: benchAppDir, reused: true };
  }
  copyWorkingTree();
  const build = spawnSync(
    process.execPath,
    [path.join(benchAppDir, 'node_modules/next/dist/bin/next'), 'build'],
    {
      cwd: benchAppDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      encoding: 'utf8',
    },
  );
  writeFileSync(path.join(benchAppDir, 'build.log'), `${build.stdout}\n${build.stderr}`);
  if (build.status !== 0) {
    const log = readFileSync(path.join(benchAppDir, 'build.log'), 'utf8');
    throw new Error(`next build failed (${benchAppDir}/build.log):\n${log.slice(-4000)}`);
  }
  return { dir: benchAppDir, reused: false };
}
