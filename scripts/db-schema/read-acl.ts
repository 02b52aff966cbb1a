import type pg from 'pg';
import type { AclEntry } from './acl-statements';

// ACL entries of catalog rows, with the built-in default when the ACL is null (for a function that
// is "public may execute"), role names instead of OIDs, and the owner's own entries left out.

const explode = `
  select case when a.grantee = 0 then 'public' else pg_catalog.pg_get_userbyid(a.grantee) end as grantee,
    a.privilege_type as privilege, a.is_grantable as grantable
  from pg_catalog.aclexplode(coalesce($1::aclitem[], pg_catalog.acldefault($2::"char", $3::oid))) a
  where a.grantee <> $3::oid`;

/** kind: 'r' table or view, 's' sequence, 'f' function, 'n' schema. */
export async function readAcl(
  client: pg.ClientBase,
  acl: string | null,
  kind: 'r' | 's' | 'f' | 'n',
  ownerOid: number,
): Promise<AclEntry[]> {
  const { rows } = await client.query(explode, [acl, kind, ownerOid]);
  return rows as AclEntry[];
}
