import { execFile } from 'node:child_process';
import path from 'node:path';
import { getEnv } from '@/src/env';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs `npm run cli -- ...args` as a real process against the given database. */
export function runCli(
  databaseUrl: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['src/cli/main.ts', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: databaseUrl,
          APP_MODE: 'local',
          ENCRYPTION_KEY: getEnv().ENCRYPTION_KEY,
          LOG_LEVEL: 'error',
          NODE_ENV: 'test',
          ...env,
        } as NodeJS.ProcessEnv,
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
