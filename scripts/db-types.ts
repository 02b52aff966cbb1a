import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { functionTypesFile, generateFunctionTypes } from './db-types/generate-function-types';
import { withMigratedDatabase } from './db-types/with-migrated-database';

// `npm run db:types [-- --admin-url postgres://…]`: migrates a throwaway database (on that
// server, or a temporary embedded PostgreSQL) and writes the types of every rpc() function.

const { values } = parseArgs({ options: { 'admin-url': { type: 'string' } } });
const source = await withMigratedDatabase(values['admin-url'], generateFunctionTypes);
writeFileSync(functionTypesFile, source);
console.log(`wrote ${path.relative(process.cwd(), functionTypesFile)}`);
