import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { defaultHandlers } from '@/src/jobs/default-handlers';
import { processJobs } from '@/src/jobs/process-jobs';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from '../webhooks/support/fixtures';
import { freshWebhookTenant } from '../webhooks/support/fresh-tenant';
import { postRaw, postSigned } from '../webhooks/support/post-webhook';
import { tenantFingerprint } from './support/tenant-rows';

// The catalog audit (isolation-audit.test.ts) proves RLS is on and grants are right; this file
// proves the policies and functions actually filter: with tenant A's rows in every table, as
// anon and as a member of tenant B, every table the catalog lists and every function staff may
// execute (found in the catalog, not listed by hand) yields nothing of A's and changes nothing.

let test: TestDatabase;
let a: { slug: string; tenantId: string };
let aIds: string[];
let memberOfB: Record<string, unknown>;
let memberOfA: Record<string, unknown>;
let owner: { userId: string };

beforeAll(async () => {
  test = await createTestDatabase();
  a = await freshWebhookTenant(test);
  // Written now (the AI answers only inside the 24 h window), so a reply reaches the sandbox outbox.
  const now = String(Math.floor(Date.now() / 1000));
  await postSigned('whatsapp', a.slug, fixtureText('whatsapp', 'text').replace('"1785312004"', `"${now}"`));
  await postSigned('whatsapp', a.slug, fixtureText('whatsapp', 'statuses'));
  await postSigned('facebook', a.slug, fixtureText('facebook', 'text'));
  // An edit of a stored message (message_edits) and one whose message has not arrived yet
  // (pending_message_edits).
  await postSigned('whatsapp', a.slug, fixtureText('whatsapp', 'edit'));
  await postSigned(
    'facebook',
    a.slug,
    fixtureText('facebook', 'message-edit').replace('m_FBTEXT0001', 'm_FBNOTYET0001'),
  );
  await processJobs({
    db: test.db,
    env: { ...getEnv(), ANTHROPIC_API_KEY: undefined },
    handlers: defaultHandlers,
    maxJobs: 20,
    budgetMs: 20_000,
  });
  await processJobs({
    db: test.db,
    env: { ...getEnv(), ANTHROPIC_API_KEY: undefined },
    handlers: defaultHandlers,
    maxJobs: 20,
    budgetMs: 20_000,
  });
  // A refused delivery (bad signature): its per-minute count (webhook_refusal_counts).
  await postRaw('whatsapp', a.slug, fixtureText('whatsapp', 'text'), { 'x-hub-signature-256': 'sha256=00' });
  await test.db.rpc('admin_upsert_branch', { p_tenant_slug: a.slug, p_name: 'Roma Norte' });
  // Scheduling: a branch with hours, a service, a resource, an appointment (and its history).
  await test.db.rpc('admin_save_branch', {
    p_tenant_slug: a.slug,
    p_fields: { name: 'Roma Norte', weekly_hours: { mon: [['09:00', '19:00']], tue: [['09:00', '19:00']] } },
  });
  await test.db.rpc('admin_save_service', {
    p_tenant_slug: a.slug,
    p_fields: { name: 'Limpieza', duration_minutes: 45, price_min: 800 },
  });
  await test.db.rpc('admin_save_resource', {
    p_tenant_slug: a.slug,
    p_fields: { branch: 'Roma Norte', name: 'Dra. Ruiz', services: ['Limpieza'] },
  });
  const slots = await test.db.rpc('admin_appointment_slots', {
    p_tenant_slug: a.slug,
    p_query: { service: 'Limpieza', days: 14, limit: 1 },
  });
  await test.db.rpc('admin_book_appointment', {
    p_tenant_slug: a.slug,
    p_booking: { service: 'Limpieza', starts_at: slots.slots[0]!.starts_at, lead_phone: '+52 55 8765 4321' },
  });
  // The offline responder found no signal in the fixture's words: one score change by hand.
  await test.pool.query(
    `insert into lead_score_events (tenant_id, lead_id, delta, score_before, score_after, classification_after, signals)
     select tenant_id, id, 10, 50, 60, 'warm', array['interested'] from leads where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: a.slug,
    p_email: `owner@${a.slug}.example`,
    p_role: 'owner',
  });
  owner = { userId: member.user_id };
  memberOfA = staffIdentity(member.user_id).claims;
  // A self-serve connection started by A's owner (the OAuth state table).
  await test.db.rpc(
    'dashboard_begin_onboarding',
    { p_tenant_id: a.tenantId, p_flow: 'meta_pages', p_state_digest: 'a'.repeat(64) },
    { as: staffIdentity(member.user_id) },
  );
  // A pending invitation of A (the invitations table).
  await test.db.rpc(
    'dashboard_invite_staff',
    {
      p_tenant_id: a.tenantId,
      p_email: `agent@${a.slug}.example`,
      p_role: 'agent',
      p_token_hash: 'b'.repeat(64),
    },
    { as: staffIdentity(member.user_id) },
  );
  // A's owner closes the branch one day (closures).
  await test.db.rpc(
    'dashboard_add_closure',
    {
      p_tenant_id: a.tenantId,
      p_fields: {
        branch_id: (await test.pool.query('select id from branches where tenant_id = $1', [a.tenantId]))
          .rows[0].id,
        date: '2030-12-25',
        reason: 'Navidad',
      },
    },
    { as: staffIdentity(member.user_id) },
  );
  // A's two leads (WhatsApp and Messenger) edited and merged as one person (lead_changes, lead_merges).
  const leadsOfA = (
    await test.pool.query('select id from leads where tenant_id = $1 order by created_at', [a.tenantId])
  ).rows;
  await test.db.rpc(
    'dashboard_update_lead',
    {
      p_tenant_id: a.tenantId,
      p_lead_id: leadsOfA[0].id,
      p_fields: { notes: 'Prefiere por la tarde', stage: 'contacted' },
    },
    { as: staffIdentity(member.user_id) },
  );
  await test.db.rpc(
    'dashboard_merge_leads',
    { p_tenant_id: a.tenantId, p_survivor_id: leadsOfA[0].id, p_merged_id: leadsOfA[1].id },
    { as: staffIdentity(member.user_id) },
  );
  // A calendar feed link of A's branch (the ICS feeds table).
  await test.db.rpc(
    'dashboard_create_calendar_feed',
    {
      p_tenant_id: a.tenantId,
      p_fields: {
        branch_id: (await test.pool.query('select id from branches where tenant_id = $1', [a.tenantId]))
          .rows[0].id,
      },
      p_token_hash: 'c'.repeat(64),
    },
    { as: staffIdentity(member.user_id) },
  );
  // Teamwork (issue 18 §2): an assignment, a manual escalation, a note mentioning the owner, a tag
  // on the conversation and its lead, a quick reply.
  {
    const asOwner = { as: staffIdentity(member.user_id) };
    const conversationId = (
      await test.pool.query('select id from conversations where tenant_id = $1 limit 1', [a.tenantId])
    ).rows[0].id;
    const leadId = (
      await test.pool.query('select lead_id from conversations where id = $1', [conversationId])
    ).rows[0].lead_id;
    await test.db.rpc(
      'dashboard_assign_conversation',
      { p_tenant_id: a.tenantId, p_conversation_id: conversationId, p_assignee: member.user_id },
      asOwner,
    );
    await test.db.rpc(
      'dashboard_escalate_conversation',
      { p_tenant_id: a.tenantId, p_conversation_id: conversationId, p_reason: 'Pide factura' },
      asOwner,
    );
    await test.db.rpc(
      'dashboard_add_note',
      {
        p_tenant_id: a.tenantId,
        p_conversation_id: conversationId,
        p_body: 'Revisar',
        p_mentions: [member.user_id],
      },
      asOwner,
    );
    const tag = await test.db.rpc(
      'dashboard_save_tag',
      { p_tenant_id: a.tenantId, p_tag_id: null, p_name: 'VIP', p_color: 'amber' },
      asOwner,
    );
    for (const [target, id] of [
      ['conversation', conversationId],
      ['lead', leadId],
    ]) {
      await test.db.rpc(
        'dashboard_set_tag',
        { p_tenant_id: a.tenantId, p_target: target, p_target_id: id, p_tag_id: tag.id, p_on: true },
        asOwner,
      );
    }
    await test.db.rpc(
      'dashboard_save_quick_reply',
      { p_tenant_id: a.tenantId, p_quick_reply_id: null, p_title: 'Horario', p_body: 'De 9 a 19.' },
      asOwner,
    );
  }
  // Attention: A's owner opened a conversation (read markers), chose their notices, subscribed a
  // browser; an escalation of A became an event and its deliveries.
  const asOwnerOfA = { as: staffIdentity(member.user_id) };
  const conversationOfA = (
    await test.pool.query('select id from conversations where tenant_id = $1 limit 1', [a.tenantId])
  ).rows[0].id;
  await test.db.rpc(
    'dashboard_mark_conversation_read',
    { p_tenant_id: a.tenantId, p_conversation_id: conversationOfA },
    asOwnerOfA,
  );
  await test.db.rpc(
    'dashboard_save_notification_preferences',
    { p_tenant_id: a.tenantId, p_push: true, p_email: true, p_sound: false },
    asOwnerOfA,
  );
  await test.db.rpc(
    'dashboard_save_push_subscription',
    { p_tenant_id: a.tenantId, p_endpoint_digest: 'd'.repeat(64), p_sealed_subscription: 'v2:sealed' },
    asOwnerOfA,
  );
  await test.pool.query('update conversations set escalated_at = now() where id = $1', [conversationOfA]);
  // A's automatic messages (settings) and one away message already sent (auto_message_sends).
  await test.db.rpc(
    'dashboard_save_auto_messages',
    {
      p_tenant_id: a.tenantId,
      p_settings: { greeting_enabled: true, greeting_text: '¡Hola!', away_enabled: true, away_text: '' },
      p_channels: {},
    },
    { as: staffIdentity(member.user_id) },
  );
  await test.pool.query(
    `insert into auto_message_sends (tenant_id, conversation_id, kind, period_key)
     select tenant_id, id, 'away', '2030-01-07T09:00' from conversations where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  // A's WhatsApp templates and a photo a customer of A sent.
  await test.pool.query(
    `insert into whatsapp_templates (tenant_id, waba_id, name, language, category, status)
     values ($1, 'waba-a', 'cita_confirmada', 'es_MX', 'utility', 'approved')`,
    [a.tenantId],
  );
  await test.pool.query(
    `insert into media_files (tenant_id, message_id, direction, kind, mime_type, status)
     select tenant_id, id, 'inbound', 'image', 'image/jpeg', 'pending' from messages where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  // An API key of A (only its hash is stored).
  await test.pool.query(
    `insert into api_keys (tenant_id, name, scope, key_hash, prefix, created_by)
     select $1, 'Zapier', 'write', sha256('ik_isolation_a'::bytea), 'ik_isolat', user_id
     from tenant_members where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  // What one of A's AI answers cost.
  await test.pool.query(
    `insert into ai_usage (tenant_id, conversation_id, message_id, provider, model, input_tokens, output_tokens)
     select tenant_id, conversation_id, id, 'anthropic', 'claude-haiku-5-5', 812, 95 from messages
     where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  // A's reminder settings, a reminder, a customer's tap on one, a follow-up and an opt-out.
  await test.db.rpc(
    'dashboard_save_reminder_settings',
    {
      p_tenant_id: a.tenantId,
      p_settings: {
        reminder_offsets_minutes: [1440],
        follow_up_hours: [24],
        thank_you_enabled: true,
        follow_ups_enabled: false,
        review_url: 'https://example.com/opiniones',
      },
    },
    { as: staffIdentity(member.user_id) },
  );
  await test.pool.query(
    `insert into appointment_reminders (tenant_id, appointment_id, kind, offset_minutes, starts_at, due_at, status, reason)
     select tenant_id, id, 'thank_you', 0, lower(period), now(), 'not_sent', 'outside_window'
     from appointments where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  await test.pool.query(
    `insert into appointment_reply_taps (message_id, tenant_id, appointment_id, action, outcome, starts_at)
     select m.id, m.tenant_id, ap.id, 'change', 'handed_to_ai', lower(ap.period)
     from messages m, appointments ap where m.tenant_id = $1 and ap.tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  await test.pool.query(
    `insert into lead_follow_ups (tenant_id, conversation_id, anchor_message_id, step, due_at)
     select tenant_id, conversation_id, id, 1, now() from messages where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  await test.pool.query(
    `insert into follow_up_opt_outs (tenant_id, conversation_id)
     select tenant_id, id from conversations where tenant_id = $1 limit 1`,
    [a.tenantId],
  );
  // A's automation endpoint (n8n) and one delivery of an event to it.
  await test.pool.query(
    `with endpoint as (
       insert into webhook_endpoints (tenant_id, url, secret_encrypted, secret_hint, events)
       values ($1, 'https://hooks.example.com/a', 'v2:sealed', 'abcd', array['message.received']) returning id, tenant_id
     )
     insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
     select tenant_id, id, gen_random_uuid(), 'message.received', '{"type": "message.received"}' from endpoint`,
    [a.tenantId],
  );
  memberOfB = (await createTenantWithStaff(test, 'isolation-b')).staff.claims;
  const { rows } = await test.pool.query(
    `select id::text from conversations where tenant_id = $1 union select id::text from leads where tenant_id = $1
     union select id::text from jobs where tenant_id = $1 union select id::text from messages where tenant_id = $1
     union select id::text from branches where tenant_id = $1 union select id::text from services where tenant_id = $1
     union select id::text from resources where tenant_id = $1 union select id::text from appointments where tenant_id = $1
     union select id::text from closures where tenant_id = $1
     union select id::text from calendar_feeds where tenant_id = $1
     union select id::text from conversation_notes where tenant_id = $1
     union select id::text from tags where tenant_id = $1
     union select id::text from quick_replies where tenant_id = $1
     union select id::text from attention_events where tenant_id = $1
     union select id::text from notification_deliveries where tenant_id = $1
     union select id::text from push_subscriptions where tenant_id = $1
     union select id::text from whatsapp_templates where tenant_id = $1
     union select id::text from media_files where tenant_id = $1
     union select id::text from ai_usage where tenant_id = $1
     union select id::text from appointment_reminders where tenant_id = $1
     union select id::text from lead_follow_ups where tenant_id = $1
     union select id::text from api_keys where tenant_id = $1
     union select id::text from webhook_endpoints where tenant_id = $1
     union select id::text from webhook_deliveries where tenant_id = $1
     union select event_id::text from webhook_deliveries where tenant_id = $1`,
    [a.tenantId],
  );
  aIds = [a.tenantId, ...rows.map((row) => row.id)];
});
afterAll(() => test.drop());

async function publicTables(): Promise<string[]> {
  const { rows } = await test.pool.query(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1",
  );
  return rows.map((row) => row.name);
}

/** The column that says whose a row is. */
function ownerColumn(table: string): string {
  return table === 'tenants' ? 'id' : 'tenant_id';
}

describe('every table, with tenant A’s rows in it', () => {
  it('holds rows of A (so the checks below are about something)', async () => {
    for (const table of await publicTables()) {
      const { rows } = await test.pool.query(
        `select count(*)::int as n from public.${table} where ${ownerColumn(table)} = $1`,
        [a.tenantId],
      );
      expect({ table, rows: rows[0].n > 0 }).toEqual({ table, rows: true });
    }
  });

  it('shows anon nothing at all', async () => {
    for (const table of await publicTables()) {
      const seen = await queryAs(
        test.pool,
        { role: 'anon' },
        `select count(*)::int as n from public.${table}`,
      ).catch((error: { code?: string }) => error.code);
      expect({ table, seen }).toEqual({ table, seen: '42501' });
    }
  });

  it('shows a member of tenant B no row of A, while A’s own member sees them where staff may read', async () => {
    for (const table of await publicTables()) {
      const count = (claims: Record<string, unknown>) =>
        queryAs<{ n: number }>(
          test.pool,
          { role: 'authenticated', claims },
          `select count(*)::int as n from public.${table} where ${ownerColumn(table)} = $1`,
          [a.tenantId],
        ).then(
          (rows) => rows[0]!.n,
          (error: { code?: string }) => error.code,
        );
      const ofB = await count(memberOfB);
      expect({ table, ofB }).toEqual({ table, ofB: typeof ofB === 'number' ? 0 : '42501' });
      const ofA = await count(memberOfA);
      if (typeof ofA === 'number') expect({ table, sees: ofA > 0 }).toEqual({ table, sees: true });
    }
  });
});

type StaffFunction = { name: string; params: Array<{ name: string; type: string }> };

async function staffFunctions(): Promise<StaffFunction[]> {
  const { rows } = await test.pool.query(`
    select p.proname as name,
      coalesce(array_agg(a.name order by a.ord) filter (where a.name is not null), '{}') as names,
      coalesce(array_agg(format_type(a.type, null) order by a.ord) filter (where a.name is not null), '{}') as types
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    left join lateral unnest(p.proargnames[1:p.pronargs], p.proargtypes::oid[]) with ordinality a(name, type, ord) on true
    where n.nspname = 'public' and p.prokind = 'f' and has_function_privilege('authenticated', p.oid, 'EXECUTE')
    group by p.oid, p.proname order by 1`);
  return rows.map((row) => ({
    name: row.name,
    params: (row.names as string[]).map((name, i) => ({ name, type: (row.types as string[])[i]! })),
  }));
}

/** A's identifiers for every parameter a caller could aim at A with. */
async function argumentFor(param: { name: string; type: string }): Promise<unknown> {
  const first = async (sql: string) => (await test.pool.query(sql, [a.tenantId])).rows[0]?.id ?? null;
  switch (param.name) {
    case 'p_tenant_id':
      return a.tenantId;
    case 'p_tenant_slug':
      return a.slug;
    case 'p_conversation_id':
      return first('select id from conversations where tenant_id = $1');
    case 'p_lead_id':
    case 'p_survivor_id':
      return first('select id from leads where tenant_id = $1');
    case 'p_merged_id':
      return first('select id from leads where tenant_id = $1 order by created_at desc');
    case 'p_merge_id':
      return first('select id from lead_merges where tenant_id = $1');
    case 'p_job_id':
      return first('select id from jobs where tenant_id = $1');
    case 'p_appointment_id':
      return first('select id from appointments where tenant_id = $1');
    case 'p_branch_id':
      return first('select id from branches where tenant_id = $1');
    case 'p_service_id':
      return first('select id from services where tenant_id = $1');
    case 'p_resource_id':
      return first('select id from resources where tenant_id = $1');
    case 'p_closure_id':
      return first('select id from closures where tenant_id = $1');
    case 'p_feed_id':
      return first('select id from calendar_feeds where tenant_id = $1');
    case 'p_key_id':
      return first('select id from api_keys where tenant_id = $1');
    case 'p_user_id':
    case 'p_assignee':
      return owner.userId;
    case 'p_tag_id':
      return first('select id from tags where tenant_id = $1');
    case 'p_endpoint_id':
      return first('select id from webhook_endpoints where tenant_id = $1');
    case 'p_delivery_id':
      return first('select id from webhook_deliveries where tenant_id = $1');
    case 'p_quick_reply_id':
      return first('select id from quick_replies where tenant_id = $1');
    case 'p_target_id':
      return first('select id from conversations where tenant_id = $1');
    case 'p_target':
      return 'conversation';
    case 'p_mentions':
      return [owner.userId];
    case 'p_channel':
      return 'whatsapp';
    case 'p_external_id':
      return first(
        "select external_id as id from lead_identities where tenant_id = $1 and channel = 'whatsapp'",
      );
  }
  if (param.type === 'uuid') return a.tenantId;
  if (param.type === 'jsonb') return JSON.stringify({ status: 'disconnected', system_prompt: 'from B' });
  if (param.type === 'integer') return 50;
  if (param.type === 'boolean') return true;
  return 'agent';
}

describe('every function staff may execute, aimed at tenant A by a member of tenant B', () => {
  it('refuses or answers without a single identifier of A, and A is unchanged', async () => {
    const functions = await staffFunctions();
    expect(functions.length).toBeGreaterThanOrEqual(15);
    const before = await tenantFingerprint(test, a.tenantId);
    for (const fn of functions) {
      const args = await Promise.all(fn.params.map(argumentFor));
      const call = fn.params.map((param, i) => `${param.name} => $${i + 1}::${param.type}`).join(', ');
      const answer = await queryAs(
        test.pool,
        { role: 'authenticated', claims: memberOfB },
        `select public.${fn.name}(${call})::text as result`,
        args,
      ).then(
        (rows) => String(rows[0]?.result ?? ''),
        (error: { code?: string }) => `refused ${error.code}`,
      );
      const leaked = aIds.filter((id) => answer.includes(id));
      expect({ fn: fn.name, leaked, slug: answer.includes(a.slug) }).toEqual({
        fn: fn.name,
        leaked: [],
        slug: false,
      });
    }
    expect(await tenantFingerprint(test, a.tenantId)).toEqual(before);
  });
});
