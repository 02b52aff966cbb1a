import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The playbook that turns a populated webhook_events into monthly partitions (issue 19,
// docs/performance.md "Partitioning by month"), run step by step while webhooks keep being
// written beside it: none of those writes may fail or go missing.

const playbook = path.join(process.cwd(), 'supabase/playbooks/webhook-events-by-month');
const step = (file: string) => readFileSync(path.join(playbook, file), 'utf8');
const existingRows = 40_000;

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
const writes = { done: 0, failed: [] as string[] };

async function writeWhileMigrating(stop: { now: boolean }, tenantId: string) {
  while (!stop.now) {
    try {
      await test.pool.query(
        "insert into public.webhook_events (tenant_id, channel, outcome, http_status) values ($1, 'whatsapp', 'accepted', 200)",
        [tenantId],
      );
      writes.done += 1;
    } catch (error) {
      writes.failed.push((error as Error).message);
    }
  }
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'part-a');
  b = await createTenantWithStaff(test, 'part-b');
  // Sixty days of history, both tenants.
  await test.pool.query(
    `insert into public.webhook_events (tenant_id, channel, outcome, http_status, received_at)
     select case when n % 2 = 0 then $1::uuid else $2::uuid end, 'whatsapp', 'accepted', 200,
       now() - make_interval(mins => n % (60 * 24 * 60))
     from generate_series(1, $3::integer) n`,
    [a.tenantId, b.tenantId, existingRows],
  );
  const stop = { now: false };
  const writers = [writeWhileMigrating(stop, a.tenantId), writeWhileMigrating(stop, b.tenantId)];
  try {
    for (const file of ['0-functions.sql', '1-unique-index.sql', '2-range-check.sql', '3-swap.sql']) {
      await test.pool.query(step(file));
    }
    // A few more writes after the swap, so some surely went to the new table.
    const afterSwap = writes.done + writes.failed.length;
    while (writes.done + writes.failed.length < afterSwap + 50)
      await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    stop.now = true;
    await Promise.all(writers);
  }
}, 300_000);
afterAll(() => test.drop());

describe('webhook_events partitioned by month on a populated table', () => {
  it('loses and refuses no write made while the steps ran', async () => {
    expect(writes.failed).toEqual([]);
    expect(writes.done).toBeGreaterThan(50);
    const { rows } = await test.pool.query('select count(*)::int as n from public.webhook_events');
    expect(rows[0].n).toBe(existingRows + writes.done);
  });

  it('is a partitioned table: the old table first, then months, then a safety net', async () => {
    const { rows } = await test.pool.query(`
      select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'public.webhook_events'::regclass order by c.relname`);
    const names = rows.map((row) => row.name);
    expect(names).toContain('webhook_events_before_partitioning');
    expect(names).toContain('webhook_events_default');
    expect(names.filter((name) => /^webhook_events_\d{4}_\d{2}$/.test(name))).toHaveLength(3);
    const first = rows.find((row) => row.name === 'webhook_events_before_partitioning');
    expect(first.bound).toMatch(/^FOR VALUES FROM \(MINVALUE\) TO \('/);
  });

  it('attached the old table with the index built online, not a new one under the lock', async () => {
    const { rows } = await test.pool.query(`
      select child.relname as child, parent.relname as parent
      from pg_inherits i join pg_class child on child.oid = i.inhrelid join pg_class parent on parent.oid = i.inhparent
      where child.relname = 'webhook_events_id_received_key'`);
    expect(rows).toEqual([
      { child: 'webhook_events_id_received_key', parent: 'webhook_events_partitioned_key' },
    ]);
  });

  it('puts a row of a coming month in its partition, one past them in the default', async () => {
    const { rows } = await test.pool.query(
      `with e as (
         insert into public.webhook_events (tenant_id, channel, outcome, http_status, detail, received_at)
         values ($1, 'whatsapp', 'accepted', 200, 'next', date_trunc('month', now()) + interval '2 months 3 days'),
                ($1, 'whatsapp', 'accepted', 200, 'far', now() + interval '2 years')
         returning tableoid, detail)
       select min(c.relname::text) filter (where e.detail = 'next') as next,
         min(c.relname::text) filter (where e.detail = 'far') as far
       from e join pg_class c on c.oid = e.tableoid`,
      [a.tenantId],
    );
    expect(rows[0].next).toMatch(/^webhook_events_\d{4}_\d{2}$/);
    expect(rows[0].far).toBe('webhook_events_default');
  });

  it('reads of recent months skip the old partition', async () => {
    const { rows } = await test.pool.query(`explain (format json) select count(*) from public.webhook_events
      where received_at >= date_trunc('month', now()) + interval '2 months'`);
    const plan = JSON.stringify(rows[0]['QUERY PLAN']);
    expect(plan).not.toContain('webhook_events_before_partitioning');
    expect(plan).toMatch(/webhook_events_\d{4}_\d{2}/);
  });

  it('keeps row security: an admin of A reads only A', async () => {
    const seen = await queryAs(
      test.pool,
      { role: 'authenticated', claims: a.staff.claims },
      'select distinct tenant_id from public.webhook_events',
    );
    expect(seen).toEqual([{ tenant_id: a.tenantId }]);
    await expect(queryAs(test.pool, { role: 'anon' }, 'select 1 from public.webhook_events')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('our functions write and purge through the new table', async () => {
    const id = await test.db.rpc('record_webhook_event', {
      p_channel: 'whatsapp',
      p_outcome: 'bad_signature',
      p_http_status: 403,
      p_tenant_id: b.tenantId,
      p_tenant_slug: 'part-b',
    });
    const { rows } = await test.pool.query(
      'select c.relname from public.webhook_events e join pg_class c on c.oid = e.tableoid where e.id = $1',
      [id],
    );
    expect(rows).toEqual([{ relname: 'webhook_events_before_partitioning' }]);
    await test.pool.query(
      'select public.purge_expired_rows(p_completed_jobs_days => 30, p_failed_jobs_days => 30, p_webhook_events_days => 30, p_pending_statuses_days => 30)',
    );
    const old = await test.pool.query(
      "select count(*)::int as n from public.webhook_events where received_at < now() - interval '30 days'",
    );
    expect(old.rows[0].n).toBe(0);
  });
});
