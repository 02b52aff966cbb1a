import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '@/src/dashboard/reports/load-report';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// dashboard_report over known rows: exact numbers for each section, the branch's time zone,
// the channel and branch filters, test traffic left out, another tenant's rows never counted.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenantA: TenantContext;
let mexico: string;
let bogota: string;

type Row = { id: string };
const q = async (sql: string, params: unknown[]) => (await test.pool.query<Row>(sql, params)).rows[0]!;

async function branch(tenantId: string, name: string, timezone: string) {
  return (
    await q('insert into branches (tenant_id, name, timezone) values ($1, $2, $3) returning id', [
      tenantId,
      name,
      timezone,
    ])
  ).id;
}

async function lead(
  tenantId: string,
  channel: string,
  classification: string,
  createdAt: string,
  isTest = false,
) {
  return (
    await q(
      `insert into leads (tenant_id, origin_channel, classification, created_at, is_test)
       values ($1, $2, $3, $4, $5) returning id`,
      [tenantId, channel, classification, createdAt, isTest],
    )
  ).id;
}

async function conversation(
  tenantId: string,
  leadId: string,
  channel: string,
  options: { branchId?: string; escalatedAt?: string; reason?: string; isTest?: boolean } = {},
) {
  return (
    await q(
      `insert into conversations (tenant_id, lead_id, channel, branch_id, escalated_at, escalation_reason, status, is_test)
       values ($1, $2, $3, $4, $5, $6, 'resolved', $7) returning id`,
      [
        tenantId,
        leadId,
        channel,
        options.branchId ?? null,
        options.escalatedAt ?? null,
        options.reason ?? null,
        options.isTest ?? false,
      ],
    )
  ).id;
}

async function message(
  tenantId: string,
  conversationId: string,
  leadId: string,
  channel: string,
  sender: 'lead' | 'ai' | 'human',
  at: string,
  errorCode?: string,
) {
  await q(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, created_at,
       delivery_status, error_code)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      tenantId,
      conversationId,
      leadId,
      channel,
      sender === 'lead' ? 'inbound' : 'outbound',
      sender,
      at,
      errorCode ? 'failed' : sender === 'lead' ? 'received' : 'sent',
      errorCode ?? null,
    ],
  );
}

async function appointment(tenantId: string, branchId: string, leadId: string, status: string, day: string) {
  const service = await q(
    `insert into services (tenant_id, name, duration_minutes) values ($1, $2, 30) returning id`,
    [tenantId, `Servicio ${status} ${leadId.slice(0, 6)}`],
  );
  const resource = await q(
    `insert into resources (tenant_id, branch_id, name) values ($1, $2, $3) returning id`,
    [tenantId, branchId, `Recurso ${leadId.slice(0, 6)}`],
  );
  await q(
    `insert into appointments (tenant_id, lead_id, branch_id, service_id, resource_id, period, blocked, status, source)
     values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $6::timestamptz + interval '30 minutes'),
       tstzrange($6::timestamptz, $6::timestamptz + interval '30 minutes'), $7, 'staff') returning id`,
    [tenantId, leadId, branchId, service.id, resource.id, day, status],
  );
}

// One tenant's week (Mexico City is UTC-6, Bogotá UTC-5): Monday 2 to Sunday 8 November 2026.
async function seedWeek(tenantId: string) {
  const mx = await branch(tenantId, 'Centro', 'America/Mexico_City');
  const co = await branch(tenantId, 'Bogotá', 'America/Bogota');
  // Monday 10:00 local: a hot WhatsApp lead, escalated by a keyword; the AI answers in 30 s, a
  // person's reply fails to send.
  const l1 = await lead(tenantId, 'whatsapp', 'hot', '2026-11-02T16:00:00Z');
  const c1 = await conversation(tenantId, l1, 'whatsapp', {
    branchId: mx,
    escalatedAt: '2026-11-02T16:05:00Z',
    reason: 'keyword: precio',
  });
  await message(tenantId, c1, l1, 'whatsapp', 'lead', '2026-11-02T16:00:00Z');
  await message(tenantId, c1, l1, 'whatsapp', 'ai', '2026-11-02T16:00:30Z');
  await message(tenantId, c1, l1, 'whatsapp', 'lead', '2026-11-02T16:10:00Z');
  await message(tenantId, c1, l1, 'whatsapp', 'human', '2026-11-02T16:12:00Z', '131047');
  await appointment(tenantId, mx, l1, 'confirmed', '2026-11-10T16:00:00Z');
  // Wednesday 04:30 UTC: Tuesday 22:30 in Mexico City, 23:30 in Bogotá; a cold Instagram lead, AI in 90 s.
  const l2 = await lead(tenantId, 'instagram', 'cold', '2026-11-04T04:30:00Z');
  const c2 = await conversation(tenantId, l2, 'instagram', { branchId: co });
  await message(tenantId, c2, l2, 'instagram', 'lead', '2026-11-04T04:30:00Z');
  await message(tenantId, c2, l2, 'instagram', 'ai', '2026-11-04T04:31:30Z');
  // Wednesday 09:00 local: a warm WhatsApp lead the AI escalates; answered in 10 s; a customer.
  const l3 = await lead(tenantId, 'whatsapp', 'warm', '2026-11-04T15:00:00Z');
  const c3 = await conversation(tenantId, l3, 'whatsapp', {
    branchId: mx,
    escalatedAt: '2026-11-04T15:02:00Z',
    reason: 'escalated by the AI',
  });
  await message(tenantId, c3, l3, 'whatsapp', 'lead', '2026-11-04T15:00:00Z');
  await message(tenantId, c3, l3, 'whatsapp', 'ai', '2026-11-04T15:00:10Z');
  await appointment(tenantId, mx, l3, 'completed', '2026-11-05T16:00:00Z');
  // Test traffic inside the week: never counted.
  const t1 = await lead(tenantId, 'whatsapp', 'hot', '2026-11-02T17:00:00Z', true);
  const tc = await conversation(tenantId, t1, 'whatsapp', {
    branchId: mx,
    escalatedAt: '2026-11-02T17:01:00Z',
    reason: 'keyword: precio',
    isTest: true,
  });
  await message(tenantId, tc, t1, 'whatsapp', 'lead', '2026-11-02T17:00:00Z');
  await message(tenantId, tc, t1, 'whatsapp', 'ai', '2026-11-02T17:00:05Z', '131047');
  await appointment(tenantId, mx, t1, 'completed', '2026-11-06T16:00:00Z');
  // Outside the week: a lead from October writing on Monday 9 at 01:00 local.
  const l5 = await lead(tenantId, 'whatsapp', 'hot', '2026-10-30T16:00:00Z');
  const c5 = await conversation(tenantId, l5, 'whatsapp');
  await message(tenantId, c5, l5, 'whatsapp', 'lead', '2026-11-09T07:00:00Z');
  return { mx, co };
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'informes-a');
  b = await createTenantWithStaff(test, 'informes-b', 'agent');
  await test.pool.query("update tenants set timezone = 'America/Mexico_City' where id = any($1)", [
    [a.tenantId, b.tenantId],
  ]);
  ({ mx: mexico, co: bogota } = await seedWeek(a.tenantId));
  await seedWeek(b.tenantId);
  tenantA = await resolveTenant(test.db, a.staff, 'informes-a');
});
afterAll(() => test.drop());

const week = { period: 'custom', from: '2026-11-02', to: '2026-11-08' };
const empty = { conversations: 0, inbound: 0, outbound: 0 };

describe('dashboard_report', () => {
  it('counts the week exactly, in the tenant time zone, without test traffic or other tenants', async () => {
    const { report } = await loadReport(test.db, a.staff, tenantA, week);
    expect(report.timezone).toBe('America/Mexico_City');
    expect(report.per_day).toEqual([
      { day: '2026-11-02', conversations: 1, inbound: 2, outbound: 2 },
      { day: '2026-11-03', conversations: 1, inbound: 1, outbound: 1 },
      { day: '2026-11-04', conversations: 1, inbound: 1, outbound: 1 },
      ...['05', '06', '07', '08'].map((d) => ({ day: `2026-11-${d}`, ...empty })),
    ]);
    expect(report.per_hour).toEqual([
      { weekday: 1, hour: 10, messages: 2 },
      { weekday: 2, hour: 22, messages: 1 },
      { weekday: 3, hour: 9, messages: 1 },
    ]);
    // 10, 30 and 90 seconds: the median 30, the 90th percentile 30 + 0.8 × 60.
    expect(report.ai_response).toEqual({ replies: 3, p50: 30, p90: 78 });
    expect(report.answered_by).toEqual({ ai: 3, human: 1 });
    expect(report.escalations).toEqual([
      { reason: 'escalated by the AI', count: 1 },
      { reason: 'keyword: precio', count: 1 },
    ]);
    expect(report.send_errors).toEqual([{ code: '131047', count: 1 }]);
    expect(report.new_leads).toEqual({ total: 3, hot: 1, warm: 1, cold: 1 });
    expect(report.conversion).toEqual({ leads: 3, booked: 2, customers: 1 });
  });

  it('filters by channel', async () => {
    const { report } = await loadReport(test.db, a.staff, tenantA, { ...week, channel: 'whatsapp' });
    expect(report.per_day.slice(0, 3)).toEqual([
      { day: '2026-11-02', conversations: 1, inbound: 2, outbound: 2 },
      { day: '2026-11-03', ...empty },
      { day: '2026-11-04', conversations: 1, inbound: 1, outbound: 1 },
    ]);
    expect(report.ai_response).toEqual({ replies: 2, p50: 20, p90: 28 });
    expect(report.new_leads).toEqual({ total: 2, hot: 1, warm: 1, cold: 0 });
    expect(report.conversion).toEqual({ leads: 2, booked: 2, customers: 1 });
  });

  it('filters by branch, in that branch’s time zone', async () => {
    const { report } = await loadReport(test.db, a.staff, tenantA, { ...week, branch: bogota });
    expect(report.timezone).toBe('America/Bogota');
    expect(report.per_hour).toEqual([{ weekday: 2, hour: 23, messages: 1 }]);
    expect(report.per_day[1]).toEqual({ day: '2026-11-03', conversations: 1, inbound: 1, outbound: 1 });
    expect(report.new_leads).toEqual({ total: 1, hot: 0, warm: 0, cold: 1 });
    expect(report.escalations).toEqual([]);
    expect(report.conversion).toEqual({ leads: 1, booked: 0, customers: 0 });
    const centro = (await loadReport(test.db, a.staff, tenantA, { ...week, branch: mexico })).report;
    expect(centro.answered_by).toEqual({ ai: 2, human: 1 });
    expect(centro.send_errors).toEqual([{ code: '131047', count: 1 }]);
    expect(centro.conversion).toEqual({ leads: 2, booked: 2, customers: 1 });
  });

  it('refuses another tenant, another tenant’s branch and a period longer than a year', async () => {
    const call = (args: Record<string, unknown>) =>
      test.db.rpc(
        'dashboard_report',
        { p_tenant_id: a.tenantId, p_from: '2026-11-02', p_to: '2026-11-08', ...args },
        { as: b.staff },
      );
    await expect(call({})).rejects.toMatchObject({ code: 'forbidden' });
    const asA = (args: Record<string, unknown>) =>
      test.db.rpc(
        'dashboard_report',
        { p_tenant_id: a.tenantId, p_from: '2026-11-02', p_to: '2026-11-08', ...args },
        { as: a.staff },
      );
    const otherBranch = (await q('select id from branches where tenant_id = $1 limit 1', [b.tenantId])).id;
    await expect(asA({ p_branch_id: otherBranch })).rejects.toMatchObject({ code: 'not_found' });
    await expect(asA({ p_from: '2025-01-01' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(asA({ p_channel: 'sms' })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
