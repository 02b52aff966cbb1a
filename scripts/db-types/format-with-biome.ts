import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The generated file goes through the project's own formatter, so `npm run lint` accepts it and
// the staleness test compares exactly what the script writes.

const root = path.resolve(import.meta.dirname, '../..');
const biome = path.join(root, 'node_modules/.bin/biome');

export function formatWithBiome(source: string, filePath: string): string {
  return execFileSync(biome, ['format', `--stdin-file-path=${path.relative(root, filePath)}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
}
