import type pg from 'pg';
import { createPgPool } from '@/src/db/pg-rpc';
import type { BenchServer } from './bench-database';
import { type BenchRow, percentile, round, timeMs } from './measure';
import { seedSearchTenant } from './search-seed';

// RLS at scale (issue 19): the inbox's first page read straight from the tables, the way a
// signed-in browser reaches them through PostgREST (role authenticated, request.jwt.claims, the
// policies applying), against the same SQL run by the service role (RLS bypassed) in the same run.
// One tenant of `messages` messages among 99 others of a hundredth of that each (100 tenants).

export type RlsBenchOptions = { messages: number; samples: number };

async function timeAs(
  pool: pg.Pool,
  userId: string | undefined,
  sql: string,
  params: unknown[],
  samples: number,
): Promise<{ latencies: number[]; rows: number }> {
  const client = await pool.connect();
  try {
    let rows = 0;
    const once = async () => {
      await client.query('begin');
      if (userId)
        await client.query(
          "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
          [JSON.stringify({ sub: userId, role: 'authenticated' })],
        );
      rows = (await client.query(sql, params)).rowCount ?? 0;
      await client.query('commit');
    };
    for (let i = 0; i < 5; i += 1) await once();
    const latencies: number[] = [];
    for (let i = 0; i < samples; i += 1) latencies.push(await timeMs(once));
    return { latencies, rows };
  } finally {
    client.release();
  }
}

export async function runRlsBench(server: BenchServer, options: RlsBenchOptions): Promise<BenchRow[]> {
  const url = await server.createDatabase('bench_rls');
  const admin = createPgPool(url, 2);
  try {
    const seedStarted = performance.now();
    const main = await seedSearchTenant(admin, 'bench-rls', options.messages);
    const small = Math.max(20, Math.floor(options.messages / 100));
    for (let i = 1; i < 100; i += 1) await seedSearchTenant(admin, `bench-rls-${i}`, small);
    await admin.query('vacuum analyze');
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    const conversation = await admin.query<{ id: string }>(
      `select id from public.conversations where tenant_id = $1
       order by coalesce(last_message_at, '-infinity') desc, id desc limit 1`,
      [main.tenantId],
    );
    const stranger = '00000000-0000-4000-8000-00000000abcd';
    const firstPage = `select c.id, c.status, c.last_message_at, c.escalated_at, c.handled_by, l.name, l.classification
      from public.conversations c join public.leads l on l.id = c.lead_id
      where c.tenant_id = $1 and c.status in ('active', 'pending')
      order by coalesce(c.last_message_at, '-infinity') desc, c.id desc limit 51`;
    const thread =
      'select * from public.messages where conversation_id = $1 order by created_at desc, id desc limit 50';
    const cases: [string, string, unknown[]][] = [
      ['inbox first page (50 open conversations + lead)', firstPage, [main.tenantId]],
      ['conversation thread (newest 50 messages)', thread, [conversation.rows[0]!.id]],
    ];
    const rows: BenchRow[] = [];
    const note = `1 tenant of ${options.messages} messages + 99 tenants of ${small}; seeded in ${seedSeconds} s; baseline: the same SQL as the service role (no RLS), same connection; ${options.samples} samples each`;
    for (const [metric, sql, params] of cases) {
      const bypass = await timeAs(admin, undefined, sql, params, options.samples);
      const member = await timeAs(admin, main.userId, sql, params, options.samples);
      const outsider = await timeAs(admin, stranger, sql, params, options.samples);
      if (member.rows !== bypass.rows || outsider.rows !== 0)
        throw new Error(
          `${metric}: rows ${bypass.rows} without RLS, ${member.rows} member, ${outsider.rows} outsider`,
        );
      const base = percentile(bypass.latencies, 50);
      for (const [who, result] of [
        ['staff member, RLS on', member],
        ['signed-in user with no membership', outsider],
      ] as const) {
        const p50 = percentile(result.latencies, 50);
        rows.push({
          suite: 'rls',
          metric: `${metric}, ${who} (p50; p99 ${round(percentile(result.latencies, 99))} ms)`,
          value: round(p50),
          unit: 'ms',
          baseline: round(base),
          baselineName: 'no RLS',
          ratio: round(p50 / base),
          note,
        });
      }
    }
    // What a signed-in stranger can ask PostgREST for with no filter at all: every message.
    const everything = await timeAs(admin, stranger, 'select count(*) from public.messages', [], 5);
    const scan = await timeAs(admin, undefined, 'select count(*) from public.messages', [], 5);
    rows.push({
      suite: 'rls',
      metric: 'count of all messages, signed-in user with no membership (p50)',
      value: round(percentile(everything.latencies, 50)),
      unit: 'ms',
      baseline: round(percentile(scan.latencies, 50)),
      baselineName: 'full count, no RLS',
      ratio: round(percentile(everything.latencies, 50) / percentile(scan.latencies, 50)),
      note,
    });
    return rows;
  } finally {
    await admin.end();
  }
}
