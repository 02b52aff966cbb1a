import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// space-y-* on an <ActionForm> never reaches its fields (they sit in a display:contents
// fieldset): inputs then touch their buttons, as a walkthrough found on six screens.
const root = path.resolve(import.meta.dirname, '../..');

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tsx'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('ActionForm spacing', () => {
  it('no ActionForm carries space-y-* itself', () => {
    const offenders = [...tsxFiles(path.join(root, 'app')), ...tsxFiles(path.join(root, 'src'))].flatMap(
      (file) =>
        [...readFileSync(file, 'utf8').matchAll(/<ActionForm\b[^>]*?space-y-/gs)].map(() =>
          path.relative(root, file),
        ),
    );
    expect(offenders).toEqual([]);
  });
});
