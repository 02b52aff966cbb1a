import type pg from 'pg';
import type { AclEntry } from './acl-statements';
import { readAcl } from './read-acl';

// Our schemas (public and what the migrations create), their ACLs and comments, and which of
// our tables sit in which publication (Supabase Realtime's supabase_realtime).

export type Schema = { name: string; comment: string | null; acl: AclEntry[] };
export type PublicationMember = { publication: string; table: string; filter: string | null };

export async function readSchemas(client: pg.ClientBase, schemas: string[]): Promise<Schema[]> {
  const { rows } = await client.query(
    `select nspname as name, nspacl::text as acl, nspowner::int as owner,
       pg_catalog.obj_description(oid, 'pg_namespace') as comment
     from pg_catalog.pg_namespace where nspname = any($1) order by nspname collate "C"`,
    [schemas],
  );
  const result: Schema[] = [];
  for (const row of rows)
    result.push({
      name: row.name,
      comment: row.comment,
      acl: await readAcl(client, row.acl, 'n', row.owner),
    });
  return result;
}

export async function readPublicationMembers(
  client: pg.ClientBase,
  schemas: string[],
): Promise<PublicationMember[]> {
  const { rows } = await client.query(
    `select p.pubname as publication, n.nspname || '.' || c.relname as table,
       pg_catalog.pg_get_expr(r.prqual, r.prrelid) as filter
     from pg_catalog.pg_publication_rel r
     join pg_catalog.pg_publication p on p.oid = r.prpubid
     join pg_catalog.pg_class c on c.oid = r.prrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any($1)
     order by p.pubname collate "C", n.nspname collate "C", c.relname collate "C"`,
    [schemas],
  );
  return rows as PublicationMember[];
}
