import type pg from 'pg';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { StaffIdentity } from '@/src/db/rpc-port';
import type { BenchServer } from './bench-database';
import { type BenchRow, percentile, round, timeMs } from './measure';

// Reports at scale: one tenant with `messages` messages (default a million) over the last year,
// ten per conversation (five from the customer, five answers, one in ten by a person, one in
// fifty failed), one lead per conversation, a tenth escalated; another tenant with a fifth of
// that in the same tables. dashboard_report over 7, 30 and 90 days, as the tenant's staff.
// Before measuring, every closed hour is rolled up (report_rollup_hours, as the report_rollup job
// does), so the reports read internal.report_hourly and only the open hour's messages.
// Baseline, measured in the same run: an index-only count of the same tenant's messages in the
// same 30 days (messages_report_idx: the least any report of that period must read).

export type ReportsBenchOptions = { samples: number; reportMessages: number };

async function seedTenant(admin: pg.Pool, slug: string, messages: number): Promise<string> {
  const { rows } = await admin.query<{ id: string }>(
    "select (public.admin_create_tenant($1, $1, 'America/Mexico_City') ->> 'id') as id",
    [slug],
  );
  const tenantId = rows[0]!.id;
  const conversations = Math.max(1, Math.floor(messages / 10));
  // Conversation g starts at a point of the last 365 days; its messages a minute apart.
  await admin.query(
    `insert into public.leads (tenant_id, origin_channel, classification, created_at)
     select $1, (array['whatsapp','instagram','facebook','tiktok'])[1 + g % 4],
       (array['hot','warm','cold'])[1 + g % 3], now() - make_interval(secs => g * (31536000.0 / $2))
     from generate_series(1, $2) g`,
    [tenantId, conversations],
  );
  await admin.query(
    `insert into public.conversations (tenant_id, lead_id, channel, status, created_at, escalated_at, escalation_reason)
     select l.tenant_id, l.id, l.origin_channel, 'resolved', l.created_at,
       case when n % 10 = 0 then l.created_at + interval '3 minutes' end,
       case when n % 10 = 0 then (array['keyword: precio', 'escalated by the AI'])[1 + (n / 10) % 2] end
     from (select l.*, row_number() over () as n from public.leads l where l.tenant_id = $1) l`,
    [tenantId],
  );
  await admin.query(
    `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, created_at)
     select c.tenant_id, c.id, c.lead_id, c.channel, 'inbound', 'lead', c.created_at + make_interval(mins => k * 2)
     from public.conversations c cross join generate_series(0, 4) k where c.tenant_id = $1`,
    [tenantId],
  );
  await admin.query(
    `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, created_at,
       delivery_status, error_code)
     select c.tenant_id, c.id, c.lead_id, c.channel, 'outbound', case when k = 4 and n % 2 = 0 then 'human' else 'ai' end,
       c.created_at + make_interval(mins => k * 2, secs => 20 + (n % 7) * 10),
       case when k = 3 and n % 10 = 0 then 'failed' else 'sent' end,
       case when k = 3 and n % 10 = 0 then '131047' end
     from (select c.*, row_number() over () as n from public.conversations c where c.tenant_id = $1) c
     cross join generate_series(0, 4) k`,
    [tenantId],
  );
  return tenantId;
}

export async function runReportsBench(
  server: BenchServer,
  options: ReportsBenchOptions,
): Promise<BenchRow[]> {
  const url = await server.createDatabase('bench_reports');
  const admin = createPgPool(url, 2);
  const db = createPgPort(createPgPool(url, 2));
  try {
    const seedStart = performance.now();
    await seedTenant(admin, 'bench-other', Math.floor(options.reportMessages / 5));
    const tenantId = await seedTenant(admin, 'bench-reports', options.reportMessages);
    const member = await admin.query<{ user_id: string }>(
      "select (public.admin_seed_staff_member('bench-reports', 'owner@bench.example', 'owner') ->> 'user_id') as user_id",
    );
    const staff: StaffIdentity = { claims: { sub: member.rows[0]!.user_id, role: 'authenticated' } };
    await admin.query('vacuum analyze');
    const seedSeconds = round((performance.now() - seedStart) / 1000);
    // The report_rollup job's work, done once as it would have been hour by hour: every closed
    // hour into internal.report_hourly (the report reads the messages only for the open hour).
    const rollupStart = performance.now();
    for (let more = true; more; ) {
      const { rows } = await admin.query<{ result: { more: boolean } }>(
        'select public.report_rollup_hours(720) as result',
      );
      more = rows[0]!.result.more;
    }
    await admin.query('vacuum analyze internal.report_hourly');
    const rollupSeconds = round((performance.now() - rollupStart) / 1000);
    const { rows: today } = await admin.query<{ day: string }>(
      "select to_char((now() at time zone 'America/Mexico_City')::date, 'YYYY-MM-DD') as day",
    );
    const to = today[0]!.day;
    const from = (days: number) => {
      const date = new Date(`${to}T12:00:00Z`);
      date.setUTCDate(date.getUTCDate() - (days - 1));
      return date.toISOString().slice(0, 10);
    };
    const samples = Math.max(5, Math.floor(options.samples / 10));
    const sample = async (call: () => Promise<unknown>) => {
      for (let i = 0; i < 3; i += 1) await call();
      const latencies: number[] = [];
      for (let i = 0; i < samples; i += 1) latencies.push(await timeMs(call));
      return latencies;
    };
    const baseline = await sample(() =>
      admin.query(
        "select count(*) from public.messages where tenant_id = $1 and not is_test and created_at >= now() - interval '30 days'",
        [tenantId],
      ),
    );
    const base50 = percentile(baseline, 50);
    const report = (days: number, extra: { p_channel?: string } = {}) =>
      sample(() =>
        db.rpc(
          'dashboard_report',
          { p_tenant_id: tenantId, p_from: from(days), p_to: to, ...extra },
          { as: staff },
        ),
      );
    const row = (metric: string, latencies: number[]): BenchRow => ({
      suite: 'reports',
      metric: `${metric} (${options.reportMessages} messages, p50; p90 ${round(percentile(latencies, 90))} ms)`,
      value: round(percentile(latencies, 50)),
      unit: 'ms',
      baseline: round(base50),
      ratio: round(percentile(latencies, 50) / base50),
      note: `baseline: indexed count(*) of the tenant's messages in the last 30 days, p50; ratio = report/baseline; ${samples} samples each; seeding took ${seedSeconds} s, rolling every closed hour up ${rollupSeconds} s`,
    });
    return [
      row('dashboard_report, 7 days', await report(7)),
      row('dashboard_report, 30 days', await report(30)),
      row('dashboard_report, 90 days', await report(90)),
      row('dashboard_report, 90 days, one channel', await report(90, { p_channel: 'whatsapp' })),
    ];
  } finally {
    await db.close();
    await admin.end();
  }
}
