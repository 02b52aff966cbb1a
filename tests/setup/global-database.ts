import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { migrate } from '../../src/db/migrate';
import { freePort } from '../support/free-port';

// One real PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL), with a template
// database that has every migration applied. Each test file clones it (tests/support).

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export const templateDatabase = 'inbox_test_template';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// embedded-postgres registers async-exit-hook, whose 'beforeExit' listener calls process.exit(0):
// that threw away the exit code vitest sets when tests fail, so a failing run exited 0 and CI
// passed. Ours runs first and exits with vitest's code when it is not 0.
function keepFailingExitCode(): void {
  process.prependListener('beforeExit', () => {
    if (process.exitCode) process.exit(process.exitCode);
  });
}

export default async function setup(project: TestProject) {
  keepFailingExitCode();
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'inbox-test-pg-'));
    chmodSync(dataDir, 0o755); // the server runs as the 'postgres' user when we are root
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'data'),
      port: await freePort(),
      persistent: false,
    });
    adminUrl = server.connectionString;
    stop = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDatabase}`);
  await admin.query(`create database ${templateDatabase}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, templateDatabase), max: 1 });
  await migrate(pool);
  await pool.end();
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    await stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
