import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

// A server the bench starts as its own process (the built app, the bare node:http baseline):
// output to a log file (cheap, and kept for when something fails), ready when `readyUrl`
// answers, stopped with SIGTERM and then SIGKILL.

export type BenchProcess = {
  baseUrl: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
  logTail: () => string;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startBenchProcess(options: {
  name: string;
  args: (port: number) => string[];
  cwd: string;
  env: Record<string, string>;
  logPath: string;
  readyPath: string;
  readyLimitMs?: number;
}): Promise<BenchProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = openSync(options.logPath, 'w');
  const child = spawn(process.execPath, options.args(port), {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const logTail = () => readFileSync(options.logPath, 'utf8').slice(-4000);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(killer);
  };
  const deadline = Date.now() + (options.readyLimitMs ?? 60_000);
  while (Date.now() < deadline && child.exitCode === null) {
    const ready = await fetch(`${baseUrl}${options.readyPath}`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return { baseUrl, port, pid: child.pid!, stop, logTail };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`${options.name} did not start:\n${logTail()}`);
}
