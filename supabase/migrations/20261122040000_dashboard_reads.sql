-- Staff dashboard, reads. Each page section is one call. Every function runs as the signed-in
-- staff member (role authenticated), checks membership in tenant_members itself (PT403
-- otherwise), only looks inside p_tenant_id, and never returns channel ciphertexts.

create or replace function internal.require_member(p_tenant_id uuid, p_min_role text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_tenant_id is null or not public.is_tenant_member(p_tenant_id, p_min_role) then
    raise exception 'you are not a member of this tenant with role % or higher', p_min_role
      using errcode = 'PT403';
  end if;
end $$;

-- Today (in the tenant's time zone) at a glance, plus the AI reply time of the last 7 days.
create or replace function public.dashboard_overview(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
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
        where m.tenant_id = p_tenant_id and m.created_at >= v_start
        group by m.channel
      ) s),
    'new_leads_today', (
      select jsonb_build_object(
        'hot', count(*) filter (where l.classification = 'hot'),
        'warm', count(*) filter (where l.classification = 'warm'),
        'cold', count(*) filter (where l.classification = 'cold'))
      from public.leads l where l.tenant_id = p_tenant_id and l.created_at >= v_start),
    'offline_replies_today', (
      select count(*) from public.messages m
      where m.tenant_id = p_tenant_id and m.created_at >= v_start and m.generated_by = 'offline'),
    'escalations_waiting', (
      select coalesce(jsonb_agg(e order by e ->> 'escalated_at'), '[]'::jsonb)
      from (
        select jsonb_build_object('conversation_id', c.id, 'channel', c.channel,
          'escalated_at', c.escalated_at, 'reason', c.escalation_reason, 'lead_name', l.name) as e
        from public.conversations c join public.leads l on l.id = c.lead_id
        where c.tenant_id = p_tenant_id and c.escalated_at is not null
          and c.status in ('active', 'pending')
        order by c.escalated_at
        limit 10
      ) w),
    'escalations_waiting_count', (
      select count(*) from public.conversations c
      where c.tenant_id = p_tenant_id and c.escalated_at is not null and c.status in ('active', 'pending')),
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
        where m.tenant_id = p_tenant_id and m.sender = 'ai' and m.created_at >= v_start - interval '6 days'
        group by 1
      ) r on r.day = d.day)
  );
end $$;

-- Channel cards: masked connections and the last webhook deliveries with their outcomes.
create or replace function public.dashboard_channels(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return jsonb_build_object(
    'connections', (
      select coalesce(jsonb_agg(internal.masked_connection(c) order by c.channel), '[]'::jsonb)
      from public.channel_connections c where c.tenant_id = p_tenant_id),
    'deliveries', (
      select coalesce(jsonb_agg(to_jsonb(w) order by w.received_at desc), '[]'::jsonb)
      from (
        select e.id, e.channel, e.outcome, e.http_status, e.event_count, e.stored_count, e.detail,
          e.received_at
        from public.webhook_events e where e.tenant_id = p_tenant_id
        order by e.received_at desc limit 20
      ) w));
end $$;

create or replace function public.dashboard_ai_settings(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (select to_jsonb(a) - 'tenant_id' from public.ai_tenant_context a where a.tenant_id = p_tenant_id);
end $$;

-- Inbox list. p_status: 'open' (active + pending), 'resolved', 'closed' or null for all.
-- Escalated open conversations first, then the most recent.
create or replace function public.dashboard_conversations(p_tenant_id uuid, p_status text default 'open',
  p_channel text default null, p_handled_by text default null, p_limit integer default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (
    select coalesce(jsonb_agg(to_jsonb(x) order by x.escalated_first desc, x.last_message_at desc nulls last),
      '[]'::jsonb)
    from (
      select c.id, c.channel, c.status, c.handled_by, c.escalated_at, c.escalation_reason,
        c.last_message_at, c.last_inbound_at,
        (c.escalated_at is not null and c.status in ('active', 'pending')) as escalated_first,
        jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score,
          'classification', l.classification) as lead,
        (select jsonb_build_object('text', left(m.text, 140), 'message_type', m.message_type,
            'sender', m.sender, 'delivery_status', m.delivery_status, 'created_at', m.created_at)
          from public.messages m where m.conversation_id = c.id
          order by m.created_at desc limit 1) as last_message
      from public.conversations c join public.leads l on l.id = c.lead_id
      where c.tenant_id = p_tenant_id
        and (p_status is null
          or (p_status = 'open' and c.status in ('active', 'pending'))
          or c.status = p_status)
        and (p_channel is null or c.channel = p_channel)
        and (p_handled_by is null or c.handled_by = p_handled_by)
      order by escalated_first desc, c.last_message_at desc nulls last
      limit least(greatest(coalesce(p_limit, 50), 1), 200)
    ) x);
end $$;

-- One thread: the conversation, its lead and its last 200 messages (oldest first).
create or replace function public.dashboard_conversation(p_tenant_id uuid, p_conversation_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_conversation public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_conversation from public.conversations c
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id;
  if v_conversation.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'conversation', to_jsonb(v_conversation) - 'tenant_id' - 'branch_id',
    'lead', (select jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score,
        'classification', l.classification, 'origin_channel', l.origin_channel)
      from public.leads l where l.id = v_conversation.lead_id),
    'messages', (
      select coalesce(jsonb_agg(to_jsonb(x) order by x.created_at, x.id), '[]'::jsonb)
      from (
        select m.id, m.direction, m.sender, m.message_type, m.text, m.media, m.generated_by,
          m.delivery_status, m.error_code, m.error_message, m.created_at, m.sent_at, m.delivered_at,
          m.read_at, m.failed_at,
          (select u.email from auth.users u where u.id = m.sent_by_user_id) as sent_by_email
        from public.messages m where m.conversation_id = v_conversation.id and m.tenant_id = p_tenant_id
        order by m.created_at desc, m.id desc limit 200
      ) x));
end $$;

create or replace function public.dashboard_leads(p_tenant_id uuid, p_classification text default null,
  p_channel text default null, p_limit integer default 100) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (
    select coalesce(jsonb_agg(to_jsonb(x) order by x.last_message_at desc nulls last, x.created_at desc),
      '[]'::jsonb)
    from (
      select l.id, l.name, l.origin_channel, l.score, l.classification, l.last_message_at, l.created_at,
        (select left(m.text, 140) from public.messages m where m.lead_id = l.id
          order by m.created_at desc limit 1) as last_message_text
      from public.leads l
      where l.tenant_id = p_tenant_id
        and (p_classification is null or l.classification = p_classification)
        and (p_channel is null or l.origin_channel = p_channel
          or exists (select 1 from public.lead_identities i where i.lead_id = l.id and i.channel = p_channel))
      order by l.last_message_at desc nulls last, l.created_at desc
      limit least(greatest(coalesce(p_limit, 100), 1), 500)
    ) x);
end $$;

-- One lead: identities, score history (signals and the message they came from), conversations.
create or replace function public.dashboard_lead(p_tenant_id uuid, p_lead_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_lead public.leads;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_lead from public.leads l where l.id = p_lead_id and l.tenant_id = p_tenant_id;
  if v_lead.id is null then
    raise exception 'lead not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'lead', to_jsonb(v_lead) - 'tenant_id',
    'identities', (
      select coalesce(jsonb_agg(jsonb_build_object('channel', i.channel, 'external_id', i.external_id,
        'username', i.username) order by i.created_at), '[]'::jsonb)
      from public.lead_identities i where i.lead_id = v_lead.id and i.tenant_id = p_tenant_id),
    'score_events', (
      select coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'delta', e.delta,
        'score_before', e.score_before, 'score_after', e.score_after,
        'classification_after', e.classification_after, 'signals', to_jsonb(e.signals), 'reason', e.reason,
        'created_at', e.created_at, 'message_id', e.message_id,
        'message_text', (select left(m.text, 200) from public.messages m
          where m.id = e.message_id and m.tenant_id = p_tenant_id)) order by e.created_at desc), '[]'::jsonb)
      from public.lead_score_events e where e.lead_id = v_lead.id and e.tenant_id = p_tenant_id),
    'conversations', (
      select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'channel', c.channel, 'status', c.status,
        'handled_by', c.handled_by, 'escalated_at', c.escalated_at, 'last_message_at', c.last_message_at,
        'messages', (select count(*) from public.messages m where m.conversation_id = c.id))
        order by c.last_message_at desc nulls last), '[]'::jsonb)
      from public.conversations c where c.lead_id = v_lead.id and c.tenant_id = p_tenant_id));
end $$;

-- Queue for one tenant: counts by status and type, the failed jobs (dead letters) with errors.
-- Payloads stay out: they can carry message text.
create or replace function public.dashboard_queue(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return jsonb_build_object(
    'counts', (
      select coalesce(jsonb_agg(jsonb_build_object('job_type', s.job_type, 'status', s.status, 'count', s.n)
        order by s.job_type, s.status), '[]'::jsonb)
      from (select j.job_type, j.status, count(*) as n from public.jobs j
            where j.tenant_id = p_tenant_id group by 1, 2) s),
    'failed', (
      select coalesce(jsonb_agg(to_jsonb(f) order by f.updated_at desc), '[]'::jsonb)
      from (
        select j.id, j.job_type, j.attempts, j.max_attempts, j.error_message, j.created_at, j.updated_at
        from public.jobs j where j.tenant_id = p_tenant_id and j.status = 'failed'
        order by j.updated_at desc limit 50
      ) f));
end $$;

revoke all on function internal.require_member(uuid, text) from public;

do $$
declare
  f text;
begin
  foreach f in array array['dashboard_overview(uuid)', 'dashboard_channels(uuid)',
    'dashboard_ai_settings(uuid)', 'dashboard_conversations(uuid,text,text,text,integer)',
    'dashboard_conversation(uuid,uuid)', 'dashboard_leads(uuid,text,text,integer)',
    'dashboard_lead(uuid,uuid)', 'dashboard_queue(uuid)']
  loop
    execute format('revoke all on function public.%s from public, anon', f);
    execute format('grant execute on function public.%s to authenticated, service_role', f);
  end loop;
end $$;
