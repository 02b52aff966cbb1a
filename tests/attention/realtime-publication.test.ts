import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeSubscriptions, realtimeTables } from '@/src/ui/realtime-subscriptions';
import { type SeededInbox, seedInbox } from '../dashboard/seed-inbox';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Supabase Realtime sends a row change to a subscriber only if the subscriber's JWT may select the
// row under RLS, except DELETE events, which it does not check: their old ids would reach every
// tenant's subscribers. So the publication must never carry deletes, every table the dashboard
// listens to must be in it, and RLS must keep each tenant's rows to its own members.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
let seeded: SeededInbox;

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'live-a');
  b = await createTenantWithStaff(test, 'live-b');
  seeded = await seedInbox(test, a.tenantId, { name: 'Ana', text: 'Hola' });
});
afterAll(() => test.drop());

describe('the supabase_realtime publication', () => {
  it('publishes inserts and updates, never deletes or truncates', async () => {
    const { rows } = await test.pool.query(
      `select pubinsert, pubupdate, pubdelete, pubtruncate, puballtables
       from pg_publication where pubname = 'supabase_realtime'`,
    );
    expect(rows).toEqual([
      { pubinsert: true, pubupdate: true, pubdelete: false, pubtruncate: false, puballtables: false },
    ]);
  });

  it('no publication that includes a public table publishes deletes', async () => {
    const { rows } = await test.pool.query(
      `select distinct p.pubname from pg_publication p
       join pg_publication_tables t on t.pubname = p.pubname
       where t.schemaname = 'public' and (p.pubdelete or p.pubtruncate)`,
    );
    expect(rows).toEqual([]);
  });

  it('holds exactly the tables the dashboard listens to, leads among them', async () => {
    const { rows } = await test.pool.query<{ tablename: string }>(
      `select tablename from pg_publication_tables where pubname = 'supabase_realtime' order by tablename`,
    );
    expect(rows.map((row) => row.tablename)).toEqual([...realtimeTables].sort());
    expect(rows.map((row) => row.tablename)).toContain('leads');
  });

  it('every published table has RLS on and a tenant_id to filter by', async () => {
    const { rows } = await test.pool.query(
      `select c.relname, c.relrowsecurity,
         exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') as has_tenant,
         exists (select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname
           and p.cmd in ('SELECT', 'ALL') and 'authenticated' = any (p.roles)) as has_read_policy
       from pg_publication_tables t join pg_class c on c.relname = t.tablename
       join pg_namespace n on n.oid = c.relnamespace and n.nspname = t.schemaname
       where t.pubname = 'supabase_realtime'`,
    );
    for (const row of rows) {
      expect(row).toMatchObject({ relrowsecurity: true, has_tenant: true, has_read_policy: true });
    }
  });
});

describe('what the dashboard subscribes to', () => {
  it("listens to inserts and updates of its own tenant's rows only", () => {
    const subscriptions = realtimeSubscriptions(a.tenantId);
    expect(subscriptions).toHaveLength(realtimeTables.length * 2);
    for (const subscription of subscriptions) {
      expect(subscription.schema).toBe('public');
      expect(subscription.filter).toBe(`tenant_id=eq.${a.tenantId}`);
      expect(['INSERT', 'UPDATE']).toContain(subscription.event);
    }
  });

  it("RLS, which Realtime applies per subscriber: a member of B selects none of A's rows", async () => {
    const ids = [seeded.leadId, seeded.conversationId, seeded.inboundId];
    const sql = `select id from leads where id = $1 union all select id from conversations where id = $2
      union all select id from messages where id = $3`;
    const asB = await queryAs(test.pool, { role: 'authenticated', claims: b.staff.claims }, sql, ids);
    expect(asB).toEqual([]);
    const asA = await queryAs(test.pool, { role: 'authenticated', claims: a.staff.claims }, sql, ids);
    expect(asA).toHaveLength(3);
    const anon = await queryAs(test.pool, { role: 'anon' }, 'select id from leads').catch(
      (error: Error) => error,
    );
    expect(anon).toBeInstanceOf(Error);
  });
});
