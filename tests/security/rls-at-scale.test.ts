import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSearchTenant } from '@/bench/search-seed';
import { queryAs } from '../support/query-as';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// RLS at scale (issue 19): 100 tenants, one of them large enough that the planner prefers an
// index, real statistics (ANALYZE). Each query runs as PostgREST would run it for a signed-in
// user (role authenticated + request.jwt.claims) under `explain (analyze, format json)`, so the
// test reads the plan that really ran: a member's inbox reads walk indexes; a user with no
// membership who names a tenant walks an index and reads no row. (An unfiltered read by such a
// user may still be a sequential scan: see docs/performance.md, "RLS at scale".)

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
};

let test: TestDatabase;
let big: { tenantId: string; userId: string; email: string };
let conversationId: string;
const stranger = '00000000-0000-4000-8000-00000000abcd';

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explainAs(userId: string, sql: string, params: unknown[] = []): Promise<PlanNode[]> {
  const rows = await queryAs<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    test.pool,
    { role: 'authenticated', claims: { sub: userId, role: 'authenticated' } },
    `explain (analyze, format json) ${sql}`,
    params,
  );
  return nodes(rows[0]!['QUERY PLAN'][0].Plan);
}

/** The scans of `table` that ran (a node under a false one-time filter never runs: loops 0). */
function scansThatRan(plan: PlanNode[], table: string): string[] {
  return plan
    .filter((node) => node['Relation Name'] === table && (node['Actual Loops'] ?? 0) > 0)
    .map((node) => node['Node Type']);
}

const inboxReads = (tenantId: string) =>
  [
    [
      'conversations',
      `select * from public.conversations where tenant_id = $1
       order by coalesce(last_message_at, '-infinity') desc, id desc limit 51`,
      [tenantId],
    ],
    [
      'leads',
      `select * from public.leads where tenant_id = $1
       order by coalesce(last_message_at, '-infinity') desc, id desc limit 51`,
      [tenantId],
    ],
    [
      'messages',
      'select * from public.messages where conversation_id = $1 order by created_at desc, id desc limit 50',
      [conversationId],
    ],
  ] as const;

beforeAll(async () => {
  test = await createTestDatabase({ installAsAppDb: false });
  big = await seedSearchTenant(test.pool, 'rls-big', 40_000);
  for (let i = 1; i < 100; i += 1) await seedSearchTenant(test.pool, `rls-small-${i}`, 200);
  await test.pool.query('analyze');
  const conversation = await test.pool.query<{ id: string }>(
    'select conversation_id as id from public.messages where tenant_id = $1 limit 1',
    [big.tenantId],
  );
  conversationId = conversation.rows[0]!.id;
}, 120_000);

afterAll(async () => {
  await test?.drop();
});

describe('RLS policies at 100 tenants', () => {
  it('seeds what the plans below rely on', async () => {
    const { rows } = await test.pool.query<{ tenants: number; messages: number }>(
      'select count(distinct tenant_id)::int as tenants, count(*)::int as messages from public.messages',
    );
    expect(rows[0]).toEqual({ tenants: 100, messages: 40_000 + 99 * 200 });
  });

  it("uses index scans for a member's inbox reads, and returns the member's rows", async () => {
    for (const [table, sql, params] of inboxReads(big.tenantId)) {
      const plan = await explainAs(big.userId, sql, [...params]);
      const ran = scansThatRan(plan, table);
      expect(ran.length, `${table}: ${JSON.stringify(plan.map((n) => n['Node Type']))}`).toBeGreaterThan(0);
      for (const scan of ran) expect(['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']).toContain(scan);
      const rows = await queryAs(
        test.pool,
        { role: 'authenticated', claims: { sub: big.userId, role: 'authenticated' } },
        sql,
        [...params],
      );
      expect(rows.length, table).toBeGreaterThanOrEqual(20);
    }
  });

  it("walks an index and finds nothing when a user with no membership asks for a tenant's rows", async () => {
    const reads = [
      ...inboxReads(big.tenantId),
      ['messages', 'select * from public.messages where tenant_id = $1', [big.tenantId]],
      ['conversations', 'select * from public.conversations where tenant_id = $1', [big.tenantId]],
      ['leads', 'select * from public.leads where tenant_id = $1', [big.tenantId]],
    ] as const;
    for (const [table, sql, params] of reads) {
      const plan = await explainAs(stranger, sql, [...params]);
      const ran = plan.filter((node) => node['Relation Name'] === table && (node['Actual Loops'] ?? 0) > 0);
      for (const node of ran) {
        expect(['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan'], sql).toContain(node['Node Type']);
        expect(node['Actual Rows'], sql).toBe(0);
      }
    }
  });

  it('shows a user with no membership nothing, even unfiltered', async () => {
    for (const table of ['messages', 'conversations', 'leads', 'tenants', 'tenant_members']) {
      const rows = await queryAs(
        test.pool,
        { role: 'authenticated', claims: { sub: stranger, role: 'authenticated' } },
        `select * from public.${table}`,
      );
      expect(rows, table).toEqual([]);
    }
  });

  it("does not read another tenant's rows even when a member names that tenant", async () => {
    const other = await test.pool.query<{ id: string }>(
      "select id from public.tenants where slug = 'rls-small-1'",
    );
    const rows = await queryAs(
      test.pool,
      { role: 'authenticated', claims: { sub: big.userId, role: 'authenticated' } },
      'select * from public.messages where tenant_id = $1',
      [other.rows[0]!.id],
    );
    expect(rows).toEqual([]);
  });
});
