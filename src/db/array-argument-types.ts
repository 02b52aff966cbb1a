import type pg from 'pg';

// PostgREST turns a JSON array into a Postgres array when the parameter is one (text[], uuid[]).
// To bind the same way, the node-postgres port asks the catalog once per function which of its
// parameters are arrays, and only for calls that pass an array.

export type ArrayArgumentTypes = (functionName: string) => Promise<Map<string, string>>;

export function createArrayArgumentTypes(pool: pg.Pool): ArrayArgumentTypes {
  const cache = new Map<string, Promise<Map<string, string>>>();
  return (functionName) => {
    let found = cache.get(functionName);
    if (!found) {
      found = pool
        .query<{ name: string; type: string }>(
          `select a.name, format_type(a.type, null) as type
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
             unnest(p.proargnames, p.proargtypes::oid[]) as a(name, type)
           where n.nspname = 'public' and p.proname = $1 and p.proargmodes is null`,
          [functionName],
        )
        .then(
          ({ rows }) =>
            new Map(rows.filter((row) => row.type.endsWith('[]')).map((row) => [row.name, row.type])),
        );
      found.catch(() => cache.delete(functionName));
      cache.set(functionName, found);
    }
    return found;
  };
}
