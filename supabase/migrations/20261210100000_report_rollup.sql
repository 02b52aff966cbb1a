-- Reports rollup (issue 18): dashboard_report read every message of its period, so a 90-day
-- report of a tenant with a million messages took seconds. The report's message figures are now
-- kept per (tenant, UTC hour, conversation, channel) in internal.report_hourly, filled by the
-- report_rollup job for closed hours; dashboard_report reads those rows for the hours already
-- rolled up and the messages themselves for the rest. Identical results, by construction:
--   * every figure the report takes from messages is a sum over messages, or a percentile over
--     AI reply times, which are kept exact (an array of reply_seconds per row, not a sketch);
--   * a UTC hour maps to exactly one local day, weekday and hour when the offset of the report's
--     time zone is a whole number of hours for the whole hour; when any hour of the period is not
--     like that (Asia/Kolkata, America/St_Johns, Australia/Lord_Howe), the report stays live;
--   * distinct conversations per day are counted from the (hour, conversation) rows, and the
--     branch filter still goes through the conversation at read time (a branch may change);
--   * escalations, failed sends, new leads and conversion are small and stay live.
--
-- Freshness: an hour is rolled up once it closed five minutes ago (the margin covers a
-- transaction that inserted a message at 10:59:59 and commits at 11:00:01). A message written
-- later into an hour already closed (a backdated insert), a deleted message, or a change to a
-- counted column marks its hour dirty (internal.report_dirty_hours, by statement-level triggers
-- that cost the live write path one empty check); the report reads dirty hours live, and the
-- next rollup recomputes them. Recomputing an hour deletes its rows and aggregates its messages
-- again, so a run repeated changes nothing.

create table internal.report_hourly (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  hour timestamptz not null check (date_trunc('hour', hour at time zone 'UTC') = hour at time zone 'UTC'),
  conversation_id uuid not null,
  channel text not null,
  inbound integer not null,
  outbound integer not null,
  ai_outbound integer not null,
  human_outbound integer not null,
  -- reply_seconds of the AI messages of this hour (percentiles stay exact).
  ai_reply_seconds numeric[] not null,
  primary key (tenant_id, hour, conversation_id, channel)
);
alter table internal.report_hourly enable row level security;
revoke all on table internal.report_hourly from public, anon, authenticated, service_role;

-- Per tenant: every closed hour before rolled_until is in report_hourly (unless dirty).
create table internal.report_rollup_state (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  rolled_until timestamptz not null,
  updated_at timestamptz not null default now()
);
alter table internal.report_rollup_state enable row level security;
revoke all on table internal.report_rollup_state from public, anon, authenticated, service_role;

-- Hours whose messages changed after they closed. No foreign key: deleting a tenant cascades to
-- its messages, whose trigger would then mark hours of a tenant already gone (the rollup drops
-- such rows). version: a rollup deletes only the marks it read, never one set again meanwhile.
create sequence internal.report_dirty_version;
create table internal.report_dirty_hours (
  tenant_id uuid not null,
  hour timestamptz not null,
  version bigint not null default nextval('internal.report_dirty_version'),
  primary key (tenant_id, hour)
);
alter table internal.report_dirty_hours enable row level security;
revoke all on table internal.report_dirty_hours from public, anon, authenticated, service_role;
revoke all on sequence internal.report_dirty_version from public, anon, authenticated, service_role;

-- Messages of closed hours, inserted or deleted: mark their hours. Live messages are stamped
-- with the current time, so the insert check finds nothing and writes nothing.
create or replace function internal.report_mark_inserted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into internal.report_dirty_hours as d (tenant_id, hour)
  select distinct n.tenant_id, date_trunc('hour', n.created_at, 'UTC') from report_new_rows n
  where not n.is_test and n.created_at < date_trunc('hour', now(), 'UTC')
  on conflict (tenant_id, hour) do update set version = nextval('internal.report_dirty_version');
  return null;
end $$;
revoke all on function internal.report_mark_inserted() from public, anon, authenticated, service_role;
create trigger messages_report_mark_inserted after insert on public.messages
  referencing new table as report_new_rows
  for each statement execute function internal.report_mark_inserted();

create or replace function internal.report_mark_deleted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into internal.report_dirty_hours as d (tenant_id, hour)
  select distinct o.tenant_id, date_trunc('hour', o.created_at, 'UTC') from report_old_rows o
  where not o.is_test and o.created_at < date_trunc('hour', now(), 'UTC')
  on conflict (tenant_id, hour) do update set version = nextval('internal.report_dirty_version');
  return null;
end $$;
revoke all on function internal.report_mark_deleted() from public, anon, authenticated, service_role;
create trigger messages_report_mark_deleted after delete on public.messages
  referencing old table as report_old_rows
  for each statement execute function internal.report_mark_deleted();

-- A counted column changed (rare: no code path does it today): both hours, old and new.
create or replace function internal.report_mark_updated() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into internal.report_dirty_hours as d (tenant_id, hour)
  values (old.tenant_id, date_trunc('hour', old.created_at, 'UTC')), (new.tenant_id, date_trunc('hour', new.created_at, 'UTC'))
  on conflict (tenant_id, hour) do update set version = nextval('internal.report_dirty_version');
  return null;
end $$;
revoke all on function internal.report_mark_updated() from public, anon, authenticated, service_role;
create trigger messages_report_mark_updated after update of tenant_id, created_at, conversation_id, channel,
  direction, sender, reply_seconds, is_test on public.messages
  for each row when ((old.tenant_id, old.created_at, old.conversation_id, old.channel, old.direction, old.sender,
    old.reply_seconds, old.is_test) is distinct from (new.tenant_id, new.created_at, new.conversation_id,
    new.channel, new.direction, new.sender, new.reply_seconds, new.is_test))
  execute function internal.report_mark_updated();

-- Hours before this are rolled up (closed five minutes ago at least).
create or replace function internal.report_closed_before() returns timestamptz
language sql stable set search_path = '' as $$
  select date_trunc('hour', now() - interval '5 minutes', 'UTC')
$$;
revoke all on function internal.report_closed_before() from public, anon, authenticated, service_role;

-- One batch, one transaction: for each tenant behind (at most p_max_tenants, oldest first), the
-- next p_max_hours closed hours, plus every dirty hour before the new rolled_until. Each hour is
-- recomputed whole: its rows deleted, its messages aggregated again. A tenant seen for the first
-- time starts at its first message. more: some tenant is still behind or dirty.
create or replace function public.report_rollup_hours(p_max_hours integer default 168, p_max_tenants integer default 200)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_limit timestamptz := internal.report_closed_before();
  v_tenants uuid[];
  v_froms timestamptz[];
  v_tos timestamptz[];
  v_dirty_tenants uuid[];
  v_dirty_hours timestamptz[];
  v_dirty_versions bigint[];
  v_range_tenants uuid[];
  v_range_froms timestamptz[];
  v_range_tos timestamptz[];
  v_deleted bigint;
  v_inserted bigint;
  v_more boolean;
begin
  if p_max_hours is null or p_max_hours not between 1 and 8784 then
    raise exception 'max_hours must be between 1 and 8784' using errcode = 'PT400';
  end if;
  if p_max_tenants is null or p_max_tenants not between 1 and 10000 then
    raise exception 'max_tenants must be between 1 and 10000' using errcode = 'PT400';
  end if;
  -- Marks of tenants that no longer exist.
  delete from internal.report_dirty_hours d where not exists (select 1 from public.tenants t where t.id = d.tenant_id);
  -- New tenants start at their first real message (or now, when they have none yet).
  insert into internal.report_rollup_state (tenant_id, rolled_until)
  select t.id, least(v_limit, coalesce((select date_trunc('hour', min(m.created_at), 'UTC') from public.messages m
    where m.tenant_id = t.id and not m.is_test), v_limit))
  from public.tenants t
  where not exists (select 1 from internal.report_rollup_state s where s.tenant_id = t.id)
  on conflict (tenant_id) do nothing;

  -- The batch's tenants, locked: two runs at once wait for each other instead of racing.
  with picked as (
    select s.tenant_id, s.rolled_until from internal.report_rollup_state s
    where s.rolled_until < v_limit
      or exists (select 1 from internal.report_dirty_hours d where d.tenant_id = s.tenant_id and d.hour < s.rolled_until)
    order by s.rolled_until, s.tenant_id
    limit p_max_tenants
    for update of s
  )
  select coalesce(array_agg(p.tenant_id order by p.tenant_id), '{}'),
    coalesce(array_agg(p.rolled_until order by p.tenant_id), '{}'),
    coalesce(array_agg(greatest(p.rolled_until, least(v_limit, p.rolled_until + make_interval(hours => p_max_hours)))
      order by p.tenant_id), '{}')
  into v_tenants, v_froms, v_tos from picked p;

  -- The marks this run settles, read before the messages: a message written after this read
  -- sets its mark again (a new version) and the hour is recomputed by the next run.
  select coalesce(array_agg(d.tenant_id), '{}'), coalesce(array_agg(d.hour), '{}'), coalesce(array_agg(d.version), '{}')
  into v_dirty_tenants, v_dirty_hours, v_dirty_versions
  from internal.report_dirty_hours d
  join unnest(v_tenants, v_tos) w(tenant_id, rolled_to) on w.tenant_id = d.tenant_id and d.hour < w.rolled_to;

  -- The hours to (re)compute as ranges: each tenant's new window, and each dirty hour before it.
  select coalesce(array_agg(g.tenant_id), '{}'), coalesce(array_agg(g.range_from), '{}'), coalesce(array_agg(g.range_to), '{}')
  into v_range_tenants, v_range_froms, v_range_tos
  from (
    select w.tenant_id, w.range_from, w.range_to from unnest(v_tenants, v_froms, v_tos) w(tenant_id, range_from, range_to)
    where w.range_to > w.range_from
    union all
    select d.tenant_id, d.hour, d.hour + interval '1 hour'
    from unnest(v_dirty_tenants, v_dirty_hours) d(tenant_id, hour)
    join unnest(v_tenants, v_froms) w(tenant_id, range_from) on w.tenant_id = d.tenant_id and d.hour < w.range_from
  ) g;

  delete from internal.report_hourly r
  using unnest(v_range_tenants, v_range_froms, v_range_tos) g(tenant_id, range_from, range_to)
  where r.tenant_id = g.tenant_id and r.hour >= g.range_from and r.hour < g.range_to;
  get diagnostics v_deleted = row_count;

  insert into internal.report_hourly (tenant_id, hour, conversation_id, channel, inbound, outbound, ai_outbound,
    human_outbound, ai_reply_seconds)
  select m.tenant_id, date_trunc('hour', m.created_at, 'UTC'), m.conversation_id, m.channel,
    count(*) filter (where m.direction = 'inbound'),
    count(*) filter (where m.direction = 'outbound'),
    count(*) filter (where m.direction = 'outbound' and m.sender = 'ai'),
    count(*) filter (where m.direction = 'outbound' and m.sender = 'human'),
    coalesce(array_agg(m.reply_seconds order by m.reply_seconds) filter (where m.sender = 'ai' and m.reply_seconds is not null), '{}')
  from unnest(v_range_tenants, v_range_froms, v_range_tos) g(tenant_id, range_from, range_to)
  join public.messages m on m.tenant_id = g.tenant_id and not m.is_test
    and m.created_at >= g.range_from and m.created_at < g.range_to
  group by 1, 2, 3, 4;
  get diagnostics v_inserted = row_count;

  delete from internal.report_dirty_hours d
  using unnest(v_dirty_tenants, v_dirty_hours, v_dirty_versions) s(tenant_id, hour, version)
  where d.tenant_id = s.tenant_id and d.hour = s.hour and d.version = s.version;

  update internal.report_rollup_state s set rolled_until = w.rolled_to, updated_at = now()
  from unnest(v_tenants, v_tos) w(tenant_id, rolled_to)
  where s.tenant_id = w.tenant_id and s.rolled_until < w.rolled_to;

  select exists (select 1 from internal.report_rollup_state s where s.rolled_until < v_limit)
    or exists (select 1 from internal.report_dirty_hours d join internal.report_rollup_state s
      on s.tenant_id = d.tenant_id and d.hour < s.rolled_until)
  into v_more;
  return jsonb_build_object('tenants', cardinality(v_tenants), 'rows_deleted', v_deleted,
    'rows_written', v_inserted, 'rolled_before', v_limit, 'more', v_more);
end $$;
revoke all on function public.report_rollup_hours(integer, integer) from public, anon, authenticated;
grant execute on function public.report_rollup_hours(integer, integer) to service_role;
comment on function public.report_rollup_hours(integer, integer) is
  '@returns { tenants: number; rows_deleted: number; rows_written: number; rolled_before: string; more: boolean }';

-- Called on every sweep: one report_rollup job (tenant-less, low priority) when some tenant has a
-- closed hour not rolled up or a dirty hour; two sweeps at once meet on the dedupe key.
create or replace function public.enqueue_report_rollup() returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_limit timestamptz := internal.report_closed_before();
begin
  if not (
    exists (select 1 from public.tenants t
      where not exists (select 1 from internal.report_rollup_state s where s.tenant_id = t.id))
    or exists (select 1 from internal.report_rollup_state s where s.rolled_until < v_limit)
    or exists (select 1 from internal.report_dirty_hours d join internal.report_rollup_state s
      on s.tenant_id = d.tenant_id and d.hour < s.rolled_until)
  ) then
    return jsonb_build_object('enqueued', false, 'reason', 'up_to_date');
  end if;
  return internal.enqueue_job('report_rollup', '{}'::jsonb, null, -10, 'report_rollup', null, 3);
end $$;
revoke all on function public.enqueue_report_rollup() from public, anon, authenticated;
grant execute on function public.enqueue_report_rollup() to service_role;
comment on function public.enqueue_report_rollup() is
  '@returns { enqueued: false; reason: ''up_to_date'' } | { id: string; enqueued: boolean }';

-- dashboard_report, as in 20261209200200_reports.sql except where the message figures come from:
-- the rollup's rows for the hours rolled up and not dirty, the messages for the rest (the open
-- hour, hours not rolled up yet, dirty hours), or the messages for everything when some hour of
-- the period does not map to one whole local hour (half-hour offsets). Both sources give rows of
-- the same shape, so every aggregate below is one query over both.
create or replace function public.dashboard_report(
  p_tenant_id uuid, p_from date, p_to date, p_channel text default null, p_branch_id uuid default null
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
  v_rolled_to timestamptz;
  v_result jsonb;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_from is null or p_to is null or p_from < date '2000-01-01' or p_to > date '2199-12-31'
    or p_from > p_to or p_to - p_from > 366 then
    raise exception 'the period must be at most 367 days, from before to' using errcode = 'PT400';
  end if;
  if p_channel is not null and p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok') then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  if p_branch_id is not null then
    select b.timezone into v_tz from public.branches b where b.id = p_branch_id and b.tenant_id = p_tenant_id;
    if v_tz is null then
      raise exception 'branch not found' using errcode = 'PT404';
    end if;
  else
    select t.timezone into v_tz from public.tenants t where t.id = p_tenant_id;
  end if;
  v_start := p_from::timestamp at time zone v_tz;
  v_end := (p_to + 1)::timestamp at time zone v_tz;

  -- [v_start, v_rolled_to): hours the rollup may answer for. Empty unless every hour of it starts
  -- on a whole local hour and keeps one offset to its end.
  select greatest(v_start, least(v_end, s.rolled_until)) into v_rolled_to
  from internal.report_rollup_state s where s.tenant_id = p_tenant_id;
  v_rolled_to := coalesce(v_rolled_to, v_start);
  if v_rolled_to > v_start and (
    date_trunc('hour', v_start, 'UTC') <> v_start
    or exists (
      select 1 from generate_series(v_start, v_rolled_to - interval '1 hour', interval '1 hour') h(at)
      where date_trunc('hour', h.at at time zone v_tz) <> h.at at time zone v_tz
        or (h.at at time zone v_tz) - (h.at at time zone 'UTC')
          <> ((h.at + interval '59:59.999999') at time zone v_tz) - ((h.at + interval '59:59.999999') at time zone 'UTC'))
  ) then
    v_rolled_to := v_start;
  end if;

  with branch_conversations as (
    select c.id from public.conversations c
    where p_branch_id is not null and c.tenant_id = p_tenant_id and c.branch_id = p_branch_id
  ), dirty as (
    select d.hour from internal.report_dirty_hours d
    where d.tenant_id = p_tenant_id and d.hour >= v_start and d.hour < v_rolled_to
  ), live as (
    -- Messages of the hours the rollup does not answer for: after v_rolled_to, and dirty hours.
    select m.created_at, m.direction, m.sender, m.conversation_id, m.reply_seconds
    from public.messages m
    where m.tenant_id = p_tenant_id and not m.is_test and m.created_at >= v_rolled_to and m.created_at < v_end
      and (p_channel is null or m.channel = p_channel)
      and (p_branch_id is null or m.conversation_id in (select id from branch_conversations))
    union all
    select m.created_at, m.direction, m.sender, m.conversation_id, m.reply_seconds
    from dirty d
    join public.messages m on m.tenant_id = p_tenant_id and not m.is_test
      and m.created_at >= d.hour and m.created_at < d.hour + interval '1 hour'
    where (p_channel is null or m.channel = p_channel)
      and (p_branch_id is null or m.conversation_id in (select id from branch_conversations))
  ), msgs as materialized (
    -- One row per rolled-up (hour, conversation, channel) or per live message, with its counts.
    select r.hour at time zone v_tz as local_at, r.conversation_id, r.inbound, r.outbound, r.ai_outbound,
      r.human_outbound, r.ai_reply_seconds
    from internal.report_hourly r
    where r.tenant_id = p_tenant_id and r.hour >= v_start and r.hour < v_rolled_to
      and (p_channel is null or r.channel = p_channel)
      and (p_branch_id is null or r.conversation_id in (select id from branch_conversations))
      and r.hour not in (select hour from dirty)
    union all
    select m.created_at at time zone v_tz, m.conversation_id, (m.direction = 'inbound')::int,
      (m.direction = 'outbound')::int, (m.direction = 'outbound' and m.sender = 'ai')::int,
      (m.direction = 'outbound' and m.sender = 'human')::int,
      case when m.sender = 'ai' and m.reply_seconds is not null then array[m.reply_seconds] else '{}' end
    from live m
  ), new_leads as materialized (
    select l.id, l.classification from public.leads l
    where l.tenant_id = p_tenant_id and not l.is_test and l.created_at >= v_start and l.created_at < v_end
      and (p_channel is null or l.origin_channel = p_channel)
      and (p_branch_id is null or exists (
        select 1 from public.conversations c where c.lead_id = l.id and c.branch_id = p_branch_id))
  )
  select jsonb_build_object(
    'timezone', v_tz,
    'from', p_from,
    'to', p_to,
    'per_day', (
      select jsonb_agg(jsonb_build_object('day', d.day, 'conversations', coalesce(a.conversations, 0),
        'inbound', coalesce(a.inbound, 0), 'outbound', coalesce(a.outbound, 0)) order by d.day)
      from (select (p_from + g)::date as day from generate_series(0, p_to - p_from) g) d
      left join (
        -- Per conversation and day first (hashed), then per day: no sort for the distinct count.
        select x.day, count(*) as conversations, sum(x.inbound) as inbound, sum(x.outbound) as outbound
        from (
          select m.local_at::date as day, m.conversation_id, sum(m.inbound) as inbound, sum(m.outbound) as outbound
          from msgs m group by 1, 2
        ) x group by 1
      ) a on a.day = d.day),
    -- Customer messages per local weekday (1 = Monday … 7 = Sunday) and hour; empty cells omitted.
    'per_hour', (
      select coalesce(jsonb_agg(jsonb_build_object('weekday', h.weekday, 'hour', h.hour, 'messages', h.n)
        order by h.weekday, h.hour), '[]'::jsonb)
      from (
        select date_part('isodow', m.local_at)::int as weekday, date_part('hour', m.local_at)::int as hour,
          sum(m.inbound) as n
        from msgs m where m.inbound > 0 group by 1, 2
      ) h),
    'ai_response', (
      select jsonb_build_object('replies', count(s.seconds),
        'p50', round(percentile_cont(0.5) within group (order by s.seconds)::numeric, 1),
        'p90', round(percentile_cont(0.9) within group (order by s.seconds)::numeric, 1))
      from msgs m cross join lateral unnest(m.ai_reply_seconds) s(seconds)),
    'answered_by', (
      select jsonb_build_object('ai', coalesce(sum(m.ai_outbound), 0), 'human', coalesce(sum(m.human_outbound), 0))
      from msgs m),
    'escalations', (
      select coalesce(jsonb_agg(jsonb_build_object('reason', e.reason, 'count', e.n) order by e.n desc, e.reason), '[]'::jsonb)
      from (
        select c.escalation_reason as reason, count(*) as n
        from public.conversations c
        where c.tenant_id = p_tenant_id and not c.is_test and c.escalated_at >= v_start and c.escalated_at < v_end
          and (p_channel is null or c.channel = p_channel)
          and (p_branch_id is null or c.branch_id = p_branch_id)
        group by 1
      ) e),
    'send_errors', (
      select coalesce(jsonb_agg(jsonb_build_object('code', e.code, 'count', e.n) order by e.n desc, e.code), '[]'::jsonb)
      from (
        select m.error_code as code, count(*) as n
        from public.messages m
        where m.tenant_id = p_tenant_id and m.delivery_status = 'failed' and not m.is_test
          and m.created_at >= v_start and m.created_at < v_end
          and (p_channel is null or m.channel = p_channel)
          and (p_branch_id is null or m.conversation_id in (select id from branch_conversations))
        group by 1
      ) e),
    'new_leads', (
      select jsonb_build_object('total', count(*),
        'hot', count(*) filter (where l.classification = 'hot'),
        'warm', count(*) filter (where l.classification = 'warm'),
        'cold', count(*) filter (where l.classification = 'cold'))
      from new_leads l),
    -- Of the period's new leads: how many booked an appointment (any status but cancelled), and
    -- how many became customers (an appointment that took place: completed).
    'conversion', (
      select jsonb_build_object('leads', count(*),
        'booked', count(*) filter (where exists (
          select 1 from public.appointments a where a.lead_id = l.id and a.status <> 'cancelled'
            and (p_branch_id is null or a.branch_id = p_branch_id))),
        'customers', count(*) filter (where exists (
          select 1 from public.appointments a where a.lead_id = l.id and a.status = 'completed'
            and (p_branch_id is null or a.branch_id = p_branch_id))))
      from new_leads l)
  ) into v_result;
  return v_result;
end $$;
