import { byText } from './sql-text';

// Turns an object's ACL entries into grant/revoke statements a reader can trust: the revoke line
// names every well-known role that holds nothing, the grant lines say exactly who holds what.
// The owner's own privileges are left out (the owner differs between databases).

export type AclEntry = { grantee: string; privilege: string; grantable: boolean };

const wellKnownRoles = ['public', 'anon', 'authenticated', 'service_role'];
const privilegeOrder = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'MAINTAIN',
  'USAGE',
  'CREATE',
  'EXECUTE',
];

function privilegeList(privileges: string[]): string {
  return [...new Set(privileges)]
    .sort((a, b) => privilegeOrder.indexOf(a) - privilegeOrder.indexOf(b))
    .map((privilege) => privilege.toLowerCase())
    .join(', ');
}

/** `target` is e.g. "function public.f(uuid)"; `columns` makes it a column grant. */
export function aclStatements(target: string, entries: AclEntry[], columns?: string): string[] {
  const onTarget = columns ? `(${columns}) on ${target}` : `on ${target}`;
  const byGrant = new Map<string, string[]>();
  for (const grantee of new Set(entries.map((entry) => entry.grantee))) {
    for (const grantable of [false, true]) {
      const held = entries.filter((e) => e.grantee === grantee && e.grantable === grantable);
      if (held.length === 0) continue;
      const key = `${privilegeList(held.map((e) => e.privilege))}${grantable ? ' with grant option' : ''}`;
      byGrant.set(key, [...(byGrant.get(key) ?? []), grantee]);
    }
  }
  const holders = new Set(entries.map((entry) => entry.grantee));
  const without = wellKnownRoles.filter((role) => !holders.has(role));
  const lines = columns || without.length === 0 ? [] : [`revoke all ${onTarget} from ${without.join(', ')};`];
  for (const [key, grantees] of [...byGrant].sort(([a], [b]) => byText(a, b))) {
    const [privileges, option] = key.split(' with grant option');
    const to = grantees.sort(byText).join(', ');
    lines.push(
      `grant ${privileges} ${onTarget} to ${to}${option === undefined ? '' : ' with grant option'};`,
    );
  }
  return lines;
}
