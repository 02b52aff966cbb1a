import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeForSqlState } from '@/src/shared/app-error';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Every function a signed-in staff member may call through Supabase's Data API (PostgREST),
// called the way PostgREST calls it (role authenticated, the member's JWT claims) with hostile
// arguments: huge strings and json, out-of-range numbers, another tenant's id. Each call either
// answers, or is refused with an error the app maps to a 4xx (never an unexpected 500), and
// no call stores more than the dashboard's own limits allow.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
type Fn = { name: string; args: Array<{ name: string; type: string }> };
let functions: Fn[];

// Incompressible, so stored sizes are not hidden by TOAST's compression.
const huge = randomBytes(750_000).toString('base64');
const kilo = (n: number) => huge.slice(0, n * 1000);
// json arguments shaped as the functions expect them, every value as large as it can be.
const jsonVariants: Record<string, unknown[]> = {
  p_patch: [
    { system_prompt: huge },
    { knowledge: { services: Array.from({ length: 5000 }, () => ({ name: kilo(1) })), faqs: [] } },
    { escalation_keywords: Array.from({ length: 5000 }, () => kilo(1)), fallback_message: huge },
    { business_hours: { notes: huge }, response_style: huge, model: huge, max_tokens: 1e12 },
  ],
  p_fields: [
    { display_name: huge, phone_number_id: kilo(10) },
    { page_id: huge, access_token: huge },
    { verify_token: huge, webhook_secret: huge, business_account_id: huge },
    [huge],
  ],
  p_connections: [
    [{ channel: 'whatsapp', fields: { display_name: huge } }],
    Array.from({ length: 1000 }, () => ({ channel: 'facebook', fields: { page_id: kilo(1) } })),
    { whatsapp: { display_name: huge } },
    'x',
  ],
};
// The scheduling functions' json, by function: shaped as they expect, values at their worst.
const hours = (n: number) =>
  Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, Array(n).fill(['09:00', '19:00'])]),
  );
const manyIds = Array.from({ length: 5000 }, () => randomUUID());
const schedulingJson: Record<string, unknown[]> = {
  dashboard_save_branch: [
    { name: huge, address: huge },
    { name: 'Centro', weekly_hours: hours(5000), timezone: huge },
    { name: 'Centro', maps_url: `https://${huge}`, phone: huge },
    { name: 'Centro', weekly_hours: { mon: [['09:00', '19:00']], [huge]: [] } },
  ],
  dashboard_save_service: [
    { name: huge, duration_minutes: 45 },
    { name: 'Limpieza', duration_minutes: 1e12, price_min: 1e300, description: huge },
    { name: 'Limpieza', duration_minutes: 45, branch_ids: manyIds },
    { name: 'Limpieza', duration_minutes: 45, currency: huge, price_max: -1 },
  ],
  dashboard_save_resource: [
    { name: huge, branch_id: randomUUID() },
    { name: 'Dra', kind: huge, capacity: 1e12, weekly_hours: hours(5000) },
    { name: 'Dra', service_ids: manyIds, seats: -1 },
    { name: 'Dra', weekly_hours: { mon: [[huge, '19:00']] } },
  ],
  dashboard_add_closure: [
    { branch_id: randomUUID(), reason: huge },
    { branch_id: randomUUID(), starts_at: huge, ends_at: '2030-01-01T00:00:00Z' },
    { branch_id: randomUUID(), date: '2030-01-01', until: '9999-12-31' },
    { branch_id: randomUUID(), starts_at: '2030-01-02T00:00:00Z', ends_at: '2030-01-01T00:00:00Z' },
  ],
  dashboard_appointment_slots: [
    { service_id: randomUUID(), days: 1e12, limit: 1e12 },
    { service_id: randomUUID(), times: Array(5000).fill(['09:00', '19:00']), weekdays: [huge] },
    { service_id: randomUUID(), from: '99999-01-01', step_minutes: 0 },
    { service_id: randomUUID(), exclude_appointment_id: huge },
  ],
  dashboard_appointments: [
    { from: huge, to: huge },
    { statuses: Array(5000).fill('confirmed'), limit: 1e12 },
    { lead_id: huge, branch_id: randomUUID() },
    { from: '2030-13-45T99:99:00Z' },
  ],
  dashboard_book_appointment: [
    { lead_id: randomUUID(), service_id: randomUUID(), starts_at: '2030-01-07T10:00:00-06:00', notes: huge },
    { lead_id: randomUUID(), service_id: randomUUID(), local_start: huge, party_size: 1e12 },
    { lead_id: randomUUID(), service_id: randomUUID(), starts_at: '0001-01-01T00:00:00Z', status: huge },
    { lead_id: randomUUID(), service_id: randomUUID(), starts_at: 'infinity' },
  ],
  dashboard_reschedule_appointment: [
    { starts_at: huge },
    { local_start: '2030-02-30T10:00', resource_id: huge },
    { starts_at: '2030-01-07T10:00:00-06:00', resource_id: randomUUID() },
    { [huge]: 1 },
  ],
};
const genericJson = [{ a: huge }, [huge], { a: { b: { c: { d: huge } } } }, 'x'];
// The stored bytes of one tenant's rows in every table a staff call may write.
const tenantTables = [
  'ai_tenant_context',
  'channel_connections',
  'conversations',
  'messages',
  'leads',
  'jobs',
  'onboarding_sessions',
  'branches',
  'services',
  'service_branches',
  'resources',
  'resource_services',
  'closures',
  'appointments',
  'appointment_events',
  'calendar_feeds',
  'lead_changes',
  'lead_merges',
  'conversation_events',
  'conversation_notes',
  'note_mentions',
  'tags',
  'conversation_tags',
  'lead_tags',
  'quick_replies',
  'conversation_reads',
  'notification_preferences',
  'push_subscriptions',
  'attention_events',
  'notification_deliveries',
  'auto_message_settings',
  'auto_message_sends',
  'whatsapp_templates',
  'media_files',
  'api_keys',
  'ai_usage',
  'reminder_settings',
  'appointment_reminders',
  'appointment_reply_taps',
  'lead_follow_ups',
  'follow_up_opt_outs',
  'webhook_endpoints',
  'webhook_deliveries',
];

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'hostile-a', 'owner');
  b = await createTenantWithStaff(test, 'hostile-b', 'owner');
  const { rows } = await test.pool.query<{ name: string; names: string[] | null; types: string[] }>(
    `select p.proname as name, p.proargnames as names,
            array(select format_type(t, null) from unnest(p.proargtypes) t) as types
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and has_function_privilege('authenticated', p.oid, 'execute')
        and p.prokind = 'f'
      order by 1`,
  );
  // member_tenant_ids (RLS policies' helper) takes one unnamed argument, so no named call can
  // reach it; it answers only the caller's own tenants. tests/security/rls-at-scale.test.ts covers it.
  functions = rows
    .filter((row) => row.name !== 'member_tenant_ids')
    .map((row) => ({
      name: row.name,
      args: row.types.map((type, i) => ({ name: row.names?.[i] ?? `arg${i}`, type })),
    }));
});
afterAll(() => test.drop());

function hostileValue(
  fn: string,
  arg: { name: string; type: string },
  variant: number,
  tenantId: string,
): unknown {
  if (arg.type === 'jsonb' && schedulingJson[fn]) return schedulingJson[fn]![variant % 4];
  if (arg.type === 'uuid')
    return arg.name === 'p_tenant_id' ? tenantId : variant % 2 ? randomUUID() : a.userId;
  if (arg.type === 'text') return [huge, 'whatsapp', '', "'; drop table leads; --"][variant % 4];
  if (arg.type === 'integer') return [2147483647, -2147483648, 0, 1][variant % 4];
  if (arg.type === 'bigint') return ['9223372036854775807', '-9223372036854775808', '0', '1'][variant % 4];
  if (arg.type === 'jsonb') return (jsonVariants[arg.name] ?? genericJson)[variant % 4];
  if (arg.type === 'boolean') return variant % 2 === 0;
  if (arg.type === 'date') return ['5874897-12-31', '4713-01-01 BC', 'infinity', '2026-02-28'][variant % 4];
  if (arg.type === 'timestamp with time zone')
    return ['294276-12-31T00:00:00Z', '4713-01-01T00:00:00Z BC', '-infinity', 'infinity'][variant % 4];
  if (arg.type === 'text[]') return Array.from({ length: 2000 }, () => kilo(1));
  if (arg.type === 'uuid[]')
    return variant % 2 ? Array.from({ length: 2000 }, () => randomUUID()) : [a.userId, a.userId];
  throw new Error(`no hostile value for ${arg.type}`);
}

async function storedBytes(client: pg.PoolClient, tenantId: string): Promise<number> {
  const parts = tenantTables.map(
    (table) => `(select coalesce(sum(pg_column_size(t.*)), 0) from public.${table} t where t.tenant_id = $1)`,
  );
  const { rows } = await client.query(`select (${parts.join(' + ')})::bigint as n`, [tenantId]);
  return Number(rows[0].n);
}

/** One call as PostgREST makes it, rolled back; what happened and how much it stored. */
async function callAsStaff(fn: Fn, values: unknown[]): Promise<{ sqlState?: string; grew: number }> {
  const client = await test.pool.connect();
  try {
    await client.query('begin');
    const before = await storedBytes(client, a.tenantId);
    await client.query(
      "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify(a.staff.claims)],
    );
    const placeholders = fn.args.map((arg, i) => `${arg.name} => $${i + 1}::${arg.type}`).join(', ');
    let sqlState: string | undefined;
    await client.query('savepoint call');
    try {
      await client.query(`select public.${fn.name}(${placeholders})`, values);
    } catch (error) {
      sqlState = (error as { code?: string }).code;
      await client.query('rollback to savepoint call');
    }
    await client.query('reset role');
    return { sqlState, grew: (await storedBytes(client, a.tenantId)) - before };
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

describe('functions staff may call through the Data API', () => {
  it('are the ones this test knows how to call', () => {
    expect(functions.length).toBeGreaterThan(15);
    for (const fn of functions)
      for (const arg of fn.args) expect(() => hostileValue(fn.name, arg, 0, a.tenantId)).not.toThrow();
  });

  it('answer hostile arguments with a 4xx refusal or within the dashboard’s limits', async () => {
    const unexpected: string[] = [];
    const oversized: string[] = [];
    for (const fn of functions) {
      for (let variant = 0; variant < 4; variant += 1) {
        const values = fn.args.map((arg) => hostileValue(fn.name, arg, variant, a.tenantId));
        const { sqlState, grew } = await callAsStaff(fn, values);
        if (sqlState && !errorCodeForSqlState(sqlState))
          unexpected.push(`${fn.name}#${variant}: ${sqlState}`);
        // The largest thing the dashboard lets staff save is the AI knowledge (under 1 MB).
        if (grew > 1_000_000) oversized.push(`${fn.name}#${variant}: +${grew} bytes`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(oversized).toEqual([]);
  }, 300_000);

  it('refuse another tenant’s id, whatever else is passed', async () => {
    const answered: string[] = [];
    for (const fn of functions.filter((f) => f.args.some((arg) => arg.name === 'p_tenant_id'))) {
      const values = fn.args.map((arg) => hostileValue(fn.name, arg, 2, b.tenantId));
      const { sqlState } = await callAsStaff(fn, values);
      // is_tenant_member answers false rather than refusing: that is its job.
      if (!sqlState && fn.name !== 'is_tenant_member') answered.push(fn.name);
    }
    expect(answered).toEqual([]);
  }, 120_000);
});

describe('AI settings through the Data API', () => {
  async function patchAs(patch: unknown): Promise<string | undefined> {
    const fn = functions.find((f) => f.name === 'dashboard_update_ai_settings')!;
    return (await callAsStaff(fn, [a.tenantId, patch])).sqlState;
  }

  it('accepts the largest patch the dashboard accepts', async () => {
    const text = (n: number) => 'á'.repeat(n);
    const patch = {
      system_prompt: text(8000),
      response_style: text(500),
      model: 'claude-haiku-5-5',
      max_tokens: 4096,
      fallback_message: text(1000),
      escalation_keywords: Array.from({ length: 100 }, () => text(100)),
      auto_escalate_after_messages: null,
      business_hours: {
        timezone: 'America/Mexico_City',
        weekly: { mon: [['09:00', '18:00']] },
        notes: text(500),
      },
      knowledge: {
        services: Array.from({ length: 200 }, () => ({
          name: text(200),
          price: text(100),
          duration: text(100),
          description: text(1000),
        })),
        faqs: Array.from({ length: 200 }, () => ({ question: text(500), answer: text(2000) })),
      },
    };
    expect(await patchAs(patch)).toBeUndefined();
  });

  it.each([
    ['system_prompt', { system_prompt: 'x'.repeat(20_001) }],
    ['max_tokens', { max_tokens: 1e12 }],
    ['max_tokens', { max_tokens: '600' }],
    ['model', { model: 'claude; drop' }],
    ['escalation_keywords', { escalation_keywords: Array.from({ length: 101 }, () => 'queja') }],
    ['knowledge', { knowledge: { services: [{ name: 'Limpieza', secret: 'x' }], faqs: [] } }],
    [
      'knowledge',
      {
        knowledge: {
          services: [],
          faqs: Array.from({ length: 201 }, () => ({ question: 'q', answer: 'a' })),
        },
      },
    ],
    ['business_hours', { business_hours: { notes: 'x'.repeat(501) } }],
    ['fallback_message', { fallback_message: '' }],
  ])('refuses %s beyond the dashboard’s limits with a 400', async (_key, patch) => {
    expect(await patchAs(patch)).toBe('PT400');
  });
});
