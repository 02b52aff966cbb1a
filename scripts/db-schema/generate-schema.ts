import type pg from 'pg';
import { areaHeader } from './area-headers';
import { type Area, areas, classifyFunction } from './function-areas';
import { readFunctions } from './read-functions';
import { readPublicationMembers, readSchemas } from './read-schemas';
import { readRelations } from './read-tables';
import { renderFunction } from './render-functions';
import { renderTables } from './render-tables';

// Reads a migrated database and returns the contents of supabase/schemas/<area>.sql by file name.

const ourSchemas = ['public', 'internal'];
// What the bootstrap (or Supabase) and the migrator own; never written to supabase/schemas.
// extensions: Supabase's schema for extensions (btree_gist's operator classes live there).
const notOurSchemas = ['auth', 'supabase_migrations', 'extensions'];

async function assertKnownSchemas(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query(
    `select nspname from pg_catalog.pg_namespace
     where nspname !~ '^pg_' and nspname <> 'information_schema' and not (nspname = any($1))`,
    [[...ourSchemas, ...notOurSchemas]],
  );
  if (rows.length > 0)
    throw new Error(
      `Unknown schema ${rows.map((r) => r.nspname).join(', ')}: add it to ourSchemas in scripts/db-schema/generate-schema.ts`,
    );
}

export async function generateSchemaFiles(client: pg.ClientBase): Promise<Map<string, string>> {
  // Qualified names everywhere, whatever the connection's search_path was.
  await client.query('set search_path = pg_catalog');
  await assertKnownSchemas(client);
  const blocks = new Map<Area, string[]>(areas.map((area) => [area, []]));
  const tables = renderTables(
    await readSchemas(client, ourSchemas),
    await readRelations(client, ourSchemas),
    await readPublicationMembers(client, ourSchemas),
  );
  blocks.get('tables')!.push(...tables);
  for (const fn of await readFunctions(client, ourSchemas))
    blocks.get(classifyFunction(`${fn.schema}.${fn.name}`))!.push(renderFunction(fn));
  const files = new Map<string, string>();
  for (const [area, areaBlocks] of blocks)
    files.set(`${area}.sql`, `${[areaHeader(area), ...areaBlocks].join('\n\n')}\n`);
  return files;
}
