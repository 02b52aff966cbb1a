import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';
import { assertPostgresUserCanReach, folderClosedToOthers } from './postgres-user-access';

const root = mkdtempSync(path.join(os.tmpdir(), 'pg-access-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('can the postgres user reach a path', () => {
  it('names the first folder others cannot enter, even for a path not created yet', () => {
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, 'app'), { recursive: true });
    chmodSync(home, 0o700);
    expect(folderClosedToOthers(path.join(home, 'app', '.data', 'postgres'))).toEqual({
      folder: home,
      mode: '0700',
    });
    expect(() => assertPostgresUserCanReach([path.join(home, 'app')])).toThrow(
      `the "postgres" user, who cannot enter ${home} (permissions 0700)`,
    );
  });

  it('passes folders others can enter', () => {
    const open = path.join(root, 'srv', 'app');
    mkdirSync(open, { recursive: true });
    expect(folderClosedToOthers(path.join(open, '.data', 'postgres'))).toBeUndefined();
    expect(() => assertPostgresUserCanReach([open])).not.toThrow();
  });

  // As root (a container's 0700 home), starting used to crash with an unhandled `spawn … EACCES`.
  it.runIf(process.getuid?.() === 0)(
    'as root, the embedded server stops with that sentence instead of crashing',
    async () => {
      const home = path.join(root, 'root-home');
      mkdirSync(home);
      chmodSync(home, 0o700);
      await expect(
        startEmbeddedPostgres({ dataDir: path.join(home, '.data', 'postgres'), port: 1 }),
      ).rejects.toThrow(`who cannot enter ${home}`);
    },
  );
});
