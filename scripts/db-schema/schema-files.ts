import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// supabase/schemas on disk: write the generated files (and remove stale ones), or say how the
// folder differs from what was generated.

export const schemasDir = path.resolve(import.meta.dirname, '../../supabase/schemas');

function filesOnDisk(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export function writeSchemaFiles(files: Map<string, string>, dir = schemasDir): void {
  mkdirSync(dir, { recursive: true });
  for (const name of filesOnDisk(dir)) if (!files.has(name)) rmSync(path.join(dir, name));
  for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
}

/** Names of files that are missing, extra or different; empty when the folder is current. */
export function staleSchemaFiles(files: Map<string, string>, dir = schemasDir): string[] {
  const stale = filesOnDisk(dir)
    .filter((name) => !files.has(name))
    .map((name) => `${name} (extra)`);
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    if (!existsSync(file)) stale.push(`${name} (missing)`);
    else if (readFileSync(file, 'utf8') !== text) stale.push(`${name} (differs)`);
  }
  return stale.sort();
}
