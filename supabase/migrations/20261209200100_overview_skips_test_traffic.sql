-- The overview counts customers, not test traffic (issue 18 §5): the same function as before,
-- with every count and list skipping rows marked is_test (20261209200000_test_traffic.sql).
create or replace function public.dashboard_overview(p_tenant_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_tz text;
  v_today date;
  v_start timestamptz;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select t.timezone into v_tz from public.tenants t where t.id = p_tenant_id;
  v_today := (now() at time zone v_tz)::date;
  v_start := v_today::timestamp at time zone v_tz;
  return jsonb_build_object(
    'timezone', v_tz,
    'today', v_today,
    'messages_today', (
      select coalesce(jsonb_agg(jsonb_build_object('channel', s.channel, 'inbound', s.inbound,
        'outbound', s.outbound) order by s.channel), '[]'::jsonb)
      from (
        select m.channel, count(*) filter (where m.direction = 'inbound') as inbound,
          count(*) filter (where m.direction = 'outbound') as outbound
        from public.messages m
        where m.tenant_id = p_tenant_id and not m.is_test and m.created_at >= v_start
        group by m.channel
      ) s),
    'new_leads_today', (
      select jsonb_build_object(
        'hot', count(*) filter (where l.classification = 'hot'),
        'warm', count(*) filter (where l.classification = 'warm'),
        'cold', count(*) filter (where l.classification = 'cold'))
      from public.leads l where l.tenant_id = p_tenant_id and not l.is_test and l.created_at >= v_start),
    'offline_replies_today', (
      select count(*) from public.messages m
      where m.tenant_id = p_tenant_id and not m.is_test and m.created_at >= v_start and m.generated_by = 'offline'),
    'escalations_waiting', (
      select coalesce(jsonb_agg(e order by e ->> 'escalated_at'), '[]'::jsonb)
      from (
        select jsonb_build_object('conversation_id', c.id, 'channel', c.channel,
          'escalated_at', c.escalated_at, 'reason', c.escalation_reason, 'lead_name', l.name) as e
        from public.conversations c join public.leads l on l.id = c.lead_id
        where c.tenant_id = p_tenant_id and not c.is_test and c.escalated_at is not null
          and c.status in ('active', 'pending')
        order by c.escalated_at
        limit 10
      ) w),
    'escalations_waiting_count', (
      select count(*) from public.conversations c
      where c.tenant_id = p_tenant_id and not c.is_test and c.escalated_at is not null and c.status in ('active', 'pending')),
    -- Seconds from a customer's message to the AI message that followed it, per local day.
    'ai_reply_seconds', (
      select jsonb_agg(jsonb_build_object('day', d.day, 'median', r.median, 'replies', coalesce(r.replies, 0))
        order by d.day)
      from (select v_today - g as day from generate_series(0, 6) g) d
      left join (
        select (m.created_at at time zone v_tz)::date as day,
          round(percentile_cont(0.5) within group (
            order by extract(epoch from m.created_at - prev.created_at))::numeric, 1) as median,
          count(*) as replies
        from public.messages m
        cross join lateral (
          select i.created_at from public.messages i
          where i.conversation_id = m.conversation_id and i.direction = 'inbound'
            and i.created_at <= m.created_at
          order by i.created_at desc limit 1
        ) prev
        where m.tenant_id = p_tenant_id and not m.is_test and m.sender = 'ai' and m.created_at >= v_start - interval '6 days'
        group by 1
      ) r on r.day = d.day)
  );
end $function$;
