import type pg from 'pg';
import type { AclEntry } from './acl-statements';
import { readAcl } from './read-acl';

// Our functions as PostgreSQL itself prints them (pg_get_functiondef), sorted by schema, name
// and argument types, with who may execute them and their comments.

export type SqlFunction = {
  schema: string;
  name: string;
  /** e.g. "public.admin_get_tenant(p_slug text)", for grants and comments. */
  signature: string;
  definition: string;
  comment: string | null;
  acl: AclEntry[];
};

const functionsSql = `
  select n.nspname as schema, p.proname as name, p.proacl::text as acl, p.proowner::int as owner,
    case p.prokind when 'p' then 'procedure' else 'function' end as kind,
    pg_catalog.pg_get_function_identity_arguments(p.oid) as arguments,
    pg_catalog.pg_get_functiondef(p.oid) as definition,
    pg_catalog.obj_description(p.oid, 'pg_proc') as comment
  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  where n.nspname = any($1) and p.prokind in ('f', 'p')
    and not exists (select 1 from pg_catalog.pg_depend d where d.objid = p.oid and d.deptype = 'e')
  order by n.nspname collate "C", p.proname collate "C",
    pg_catalog.pg_get_function_identity_arguments(p.oid) collate "C"`;

export async function readFunctions(client: pg.ClientBase, schemas: string[]): Promise<SqlFunction[]> {
  const { rows } = await client.query(functionsSql, [schemas]);
  const functions: SqlFunction[] = [];
  for (const row of rows) {
    functions.push({
      schema: row.schema,
      name: row.name,
      signature: `${row.kind} ${row.schema}.${row.name}(${row.arguments})`,
      definition: row.definition.trimEnd(),
      comment: row.comment,
      acl: await readAcl(client, row.acl, 'f', row.owner),
    });
  }
  return functions;
}
