// How each PostgreSQL type travels through both ports. Arguments: pg-rpc.ts's literal() sends a
// string, number, boolean or Date (as ISO text) and JSON for anything else; supabase-js sends JSON.
// Results: only types both ports return the same way are accepted (node-postgres turns bigint and
// numeric into strings and timestamptz into Date, PostgREST sends numbers and ISO strings).

const text = ['text', 'character varying', 'character', 'citext', 'uuid'];
const numbers = ['smallint', 'integer', 'real', 'double precision'];
const times = ['timestamp with time zone', 'timestamp without time zone', 'date'];

function scalarArgument(type: string): string | undefined {
  if (text.includes(type)) return 'string';
  if (numbers.includes(type) || type === 'bigint' || type === 'numeric') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'jsonb' || type === 'json') return 'JsonArgument';
  if (times.includes(type)) return 'string | Date';
  return undefined;
}

export function argumentType(type: string): string | undefined {
  if (type.endsWith('[]')) {
    const element = scalarArgument(type.slice(0, -2));
    return element && (element.includes('|') ? `(${element})[]` : `${element}[]`);
  }
  return scalarArgument(type);
}

export function resultType(type: string): string | undefined {
  if (text.includes(type)) return 'string';
  if (numbers.includes(type)) return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'jsonb' || type === 'json') return 'Json';
  if (type === 'void') return 'null'; // both ports give null for a void function
  return undefined;
}
