import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionTypesFile, generateFunctionTypes } from '@/scripts/db-types/generate-function-types';
import { readCallableFunctions } from '@/scripts/db-types/read-callable-functions';
import { returnsAnnotation, typeSyntaxErrors } from '@/scripts/db-types/returns-annotation';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The rpc() types are generated from the migrations; a migration changing a function without
// `npm run db:types` would leave tsc checking calls against a function that no longer exists.

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'))
    .map((file) => path.join(root, dir, file));
}

/** Names of the SQL functions the app calls: the first argument of every rpc(). */
function calledFunctions(): Set<string> {
  const names = new Set<string>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('app')]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\.rpc\(\s*'([a-z_0-9]+)'/g))
      names.add(match[1]!);
  }
  return names;
}

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase({ installAsAppDb: false });
});

afterAll(() => test.drop());

describe('generated rpc() types', () => {
  it('src/db/database-functions.ts is what `npm run db:types` makes of the migrations', async () => {
    const generated = await generateFunctionTypes(test.pool);
    const committed = readFileSync(functionTypesFile, 'utf8');
    expect(committed, 'src/db/database-functions.ts is stale: run `npm run db:types` and commit it').toBe(
      generated,
    );
  });

  it('every jsonb function the app calls states its result shape as a TypeScript type', async () => {
    const functions = new Map((await readCallableFunctions(test.pool)).map((fn) => [fn.name, fn]));
    const called = calledFunctions();
    expect(called.size).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const name of called) {
      const fn = functions.get(name);
      if (!fn) problems.push(`${name}: called but not a callable public function`);
      else if (fn.returnType === 'jsonb' && !returnsAnnotation(fn.comment))
        problems.push(`${name}: no @returns`);
    }
    for (const fn of functions.values()) {
      const annotation = returnsAnnotation(fn.comment);
      const errors = annotation ? typeSyntaxErrors(annotation) : [];
      if (errors.length > 0) problems.push(`${fn.name}: @returns does not parse: ${errors.join('; ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('a malformed annotation is reported, not emitted', () => {
    expect(typeSyntaxErrors('{ id: string; name: }')).not.toEqual([]);
    expect(typeSyntaxErrors('{ id: string }; export const x = 1')).not.toEqual([]);
    expect(typeSyntaxErrors("{ id: string; kind: 'a' | 'b' }[] | null")).toEqual([]);
  });
});
