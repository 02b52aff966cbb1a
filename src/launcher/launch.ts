import { spawn } from 'node:child_process';
import path from 'node:path';
import { getDb } from '@/src/db/get-db';
import { setEnvForProcess } from '@/src/env';
import { schedulerMode } from '@/src/jobs/scheduler-mode';
import { log } from '@/src/shared/logger';
import { startLocalScheduler } from './local-scheduler';
import { prepareRuntime } from './prepare-runtime';
import { banner } from './print-banner';

// `npm run dev` / `npm start`: database first (embedded when none is configured), then Next.js.

const command = process.argv[2];
if (command !== 'dev' && command !== 'start') {
  console.error('usage: launch.ts dev|start');
  process.exit(2);
}
setEnvForProcess({ NEXT_TELEMETRY_DISABLED: '1' });

const runtime = await prepareRuntime({
  migrate: true,
  seed: true,
  envFiles: command === 'dev' ? 'development' : 'production',
  defaultToLocal: command === 'dev',
});
console.log(banner(runtime.env, runtime.embedded));
// Local mode and a self-hosted server (SCHEDULER=internal) have no cron: drain due jobs here.
const scheduling = schedulerMode(runtime.env);
log.info('jobs.scheduler_mode', { mode: scheduling.mode, reason: scheduling.reason });
const scheduler =
  scheduling.mode === 'internal' ? startLocalScheduler({ db: getDb(), env: runtime.env }) : undefined;

const nextBin = path.resolve(import.meta.dirname, '../../node_modules/next/dist/bin/next');
// Local mode has an open dev sign-in and cron route: it listens on this machine only.
const host = runtime.env.appMode === 'local' ? ['-H', '127.0.0.1'] : [];
const child = spawn(process.execPath, [nextBin, command, '-p', String(runtime.env.PORT), ...host], {
  stdio: 'inherit',
  env: process.env,
});

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  // The scheduler's pool closes before the embedded server stops, so no connection is cut.
  if (scheduler)
    await scheduler
      .stop()
      .then(() => getDb().close())
      .catch(() => {});
  await runtime.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
child.on('exit', (code) => void shutdown(code ?? 0));
