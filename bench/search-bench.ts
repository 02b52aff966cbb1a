import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { StaffIdentity } from '@/src/db/rpc-port';
import type { BenchServer } from './bench-database';
import { type BenchRow, percentile, round, timeMs } from './measure';
import { seedSearchTenant } from './search-seed';

// The inbox and its search at scale: one tenant with `messages` messages (default 1,000,000)
// among two smaller tenants. Each call is the dashboard's own (dashboard_conversations as the
// staff member, through the same port the pages use). Baseline: a primary-key lookup of one
// message through the same pool, measured in the same run; ratio = call / baseline (p50).

export type SearchBenchOptions = { messages: number; samples: number };

export async function runSearchBench(server: BenchServer, options: SearchBenchOptions): Promise<BenchRow[]> {
  const url = await server.createDatabase('bench_search');
  const admin = createPgPool(url, 2);
  const db = createPgPort(createPgPool(url, 2));
  try {
    const seedStarted = performance.now();
    const main = await seedSearchTenant(admin, 'bench-search', options.messages);
    for (const slug of ['bench-other-1', 'bench-other-2'])
      await seedSearchTenant(admin, slug, Math.max(20, Math.floor(options.messages / 10)));
    await admin.query('vacuum analyze');
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    const staff: StaffIdentity = { claims: { sub: main.userId, role: 'authenticated', email: main.email } };
    const sample = async (call: () => Promise<unknown>) => {
      for (let i = 0; i < 5; i += 1) await call();
      const latencies: number[] = [];
      for (let i = 0; i < options.samples; i += 1) latencies.push(await timeMs(call));
      return latencies;
    };
    const ids = (
      await admin.query<{ id: string }>('select id from public.messages tablesample system (1) limit 100')
    ).rows;
    let next = 0;
    const baseline = await sample(() =>
      admin.query('select * from public.messages where id = $1', [ids[next++ % ids.length]!.id]),
    );
    const inbox = (args: Record<string, unknown>, expectRows: (n: number) => boolean) => async () => {
      const rows = await db.rpc(
        'dashboard_conversations',
        { p_tenant_id: main.tenantId, p_status: 'open', p_limit: 51, ...args },
        { as: staff },
      );
      if (!expectRows(rows.length))
        throw new Error(`unexpected row count ${rows.length} for ${JSON.stringify(args)}`);
    };
    const any = (n: number) => n >= 0;
    const full = (n: number) => n === 51;
    const cases: [string, () => Promise<void>][] = [
      ['inbox, first page (50 open conversations)', inbox({}, full)],
      ['inbox, all statuses, first page', inbox({ p_status: null }, full)],
      ['search, rare word "ortodoncia"', inbox({ p_status: null, p_query: 'ortodoncia' }, (n) => n > 0)],
      ['search, common words "cuesta limpieza"', inbox({ p_status: null, p_query: 'cuesta limpieza' }, full)],
      ['search, name "ximena" (trigram)', inbox({ p_status: null, p_query: 'ximena' }, (n) => n > 0)],
      ['search, phone digits "5512"', inbox({ p_status: null, p_query: '5512' }, any)],
      ['search, no match "zzzzzz"', inbox({ p_status: null, p_query: 'zzzzzz' }, (n) => n === 0)],
    ];
    const base50 = percentile(baseline, 50);
    const rows: BenchRow[] = [];
    for (const [metric, call] of cases) {
      const latencies = await sample(call);
      const p50 = percentile(latencies, 50);
      rows.push({
        suite: 'search',
        metric: `${metric} (p50; p99 ${round(percentile(latencies, 99))} ms)`,
        value: round(p50),
        unit: 'ms',
        baseline: round(base50),
        ratio: round(p50 / base50),
        note: `${options.messages} messages in the tenant (${Math.floor(options.messages / 20)} conversations) plus 2 tenants of ${Math.floor(options.messages / 10)}; seeded in ${seedSeconds} s; baseline: primary-key SELECT of one message, p50; ratio = call/baseline; ${options.samples} samples each`,
      });
    }
    return rows;
  } finally {
    await db.close();
    await admin.end();
  }
}
