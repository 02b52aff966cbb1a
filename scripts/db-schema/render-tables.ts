import { aclStatements } from './acl-statements';
import type { PublicationMember, Schema } from './read-schemas';
import type { Relation } from './read-tables';
import { byText, commentStatement } from './sql-text';

// tables.sql: schemas, then each table with everything attached to it (constraints, indexes,
// row level security, policies, triggers, grants, comments), then publication membership.

function renderSchema(schema: Schema): string[] {
  // public comes with every database (and its comment with it): only its grants are ours.
  if (schema.name === 'public')
    return ['-- schema public exists in every database', ...aclStatements('schema public', schema.acl)];
  return [
    `create schema ${schema.name};`,
    ...aclStatements(`schema ${schema.name}`, schema.acl),
    ...commentStatement(`schema ${schema.name}`, schema.comment),
  ];
}

function renderColumnsAndConstraints(relation: Relation, qualified: string): string[] {
  if (relation.kind === 'v' || relation.kind === 'm') {
    const view = relation.kind === 'm' ? 'materialized view' : 'view';
    return [`create ${view} ${qualified} as`, `${relation.viewDefinition!.trimEnd()}`];
  }
  if (relation.kind === 'S') return [`create sequence ${qualified};`];
  const columns = relation.columns.map(
    (column, index) =>
      `  ${column.name} ${column.definition}${index < relation.columns.length - 1 ? ',' : ''}`,
  );
  return [
    `create table ${qualified} (`,
    ...columns,
    ');',
    ...relation.constraints.map((c) => `alter table ${qualified} add constraint ${c.name} ${c.definition};`),
  ];
}

function renderRelation(relation: Relation): string[] {
  const qualified = `${relation.schema}.${relation.name}`;
  const table = relation.kind === 'S' ? `sequence ${qualified}` : `table ${qualified}`;
  const lines = renderColumnsAndConstraints(relation, qualified);
  lines.push(...relation.indexes.map((index) => `${index.definition};`));
  if (relation.rowSecurity) lines.push(`alter table ${qualified} enable row level security;`);
  if (relation.forceRowSecurity) lines.push(`alter table ${qualified} force row level security;`);
  lines.push(...relation.policies.map((policy) => policy.definition));
  lines.push(...relation.triggers.map((trigger) => `${trigger.definition};`));
  lines.push(...aclStatements(table, relation.acl));
  lines.push(...columnGrants(relation, table));
  lines.push(...commentStatement(table, relation.comment));
  for (const column of relation.columns)
    lines.push(...commentStatement(`column ${qualified}.${column.name}`, column.comment));
  for (const named of [...relation.constraints, ...relation.indexes, ...relation.triggers]) {
    const target = relation.indexes.includes(named)
      ? `index ${relation.schema}.${named.name}`
      : `${relation.triggers.includes(named) ? 'trigger' : 'constraint'} ${named.name} on ${qualified}`;
    lines.push(...commentStatement(target, named.comment));
  }
  return lines;
}

/** Column grants, one line per grantee and privilege, columns in table order. */
function columnGrants(relation: Relation, table: string): string[] {
  const byGrant = new Map<string, string[]>();
  for (const column of relation.columns)
    for (const entry of column.acl) {
      const key = `${entry.privilege.toLowerCase()}\t${entry.grantee}\t${entry.grantable}`;
      byGrant.set(key, [...(byGrant.get(key) ?? []), column.name]);
    }
  return [...byGrant]
    .sort(([a], [b]) => byText(a, b))
    .map(([key, columns]) => {
      const [privilege, grantee, grantable] = key.split('\t');
      const option = grantable === 'true' ? ' with grant option' : '';
      return `grant ${privilege} (${columns.join(', ')}) on ${table} to ${grantee}${option};`;
    });
}

export function renderTables(
  schemas: Schema[],
  relations: Relation[],
  publication: PublicationMember[],
): string[] {
  const blocks = [schemas.flatMap(renderSchema), ...relations.map(renderRelation)];
  if (publication.length > 0)
    blocks.push(
      publication.map(
        (m) =>
          `alter publication ${m.publication} add table ${m.table}${m.filter ? ` where (${m.filter})` : ''};`,
      ),
    );
  return blocks.map((block) => block.join('\n'));
}
