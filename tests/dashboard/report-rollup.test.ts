import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { purgeExpiredRows } from '@/src/jobs/handlers/purge-expired-handler';
import {
  reportRollupHandler,
  rollUpReportHours,
  scheduleReportRollup,
} from '@/src/jobs/handlers/report-rollup-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The reports rollup: dashboard_report reading internal.report_hourly for rolled-up hours must
// answer exactly what it answers from the messages alone (the rollup state removed), for varied
// traffic over two weeks: channels, branches in whole-hour zones (one crossing Chile's DST
// change), a half-hour zone (Kolkata, always live), AI and human replies, escalations, failed
// sends, test traffic, a merge of two leads; and again after a late message lands in an hour
// already rolled up, after a message is deleted, and after a retention purge.

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let other: Awaited<ReturnType<typeof createTenantWithStaff>>;
const branches: Record<string, string> = {};

type Row = { id: string };
const q = async (sql: string, params: unknown[] = []) => (await test.pool.query<Row>(sql, params)).rows;

// A small deterministic generator: the same traffic on every run.
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const channels = ['whatsapp', 'instagram', 'facebook', 'tiktok'] as const;

async function seedTraffic(tenantId: string, seed: number, branchIds: (string | null)[]) {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // 1 to 14 September 2026: Chile moves its clocks forward on Sunday 6 September.
  const start = Date.parse('2026-09-01T00:00:00Z');
  const leads: string[] = [];
  for (let n = 0; n < 60; n += 1) {
    const channel = pick(channels);
    const isTest = n % 9 === 4;
    let at = start + Math.floor(random() * 14 * 24 * 60) * 60_000 + Math.floor(random() * 60) * 1000;
    const [lead] = await q(
      `insert into leads (tenant_id, origin_channel, classification, created_at, is_test)
       values ($1, $2, $3, $4, $5) returning id`,
      [tenantId, channel, pick(['hot', 'warm', 'cold']), new Date(at).toISOString(), isTest],
    );
    leads.push(lead!.id);
    const escalated = random() < 0.25;
    const [conversation] = await q(
      `insert into conversations (tenant_id, lead_id, channel, branch_id, escalated_at, escalation_reason, status, is_test)
       values ($1, $2, $3, $4, $5, $6, 'resolved', $7) returning id`,
      [
        tenantId,
        lead!.id,
        channel,
        pick(branchIds),
        escalated ? new Date(at + 5 * 60_000).toISOString() : null,
        escalated ? pick(['keyword: precio', 'escalated by the AI', 'asked for a person']) : null,
        isTest,
      ],
    );
    const turns = 1 + Math.floor(random() * 6);
    for (let turn = 0; turn < turns; turn += 1) {
      await message(tenantId, conversation!.id, lead!.id, channel, 'lead', at);
      // Replies from seconds to hours later: some in the next hour, some the next local day.
      at += Math.floor(random() * (random() < 0.2 ? 7_200_000 : 300_000)) + 1000;
      const sender = random() < 0.7 ? 'ai' : random() < 0.8 ? 'human' : 'system';
      await message(
        tenantId,
        conversation!.id,
        lead!.id,
        channel,
        sender,
        at,
        random() < 0.1 ? '131047' : null,
      );
      at += Math.floor(random() * 5_400_000) + 1000;
    }
  }
  return leads;
}

async function message(
  tenantId: string,
  conversationId: string,
  leadId: string,
  channel: string,
  sender: 'lead' | 'ai' | 'human' | 'system',
  at: number | string,
  errorCode: string | null = null,
) {
  const [row] = await q(
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
      new Date(at).toISOString(),
      errorCode ? 'failed' : sender === 'lead' ? 'received' : 'sent',
      errorCode,
    ],
  );
  return row!.id;
}

async function rollUpAll() {
  for (let run = 0; run < 100; run += 1) {
    const result = await rollUpReportHours(test.db);
    if (!result.more) return;
  }
  throw new Error('the rollup never caught up');
}

// Every cut the page offers: periods, channels, branches (their own time zones).
function cuts() {
  // The last period ends today (Mexico City), so it holds the open hour.
  const today = new Date(Date.now() - 6 * 3_600_000).toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 6 * 3_600_000 - 366 * 86_400_000).toISOString().slice(0, 10);
  const periods = [
    ['2026-09-01', '2026-09-14'],
    ['2026-09-05', '2026-09-07'],
    [yearAgo > '2026-08-20' ? yearAgo : '2026-08-20', today],
  ] as const;
  const filters: { p_channel?: string; p_branch_id?: string }[] = [
    {},
    { p_channel: 'whatsapp' },
    { p_channel: 'tiktok' },
    { p_branch_id: branches.santiago },
    { p_branch_id: branches.kolkata },
    { p_branch_id: branches.bogota, p_channel: 'instagram' },
  ];
  return periods.flatMap(([from, to]) => filters.map((filter) => ({ p_from: from, p_to: to, ...filter })));
}

async function reports() {
  const results = [];
  for (const cut of cuts()) {
    results.push(
      await test.db.rpc('dashboard_report', { p_tenant_id: owner.tenantId, ...cut }, { as: owner.staff }),
    );
  }
  return results;
}

/** The same reports computed from the messages alone: the rollup state set aside, then restored. */
async function liveReports() {
  const saved = await test.pool.query<{ rolled_until: Date }>(
    'delete from internal.report_rollup_state where tenant_id = $1 returning rolled_until',
    [owner.tenantId],
  );
  try {
    return await reports();
  } finally {
    for (const row of saved.rows) {
      await test.pool.query(
        'insert into internal.report_rollup_state (tenant_id, rolled_until) values ($1, $2)',
        [owner.tenantId, row.rolled_until],
      );
    }
  }
}

async function rollupRows(tenantId: string) {
  const { rows } = await test.pool.query(
    `select hour, conversation_id, channel, inbound, outbound, ai_outbound, human_outbound, ai_reply_seconds
     from internal.report_hourly where tenant_id = $1 order by hour, conversation_id, channel`,
    [tenantId],
  );
  return rows;
}

const dirtyCount = async () =>
  Number((await test.pool.query('select count(*) as n from internal.report_dirty_hours')).rows[0].n);

let leads: string[];
let live: Awaited<ReturnType<typeof reports>>;

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'rollup-a');
  other = await createTenantWithStaff(test, 'rollup-b');
  await test.pool.query("update tenants set timezone = 'America/Mexico_City' where id = any($1)", [
    [owner.tenantId, other.tenantId],
  ]);
  for (const [key, timezone] of [
    ['santiago', 'America/Santiago'],
    ['kolkata', 'Asia/Kolkata'],
    ['bogota', 'America/Bogota'],
  ] as const) {
    const [row] = await q(
      'insert into branches (tenant_id, name, timezone) values ($1, $2, $3) returning id',
      [owner.tenantId, key, timezone],
    );
    branches[key] = row!.id;
  }
  leads = await seedTraffic(owner.tenantId, 7, [
    null,
    branches.santiago!,
    branches.kolkata!,
    branches.bogota!,
  ]);
  await seedTraffic(other.tenantId, 11, [null]);
  // Two of the owner's leads merged, as staff do it.
  await test.db.rpc(
    'dashboard_merge_leads',
    { p_tenant_id: owner.tenantId, p_survivor_id: leads[0]!, p_merged_id: leads[1]! },
    { as: owner.staff },
  );
  live = await reports();
}, 120_000);
afterAll(() => test.drop());

describe('report rollup', () => {
  it('is scheduled by the sweep and run as a job until every closed hour is rolled up', async () => {
    await scheduleReportRollup({ db: test.db, handlers: [reportRollupHandler] });
    const { rows: queued } = await test.pool.query(
      "select tenant_id, priority, dedupe_key from jobs where job_type = 'report_rollup' and status = 'pending'",
    );
    expect(queued).toEqual([{ tenant_id: null, priority: -10, dedupe_key: 'report_rollup' }]);
    const run = await processJobs({
      db: test.db,
      env: getEnv(),
      handlers: [reportRollupHandler],
      jobTypes: ['report_rollup'],
      maxJobs: 100,
      budgetMs: 60_000,
    });
    expect(run.stopped_by).toBe('drained');
    expect(run.claimed).toBeGreaterThan(1); // three months of hours: more than one batch
    expect(await rollUpReportHours(test.db)).toMatchObject({ rows_written: 0, more: false });
    // Nothing left to do: the next sweep enqueues nothing.
    expect(await test.db.rpc('enqueue_report_rollup', {})).toEqual({ enqueued: false, reason: 'up_to_date' });
    expect((await rollupRows(owner.tenantId)).length).toBeGreaterThan(100);
    expect(await dirtyCount()).toBe(0);
  });

  it('gives the reports the messages give, for every period, channel and branch', async () => {
    const rolled = await reports();
    expect(rolled).toEqual(live);
    expect(await liveReports()).toEqual(live);
    // Not trivially: the traffic is in the reports, and the rollup is what they read.
    expect(live[0]!.ai_response.replies).toBeGreaterThan(20);
    expect(live[0]!.answered_by.human).toBeGreaterThan(5);
    expect(live[0]!.escalations.length).toBeGreaterThan(1);
    await test.pool.query('update internal.report_hourly set inbound = inbound + 1000 where tenant_id = $1', [
      owner.tenantId,
    ]);
    try {
      const tampered = await reports();
      expect(tampered[0]!.per_day).not.toEqual(live[0]!.per_day);
      // Santiago (UTC-4, then UTC-3 from 6 September) maps whole hours: the rollup too.
      expect(tampered[3]!.per_day).not.toEqual(live[3]!.per_day);
      // Kolkata (UTC+5:30) cannot be read from UTC hours: still the messages.
      expect(tampered[4]).toEqual(live[4]);
    } finally {
      await test.pool.query(
        'update internal.report_hourly set inbound = inbound - 1000 where tenant_id = $1',
        [owner.tenantId],
      );
    }
  });

  it('changes nothing when run again over hours already rolled up', async () => {
    const before = await rollupRows(owner.tenantId);
    await test.pool.query("update internal.report_rollup_state set rolled_until = '2026-09-01T00:00:00Z'");
    await rollUpAll();
    expect(await rollupRows(owner.tenantId)).toEqual(before);
    expect(await reports()).toEqual(live);
  });

  it('reads a late message live until the next run recomputes its hour', async () => {
    const [conversation] = await q(
      'select id, lead_id, channel from conversations where tenant_id = $1 and not is_test and branch_id is null limit 1',
      [owner.tenantId],
    );
    const { id, lead_id, channel } = conversation as unknown as {
      id: string;
      lead_id: string;
      channel: string;
    };
    await message(owner.tenantId, id, lead_id, channel, 'lead', '2026-09-03T15:20:00Z');
    await message(owner.tenantId, id, lead_id, channel, 'ai', '2026-09-03T15:20:42Z');
    expect(await dirtyCount()).toBe(1);
    const withLate = await liveReports();
    expect(withLate[0]!.ai_response.replies).toBe(live[0]!.ai_response.replies + 1);
    expect(await reports()).toEqual(withLate);
    await rollUpAll();
    expect(await dirtyCount()).toBe(0);
    expect(await reports()).toEqual(withLate);
    live = withLate;
  });

  it('follows deleted messages and a retention purge', async () => {
    const [doomed] = await q(
      `select id from messages where tenant_id = $1 and not is_test and sender = 'ai'
         and created_at between '2026-09-02' and '2026-09-10' order by created_at limit 1`,
      [owner.tenantId],
    );
    await test.pool.query('delete from messages where id = $1', [doomed!.id]);
    expect(await dirtyCount()).toBe(1);
    const afterDelete = await liveReports();
    expect(afterDelete[0]!.answered_by.ai).toBe(live[0]!.answered_by.ai - 1);
    expect(await reports()).toEqual(afterDelete);
    await rollUpAll();
    expect(await reports()).toEqual(afterDelete);

    // Retention purges jobs, webhook events and pending statuses, never messages: the rollup
    // rows stay, and stay right.
    const rowsBefore = await rollupRows(owner.tenantId);
    await purgeExpiredRows(test.db, getEnv(), 1000);
    expect(await rollupRows(owner.tenantId)).toEqual(rowsBefore);
    expect(await reports()).toEqual(afterDelete);

    // Deleting test traffic touches no counted hour.
    await test.db.rpc('dashboard_delete_test_traffic', { p_tenant_id: owner.tenantId }, { as: owner.staff });
    expect(await dirtyCount()).toBe(0);
    expect(await reports()).toEqual(afterDelete);
  });

  it('counts the open hour live, and keeps tenants apart', async () => {
    const [conversation] = await q(
      'select id, lead_id, channel from conversations where tenant_id = $1 and not is_test limit 1',
      [owner.tenantId],
    );
    const { id, lead_id, channel } = conversation as unknown as {
      id: string;
      lead_id: string;
      channel: string;
    };
    await message(owner.tenantId, id, lead_id, channel, 'lead', new Date().toISOString());
    expect(await dirtyCount()).toBe(0);
    const today = await liveReports();
    expect(await reports()).toEqual(today);
    expect(today[12]!.per_hour).not.toEqual(live[12]!.per_hour);
    const otherRows = await rollupRows(other.tenantId);
    expect(otherRows.length).toBeGreaterThan(0);
    const { rows } = await test.pool.query(
      'select count(*)::int as n from internal.report_hourly r join conversations c on c.id = r.conversation_id where c.tenant_id <> r.tenant_id',
    );
    expect(rows[0].n).toBe(0);
  });
});
