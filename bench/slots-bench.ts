import type pg from 'pg';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { BenchServer } from './bench-database';
import { type BenchRow, percentile, round, timeMs } from './measure';

// Slot search: one branch with 10 dentists over 14 days (hours mon-fri 09:00-19:00, sat
// 09:00-14:00, one dentist on a half-day schedule, a holiday, time off, and about a third of
// every day already booked), through `appointment_slots` as the AI tool and the calendar call
// it. Baseline: a plain indexed SELECT of the same branch's appointments in the same 14 days.

export type SlotsBenchOptions = { samples: number };

async function seedBranch(admin: pg.Pool): Promise<{ tenantId: string; serviceId: string; from: string }> {
  const { rows: tenant } = await admin.query<{ id: string }>(
    "select (public.admin_create_tenant('bench-slots', 'Bench slots', 'America/Mexico_City') ->> 'id') as id",
  );
  const tenantId = tenant[0]!.id;
  await admin.query(
    `select public.admin_save_branch('bench-slots', '{"name": "Centro", "weekly_hours": {"mon": [["09:00", "19:00"]],
       "tue": [["09:00", "19:00"]], "wed": [["09:00", "19:00"]], "thu": [["09:00", "19:00"]],
       "fri": [["09:00", "19:00"]], "sat": [["09:00", "14:00"]]}}')`,
  );
  const { rows: service } = await admin.query<{ id: string }>(
    `select (public.admin_save_service('bench-slots', '{"name": "Limpieza", "duration_minutes": 45,
       "buffer_minutes": 15}') ->> 'id') as id`,
  );
  for (let i = 1; i <= 10; i += 1) {
    const hours =
      i === 10 ? ', "weekly_hours": {"mon": [["09:00", "14:00"]], "wed": [["09:00", "14:00"]]}' : '';
    await admin.query(`select public.admin_save_resource('bench-slots', $1::jsonb)`, [
      `{"branch": "Centro", "name": "Dentista ${String(i).padStart(2, '0')}", "services": ["Limpieza"]${hours}}`,
    ]);
  }
  const { rows: from } = await admin.query<{ day: string }>(
    "select to_char((now() at time zone 'America/Mexico_City')::date + 1, 'YYYY-MM-DD') as day",
  );
  const lead = await admin.query<{ id: string }>(
    "insert into public.leads (tenant_id, origin_channel) values ($1, 'whatsapp') returning id",
    [tenantId],
  );
  // Every third hour of every dentist booked, with the buffer; branch closed on day 5; dentist
  // 01 off on day 2.
  await admin.query(
    `insert into public.appointments (tenant_id, lead_id, branch_id, service_id, resource_id, period, blocked, status, source)
     select $1, $2, r.branch_id, $3, r.id, tstzrange(t, t + interval '45 minutes'), tstzrange(t, t + interval '60 minutes'),
            'confirmed', 'api'
     from public.resources r
     cross join generate_series(0, 13) d
     cross join generate_series(9, 18, 3) h
     cross join lateral (select (($4::date + d) + make_interval(hours => h)) at time zone 'America/Mexico_City' as t) x
     where r.tenant_id = $1`,
    [tenantId, lead.rows[0]!.id, service[0]!.id, from[0]!.day],
  );
  await admin.query(
    `insert into public.closures (tenant_id, branch_id, resource_id, period, reason)
     select $1, b.id, null, tstzrange(($2::date + 5)::timestamp at time zone b.timezone, ($2::date + 6)::timestamp at time zone b.timezone), 'Feriado'
     from public.branches b where b.tenant_id = $1
     union all
     select $1, r.branch_id, r.id, tstzrange(($2::date + 2)::timestamp at time zone 'America/Mexico_City', ($2::date + 3)::timestamp at time zone 'America/Mexico_City'), 'Vacaciones'
     from public.resources r where r.tenant_id = $1 and r.name = 'Dentista 01'`,
    [tenantId, from[0]!.day],
  );
  await admin.query('analyze');
  return { tenantId, serviceId: service[0]!.id, from: from[0]!.day };
}

export async function runSlotsBench(server: BenchServer, options: SlotsBenchOptions): Promise<BenchRow[]> {
  const url = await server.createDatabase('bench_slots');
  const admin = createPgPool(url, 2);
  const db = createPgPort(createPgPool(url, 2));
  try {
    const { tenantId, serviceId, from } = await seedBranch(admin);
    const sample = async (call: () => Promise<unknown>) => {
      for (let i = 0; i < 10; i += 1) await call();
      const latencies: number[] = [];
      for (let i = 0; i < options.samples; i += 1) latencies.push(await timeMs(call));
      return latencies;
    };
    const baseline = await sample(() =>
      admin.query(
        `select id, resource_id, period from public.appointments
         where tenant_id = $1 and lower(period) >= $2::date and lower(period) < $2::date + 14`,
        [tenantId, from],
      ),
    );
    const query = { service_id: serviceId, from, days: 14 };
    let offered = 0;
    const firstFree = await sample(async () => {
      const result = await db.rpc('appointment_slots', {
        p_tenant_id: tenantId,
        p_query: { ...query, limit: 10 },
      });
      offered = result.slots.length;
    });
    let perResource = 0;
    const calendar = await sample(async () => {
      const result = await db.rpc('appointment_slots', {
        p_tenant_id: tenantId,
        p_query: { ...query, per_resource: true, limit: 100 },
      });
      perResource = result.slots.length;
    });
    if (offered !== 10 || perResource !== 100)
      throw new Error(`unexpected slot counts ${offered} / ${perResource}`);
    const base99 = percentile(baseline, 99);
    const row = (metric: string, latencies: number[]): BenchRow => ({
      suite: 'slots',
      metric: `${metric} (10 resources, 14 days, p99; p50 ${round(percentile(latencies, 50))} ms)`,
      value: round(percentile(latencies, 99)),
      unit: 'ms',
      baseline: round(base99),
      ratio: round(percentile(latencies, 99) / base99),
      note: `baseline: plain indexed SELECT of the branch's appointments in the 14 days, p99; ratio = search/baseline time; ${options.samples} samples each`,
    });
    return [
      row('appointment_slots, first 10 starts', firstFree),
      row('appointment_slots, per resource, 100 slots', calendar),
    ];
  } finally {
    await db.close();
    await admin.end();
  }
}
