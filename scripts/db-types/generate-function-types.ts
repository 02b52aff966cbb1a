import path from 'node:path';
import type pg from 'pg';
import { formatWithBiome } from './format-with-biome';
import { readCallableFunctions } from './read-callable-functions';
import { renderFunctionTypes } from './render-function-types';

// The whole generator minus the file write, so the staleness test runs exactly this.

export const functionTypesFile = path.resolve(import.meta.dirname, '../../src/db/database-functions.ts');

export async function generateFunctionTypes(pool: pg.Pool): Promise<string> {
  const source = renderFunctionTypes(await readCallableFunctions(pool));
  return formatWithBiome(source, functionTypesFile);
}
