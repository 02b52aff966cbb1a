-- Reports (issue 18 §4): one read for the reports page over a period of local days, optionally
-- one channel and one branch, in the branch's time zone (the tenant's without a branch). Test
-- traffic never counts. Speed at a million messages per tenant comes from partial covering
-- indexes (docs/performance.md, "Reports"): the period's messages are read from one index
-- without touching the table, and an AI reply's response time is stamped at write time.
create index messages_report_idx on public.messages (tenant_id, created_at)
  include (channel, direction, sender, conversation_id, reply_seconds) where not is_test;
create index messages_report_failed_idx on public.messages (tenant_id, created_at)
  include (channel, conversation_id, error_code) where delivery_status = 'failed' and not is_test;
create index conversations_report_escalated_idx on public.conversations (tenant_id, escalated_at)
  include (channel, branch_id, escalation_reason) where escalated_at is not null and not is_test;
create index conversations_branch_idx on public.conversations (tenant_id, branch_id) where branch_id is not null;
create index leads_report_idx on public.leads (tenant_id, created_at)
  include (origin_channel, classification) where not is_test;

create or replace function public.dashboard_report(
  p_tenant_id uuid, p_from date, p_to date, p_channel text default null, p_branch_id uuid default null
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
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

  with branch_conversations as (
    select c.id from public.conversations c
    where p_branch_id is not null and c.tenant_id = p_tenant_id and c.branch_id = p_branch_id
  ), msgs as materialized (
    select m.created_at at time zone v_tz as local_at, m.direction, m.sender, m.conversation_id, m.reply_seconds
    from public.messages m
    where m.tenant_id = p_tenant_id and not m.is_test and m.created_at >= v_start and m.created_at < v_end
      and (p_channel is null or m.channel = p_channel)
      and (p_branch_id is null or m.conversation_id in (select id from branch_conversations))
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
          select m.local_at::date as day, m.conversation_id,
            count(*) filter (where m.direction = 'inbound') as inbound,
            count(*) filter (where m.direction = 'outbound') as outbound
          from msgs m group by 1, 2
        ) x group by 1
      ) a on a.day = d.day),
    -- Customer messages per local weekday (1 = Monday … 7 = Sunday) and hour; empty cells omitted.
    'per_hour', (
      select coalesce(jsonb_agg(jsonb_build_object('weekday', h.weekday, 'hour', h.hour, 'messages', h.n)
        order by h.weekday, h.hour), '[]'::jsonb)
      from (
        select date_part('isodow', m.local_at)::int as weekday, date_part('hour', m.local_at)::int as hour,
          count(*) as n
        from msgs m where m.direction = 'inbound' group by 1, 2
      ) h),
    'ai_response', (
      select jsonb_build_object('replies', count(m.reply_seconds),
        'p50', round(percentile_cont(0.5) within group (order by m.reply_seconds)::numeric, 1),
        'p90', round(percentile_cont(0.9) within group (order by m.reply_seconds)::numeric, 1))
      from msgs m where m.sender = 'ai' and m.reply_seconds is not null),
    'answered_by', (
      select jsonb_build_object('ai', count(*) filter (where m.sender = 'ai'),
        'human', count(*) filter (where m.sender = 'human'))
      from msgs m where m.direction = 'outbound'),
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
revoke all on function public.dashboard_report(uuid, date, date, text, uuid) from public, anon;
grant execute on function public.dashboard_report(uuid, date, date, text, uuid) to authenticated, service_role;
comment on function public.dashboard_report(uuid, date, date, text, uuid) is
  '@returns { timezone: string; from: string; to: string; per_day: { day: string; conversations: number; inbound: number; outbound: number }[]; per_hour: { weekday: number; hour: number; messages: number }[]; ai_response: { replies: number; p50: number | null; p90: number | null }; answered_by: { ai: number; human: number }; escalations: { reason: string | null; count: number }[]; send_errors: { code: string | null; count: number }[]; new_leads: { total: number; hot: number; warm: number; cold: number }; conversion: { leads: number; booked: number; customers: number } }';
