import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/src/db/embedded-postgres';
import { migrate } from '@/src/db/migrate';

// A throwaway PostgreSQL for one bench run (embedded, in a temp dir), so `npm run bench` works
// on a fresh clone and never touches the dev database.

export type BenchServer = {
  /** A new database with every migration applied. */
  createDatabase: (name: string) => Promise<string>;
  /** The postmaster's pid (its backends are its children), for CPU accounting. */
  postmasterPid: () => number;
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** pool.end() resolves before its sockets close: stopping at once would cut them (and log it). */
async function waitForClientsToLeave(connectionString: string, limitMs: number): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
      );
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inbox-bench-pg-'));
  chmodSync(dataDir, 0o755); // the server runs as the 'postgres' user when we are root
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'data'),
    port: await freePort(),
    persistent: false,
  });
  return {
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: server.connectionString });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(server.connectionString);
      url.pathname = `/${name}`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      await migrate(pool);
      await pool.end();
      return url.toString();
    },
    postmasterPid: () =>
      Number(readFileSync(path.join(dataDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      await waitForClientsToLeave(server.connectionString, 3_000).catch(() => {});
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
