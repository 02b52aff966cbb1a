import type pg from 'pg';

// What the catalog knows about each function in schema public that rpc() may call: a function
// (not a procedure or aggregate), not a trigger, executable by service_role or authenticated
// (the two roles both ports call as), with every argument named (rpc passes them by name).

export type CatalogArgument = { name: string; type: string; hasDefault: boolean };

export type CatalogFunction = {
  name: string;
  identity: string;
  arguments: CatalogArgument[];
  argumentModes: string[] | null;
  returnType: string;
  returnsSet: boolean;
  strict: boolean;
  comment: string | null;
};

type Row = {
  name: string;
  identity: string;
  arg_names: string[] | null;
  arg_types: string[];
  arg_modes: string[] | null;
  defaults: number;
  return_type: string;
  returns_set: boolean;
  strict: boolean;
  comment: string | null;
};

const query = `
  select p.proname as name, pg_get_function_identity_arguments(p.oid) as identity,
    p.proargnames as arg_names,
    array(select format_type(t.type, null) from unnest(p.proargtypes::oid[]) with ordinality t(type, i)
      order by t.i) as arg_types,
    p.proargmodes::text[] as arg_modes, p.pronargdefaults as defaults,
    format_type(p.prorettype, null) as return_type, p.proretset as returns_set, p.proisstrict as strict,
    obj_description(p.oid, 'pg_proc') as comment
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = 'public' and p.prokind = 'f'
    and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
    and (has_function_privilege('service_role', p.oid, 'execute')
      or has_function_privilege('authenticated', p.oid, 'execute'))
  order by p.proname, identity`;

function toFunction(row: Row): CatalogFunction | undefined {
  const names = row.arg_names ?? [];
  // OUT, INOUT and VARIADIC arguments: kept (argumentModes set) so the renderer refuses them loudly.
  if (row.arg_modes) names.length = 0;
  // Unnamed inputs cannot be passed by name, so rpc() cannot call the function.
  if (!row.arg_modes && row.arg_types.some((_, index) => !names[index])) return undefined;
  const firstDefault = row.arg_types.length - row.defaults;
  return {
    name: row.name,
    identity: row.identity,
    arguments: row.arg_types.map((type, index) => ({
      name: names[index] ?? `$${index + 1}`,
      type,
      hasDefault: index >= firstDefault,
    })),
    argumentModes: row.arg_modes,
    returnType: row.return_type,
    returnsSet: row.returns_set,
    strict: row.strict,
    comment: row.comment,
  };
}

export async function readCallableFunctions(client: pg.Pool | pg.Client): Promise<CatalogFunction[]> {
  const { rows } = await client.query<Row>(query);
  return rows.map(toFunction).filter((fn): fn is CatalogFunction => fn !== undefined);
}
