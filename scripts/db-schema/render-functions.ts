import { aclStatements } from './acl-statements';
import type { SqlFunction } from './read-functions';
import { commentStatement } from './sql-text';

// One block per function: its definition as PostgreSQL prints it, then who may execute it.

export function renderFunction(fn: SqlFunction): string {
  return [
    `${fn.definition};`,
    ...aclStatements(fn.signature, fn.acl),
    ...commentStatement(fn.signature, fn.comment),
  ].join('\n');
}
