-- Squashed on 2026-12-07 (see README.md): what the staff dashboard reads and writes, as the
-- signed-in member (each function checks membership itself), and the local dev sign-in.

-- Staff: the tenants the signed-in user belongs to (from tenant_members, never metadata).
create or replace function public.my_tenants() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'role', m.role)
    order by t.name), '[]'::jsonb)
  from public.tenant_members m join public.tenants t on t.id = m.tenant_id
  where m.user_id = (select auth.uid())
$$;
revoke all on function public.my_tenants() from public, anon;
grant execute on function public.my_tenants() to authenticated, service_role;

create or replace function internal.require_member(p_tenant_id uuid, p_min_role text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_tenant_id is null or not public.is_tenant_member(p_tenant_id, p_min_role) then
    raise exception 'you are not a member of this tenant with role % or higher', p_min_role
      using errcode = 'PT403';
  end if;
end $$;
revoke all on function internal.require_member(uuid, text) from public;

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
revoke all on function public.dashboard_overview(uuid) from public, anon;
grant execute on function public.dashboard_overview(uuid) to authenticated, service_role;

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
revoke all on function public.dashboard_channels(uuid) from public, anon;
grant execute on function public.dashboard_channels(uuid) to authenticated, service_role;

create or replace function public.dashboard_ai_settings(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (select to_jsonb(a) - 'tenant_id' from public.ai_tenant_context a where a.tenant_id = p_tenant_id);
end $$;
revoke all on function public.dashboard_ai_settings(uuid) from public, anon;
grant execute on function public.dashboard_ai_settings(uuid) to authenticated, service_role;

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
revoke all on function public.dashboard_conversations(uuid, text, text, text, integer) from public, anon;
grant execute on function public.dashboard_conversations(uuid, text, text, text, integer) to authenticated, service_role;

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
revoke all on function public.dashboard_conversation(uuid, uuid) from public, anon;
grant execute on function public.dashboard_conversation(uuid, uuid) to authenticated, service_role;

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
revoke all on function public.dashboard_leads(uuid, text, text, integer) from public, anon;
grant execute on function public.dashboard_leads(uuid, text, text, integer) to authenticated, service_role;

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
revoke all on function public.dashboard_lead(uuid, uuid) from public, anon;
grant execute on function public.dashboard_lead(uuid, uuid) to authenticated, service_role;

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
revoke all on function public.dashboard_queue(uuid) from public, anon;
grant execute on function public.dashboard_queue(uuid) to authenticated, service_role;

-- Connect or edit one channel (admin or owner). Only the keys present in p_fields change, so a
-- form left blank keeps the stored secret. Staff may only switch status between connected and
-- disconnected; needs_reauth and error are set by the system.
create or replace function public.dashboard_save_channel(p_tenant_id uuid, p_channel text, p_fields jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_allowed text[] := array['mode', 'status', 'ai_enabled', 'display_name', 'phone_number_id',
    'business_account_id', 'display_phone_number', 'page_id', 'instagram_account_id', 'tiktok_business_id',
    'access_token_encrypted', 'access_token_hint', 'webhook_secret_encrypted', 'webhook_secret_hint',
    'verify_token'];
  v_unknown text;
  v_row public.channel_connections;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_channel is null or p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok') then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  if p_fields is null or jsonb_typeof(p_fields) <> 'object' then
    raise exception 'fields must be an object' using errcode = 'PT400';
  end if;
  select k into v_unknown from jsonb_object_keys(p_fields) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown connection field %', v_unknown using errcode = 'PT400';
  end if;
  if p_fields ? 'status' and (p_fields ->> 'status') not in ('connected', 'disconnected') then
    raise exception 'status must be connected or disconnected' using errcode = 'PT400';
  end if;
  if (p_fields ? 'access_token_encrypted' and (p_fields ->> 'access_token_encrypted') !~ '^v1:')
    or (p_fields ? 'webhook_secret_encrypted' and (p_fields ->> 'webhook_secret_encrypted') !~ '^v1:') then
    raise exception 'secrets must be encrypted by the server' using errcode = 'PT400';
  end if;
  insert into public.channel_connections (tenant_id, channel) values (p_tenant_id, p_channel)
  on conflict (tenant_id, channel) do nothing;
  begin
    update public.channel_connections c set
      mode = coalesce(p_fields ->> 'mode', c.mode),
      status = coalesce(p_fields ->> 'status', c.status),
      ai_enabled = coalesce((p_fields ->> 'ai_enabled')::boolean, c.ai_enabled),
      display_name = case when p_fields ? 'display_name' then p_fields ->> 'display_name' else c.display_name end,
      phone_number_id = case when p_fields ? 'phone_number_id' then p_fields ->> 'phone_number_id' else c.phone_number_id end,
      business_account_id = case when p_fields ? 'business_account_id' then p_fields ->> 'business_account_id' else c.business_account_id end,
      display_phone_number = case when p_fields ? 'display_phone_number' then p_fields ->> 'display_phone_number' else c.display_phone_number end,
      page_id = case when p_fields ? 'page_id' then p_fields ->> 'page_id' else c.page_id end,
      instagram_account_id = case when p_fields ? 'instagram_account_id' then p_fields ->> 'instagram_account_id' else c.instagram_account_id end,
      tiktok_business_id = case when p_fields ? 'tiktok_business_id' then p_fields ->> 'tiktok_business_id' else c.tiktok_business_id end,
      access_token_encrypted = case when p_fields ? 'access_token_encrypted' then p_fields ->> 'access_token_encrypted' else c.access_token_encrypted end,
      access_token_hint = case when p_fields ? 'access_token_hint' then p_fields ->> 'access_token_hint' else c.access_token_hint end,
      webhook_secret_encrypted = case when p_fields ? 'webhook_secret_encrypted' then p_fields ->> 'webhook_secret_encrypted' else c.webhook_secret_encrypted end,
      webhook_secret_hint = case when p_fields ? 'webhook_secret_hint' then p_fields ->> 'webhook_secret_hint' else c.webhook_secret_hint end,
      verify_token = case when p_fields ? 'verify_token' then p_fields ->> 'verify_token' else c.verify_token end,
      last_error = case when p_fields ? 'status' and p_fields ->> 'status' = 'disconnected' then c.last_error else null end
    where c.tenant_id = p_tenant_id and c.channel = p_channel
    returning * into v_row;
  exception when unique_violation then
    raise exception 'that % account id is already connected to another tenant', p_channel using errcode = 'PT409';
  end;
  if (p_channel = 'whatsapp' and v_row.phone_number_id is null)
    or (p_channel = 'facebook' and v_row.page_id is null)
    or (p_channel = 'instagram' and v_row.instagram_account_id is null)
    or (p_channel = 'tiktok' and v_row.tiktok_business_id is null) then
    raise exception 'a % connection needs its account id', p_channel using errcode = 'PT400';
  end if;
  -- Meta's subscription check needs a verify token: make a random one if staff gave none.
  if p_channel <> 'tiktok' and v_row.verify_token is null then
    update public.channel_connections c
    set verify_token = replace(gen_random_uuid()::text, '-', '')
    where c.id = v_row.id
    returning * into v_row;
  end if;
  return internal.masked_connection(v_row);
end $$;
revoke all on function public.dashboard_save_channel(uuid, text, jsonb) from public, anon;
grant execute on function public.dashboard_save_channel(uuid, text, jsonb) to authenticated, service_role;

-- AI settings (admin or owner). The server validates the patch with the same zod schema as the
-- CLI; this function applies only the keys present.
create or replace function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'max_tokens', 'model',
    'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge'];
  v_unknown text;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_patch is null or jsonb_typeof(p_patch) <> 'object' then
    raise exception 'patch must be an object' using errcode = 'PT400';
  end if;
  select k into v_unknown from jsonb_object_keys(p_patch) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown AI setting %', v_unknown using errcode = 'PT400';
  end if;
  insert into public.ai_tenant_context (tenant_id) values (p_tenant_id) on conflict (tenant_id) do nothing;
  update public.ai_tenant_context a set
    system_prompt = coalesce(p_patch ->> 'system_prompt', a.system_prompt),
    business_hours = coalesce(p_patch -> 'business_hours', a.business_hours),
    response_style = coalesce(p_patch ->> 'response_style', a.response_style),
    max_tokens = coalesce((p_patch ->> 'max_tokens')::integer, a.max_tokens),
    model = case when p_patch ? 'model' then nullif(p_patch ->> 'model', '') else a.model end,
    escalation_keywords = case when p_patch ? 'escalation_keywords'
      then array(select jsonb_array_elements_text(p_patch -> 'escalation_keywords')) else a.escalation_keywords end,
    auto_escalate_after_messages = case when p_patch ? 'auto_escalate_after_messages'
      then (p_patch ->> 'auto_escalate_after_messages')::integer else a.auto_escalate_after_messages end,
    fallback_message = coalesce(p_patch ->> 'fallback_message', a.fallback_message),
    knowledge = coalesce(p_patch -> 'knowledge', a.knowledge)
  where a.tenant_id = p_tenant_id;
  return (select to_jsonb(a) - 'tenant_id' from public.ai_tenant_context a where a.tenant_id = p_tenant_id);
end $$;
revoke all on function public.dashboard_update_ai_settings(uuid, jsonb) from public, anon;
grant execute on function public.dashboard_update_ai_settings(uuid, jsonb) to authenticated, service_role;

-- Take over (human) or hand back to the AI. Handing back clears the escalation, otherwise the
-- AI would keep staying silent.
create or replace function public.dashboard_set_conversation_handler(p_tenant_id uuid,
  p_conversation_id uuid, p_handled_by text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_handled_by is null or p_handled_by not in ('ai', 'human') then
    raise exception 'handled_by must be ai or human' using errcode = 'PT400';
  end if;
  update public.conversations c set
    handled_by = p_handled_by,
    escalated_at = case when p_handled_by = 'ai' then null else c.escalated_at end,
    escalation_reason = case when p_handled_by = 'ai' then null else c.escalation_reason end
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', v_row.id, 'handled_by', v_row.handled_by, 'status', v_row.status,
    'escalated_at', v_row.escalated_at);
end $$;
revoke all on function public.dashboard_set_conversation_handler(uuid, uuid, text) from public, anon;
grant execute on function public.dashboard_set_conversation_handler(uuid, uuid, text) to authenticated, service_role;

-- Resolve, close or reopen. Reopening when the lead already has another open conversation on
-- the channel is a conflict (one open conversation per lead and channel).
create or replace function public.dashboard_set_conversation_status(p_tenant_id uuid,
  p_conversation_id uuid, p_status text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_status is null or p_status not in ('active', 'pending', 'resolved', 'closed') then
    raise exception 'status must be active, pending, resolved or closed' using errcode = 'PT400';
  end if;
  begin
    update public.conversations c set status = p_status
    where c.id = p_conversation_id and c.tenant_id = p_tenant_id
    returning * into v_row;
  exception when unique_violation then
    raise exception 'this lead already has an open conversation on this channel' using errcode = 'PT409';
  end;
  if v_row.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', v_row.id, 'handled_by', v_row.handled_by, 'status', v_row.status,
    'escalated_at', v_row.escalated_at);
end $$;
revoke all on function public.dashboard_set_conversation_status(uuid, uuid, text) from public, anon;
grant execute on function public.dashboard_set_conversation_status(uuid, uuid, text) to authenticated, service_role;

create or replace function public.dev_find_staff_member(p_email text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_user_id uuid;
  v_email text;
begin
  if to_regprocedure('auth.local_create_user(text)') is null then
    raise exception 'the dev sign-in exists only on a local database' using errcode = 'PT403';
  end if;
  select u.id, u.email into v_user_id, v_email from auth.users u
  where lower(u.email) = lower(trim(p_email))
    and exists (select 1 from public.tenant_members m where m.user_id = u.id);
  if v_user_id is null then
    raise exception 'no staff member with that email' using errcode = 'PT404';
  end if;
  return jsonb_build_object('user_id', v_user_id, 'email', v_email);
end $$;
revoke all on function public.dev_find_staff_member(text) from public, anon, authenticated;
grant execute on function public.dev_find_staff_member(text) to service_role;

-- The tenant behind a slug, with the caller's role, if the caller is a member. Non-members get
-- the same "not found" whether the tenant exists or not.
create or replace function public.dashboard_tenant(p_tenant_slug text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_result jsonb;
begin
  select jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'role', m.role,
    'timezone', t.timezone, 'locale', t.locale)
  into v_result
  from public.tenants t join public.tenant_members m on m.tenant_id = t.id
  where t.slug = p_tenant_slug and m.user_id = (select auth.uid());
  if v_result is null then
    raise exception 'tenant not found' using errcode = 'PT404';
  end if;
  return v_result;
end $$;
revoke all on function public.dashboard_tenant(text) from public, anon;
grant execute on function public.dashboard_tenant(text) to authenticated, service_role;

-- A failed job back to the queue (admin or owner), only if it belongs to this tenant: the queue's
-- own retry_failed_job matches (job id, tenant id).
create or replace function public.dashboard_retry_job(p_tenant_id uuid, p_job_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return public.retry_failed_job(p_job_id, p_tenant_id);
end $$;
revoke all on function public.dashboard_retry_job(uuid, uuid) from public, anon;
grant execute on function public.dashboard_retry_job(uuid, uuid) to authenticated, service_role;

create or replace function public.dashboard_simulator_thread(p_tenant_id uuid, p_channel text,
  p_external_id text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_lead public.leads;
  v_conversation_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select l.* into v_lead
  from public.lead_identities i join public.leads l on l.id = i.lead_id
  where i.tenant_id = p_tenant_id and i.channel = p_channel and i.external_id = p_external_id;
  if v_lead.id is null then
    return jsonb_build_object('conversation_id', null, 'lead', null, 'messages', '[]'::jsonb);
  end if;
  select c.id into v_conversation_id from public.conversations c
  where c.tenant_id = p_tenant_id and c.lead_id = v_lead.id and c.channel = p_channel
  order by c.created_at desc limit 1;
  return jsonb_build_object(
    'conversation_id', v_conversation_id,
    'lead', jsonb_build_object('id', v_lead.id, 'name', v_lead.name, 'score', v_lead.score,
      'classification', v_lead.classification),
    'messages', (
      select coalesce(jsonb_agg(to_jsonb(x) order by x.created_at, x.id), '[]'::jsonb)
      from (
        select m.id, m.direction, m.sender, m.message_type, m.text, m.generated_by, m.delivery_status,
          m.error_code, m.error_message, m.created_at,
          (select jsonb_build_object('recipient', o.recipient, 'platform_message_id', o.platform_message_id,
              'created_at', o.created_at)
            from public.outbox_messages o where o.message_id = m.id and o.tenant_id = p_tenant_id) as outbox
        from public.messages m
        where m.conversation_id = v_conversation_id and m.tenant_id = p_tenant_id
        order by m.created_at desc, m.id desc limit 50
      ) x));
end $$;
revoke all on function public.dashboard_simulator_thread(uuid, text, text) from public, anon;
grant execute on function public.dashboard_simulator_thread(uuid, text, text) to authenticated, service_role;
