-- Finding things (issue 18 §3), part two: the inbox, the leads list and threads search, filter and
-- page by keyset (a cursor of the last row's sort key and id; no OFFSET, no cap on what is reached).
-- Replaces dashboard_conversations, dashboard_leads and dashboard_conversation (new arguments).
-- It comes after the teamwork, test-traffic and lead-merge migrations: the inbox filters by
-- assignee and tag and shows test traffic; the leads list hides leads merged into another.

drop function public.dashboard_conversations(uuid, text, text, text, integer);
drop function public.dashboard_leads(uuid, text, text, integer);
drop function public.dashboard_conversation(uuid, uuid);

-- Leads of one tenant whose name, email, phone, username or channel id holds what was typed
-- (without accents; names also by trigram word similarity, so "Maria Jose" finds "María José").
create function internal.search_lead_ids(p_tenant_id uuid, p_query text)
returns setof uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_fold text := btrim(internal.search_fold(left(p_query, 200)));
  v_digits text := internal.search_digits(left(p_query, 200));
  v_like text;
  v_digits_like text;
begin
  if v_fold = '' then
    return;
  end if;
  v_like := '%' || replace(replace(replace(v_fold, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  v_digits_like := case when length(v_digits) >= 3 then '%' || v_digits || '%' end;
  return query
    select l.id from public.leads l
    where l.tenant_id = p_tenant_id
      and (internal.search_fold(coalesce(l.name, '') || ' ' || coalesce(l.email, '')) like v_like
        or v_fold operator(extensions.<%) internal.search_fold(coalesce(l.name, '') || ' ' || coalesce(l.email, '')))
    union
    select l.id from public.leads l
    where v_digits_like is not null and l.tenant_id = p_tenant_id and l.phone is not null
      and internal.search_digits(l.phone) like v_digits_like
    union
    select i.lead_id from public.lead_identities i
    where i.tenant_id = p_tenant_id
      and internal.search_fold(coalesce(i.username, '') || ' ' || coalesce(i.phone, '') || ' ' || i.external_id)
        like coalesce(v_digits_like, v_like);
end $$;
revoke all on function internal.search_lead_ids(uuid, text) from public, anon, authenticated, service_role;

-- The order is escalated-and-open first, then newest first, then id. It is read as two walks
-- of an index in that order (the escalated ones, then the rest), each stopping at the page size,
-- so the first page costs the same at 50 or 50,000 conversations. A search finds its messages
-- one of two ways: rare words through the GIN index (the set of their conversations), common
-- words (2,000 hits or more) by checking each conversation in order until the page is full.
create function public.dashboard_conversations(
  p_tenant_id uuid,
  p_status text default 'open',
  p_channel text default null,
  p_handled_by text default null,
  p_classification text default null,
  p_query text default null,
  p_from date default null,
  p_to date default null,
  p_after_escalated boolean default null,
  p_after_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 50,
  p_assigned text default null,
  p_tag uuid default null)
returns jsonb
language plpgsql
stable security definer
set search_path = ''
as $$
declare
  v_tz text;
  v_query text := nullif(btrim(left(p_query, 200)), '');
  v_words tsquery;
  v_leads uuid[];
  v_hits uuid[];
  v_common boolean := false;
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 201);
  -- Days far outside any message (year 5874897, "infinity") would overflow the arithmetic below.
  v_from date := case when p_from is not null then least(greatest(p_from, date '1900-01-01'), date '3000-01-01') end;
  v_to date := case when p_to is not null then least(greatest(p_to, date '1900-01-01'), date '3000-01-01') end;
  v_after_at timestamptz := coalesce(p_after_at, 'infinity'::timestamptz);
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select t.timezone into v_tz from public.tenants t where t.id = p_tenant_id;
  if v_query is not null then
    v_words := internal.search_query(v_query);
    v_leads := array(select internal.search_lead_ids(p_tenant_id, v_query));
    if v_words is not null then
      v_hits := array(
        select m.conversation_id from public.messages m
        where internal.message_words(m.text) @@ v_words and m.tenant_id = p_tenant_id
        limit 2000);
      v_common := cardinality(v_hits) >= 2000;
    end if;
  end if;
  return (
    with filtered as not materialized (
      select c.*,
        (c.escalated_at is not null and c.status in ('active', 'pending')) as escalated_first,
        coalesce(c.last_message_at, '-infinity'::timestamptz) as sort_at
      from public.conversations c
      where c.tenant_id = p_tenant_id
        and (p_status is null
          or (p_status = 'open' and c.status in ('active', 'pending'))
          or c.status = p_status)
        and (p_channel is null or c.channel = p_channel)
        and (p_handled_by is null or c.handled_by = p_handled_by)
        and internal.assignment_matches(c.assigned_to, p_assigned)
        and (p_tag is null or exists (
          select 1 from public.conversation_tags ct where ct.conversation_id = c.id and ct.tag_id = p_tag))
        and (p_classification is null or exists (
          select 1 from public.leads l where l.id = c.lead_id and l.classification = p_classification))
        and (v_from is null or c.last_message_at >= (v_from::timestamp at time zone v_tz))
        and (v_to is null or c.last_message_at < ((v_to + 1)::timestamp at time zone v_tz))
        and (v_query is null
          or c.lead_id in (select unnest(v_leads))
          or (v_words is not null and not v_common and c.id in (select unnest(v_hits)))
          -- A scalar subquery with limit 1, not exists: the planner would turn exists into a hash
          -- semi-join over every hit (two seconds at 1M messages); this probes conversation by conversation.
          or (v_common and coalesce((
            select true from public.messages m
            where m.conversation_id = c.id and internal.message_words(m.text) @@ v_words limit 1), false)))
    ),
    page as (
      (select f.* from filtered f
        where f.escalated_at is not null and f.status in ('active', 'pending')
          and (p_after_id is null
            or (p_after_escalated and (coalesce(f.last_message_at, '-infinity'::timestamptz), f.id) < (v_after_at, p_after_id)))
        order by coalesce(f.last_message_at, '-infinity'::timestamptz) desc, f.id desc
        limit v_limit)
      union all
      (select f.* from filtered f
        where not (f.escalated_at is not null and f.status in ('active', 'pending'))
          and (p_after_id is null or coalesce(p_after_escalated, false)
            or (coalesce(f.last_message_at, '-infinity'::timestamptz), f.id) < (v_after_at, p_after_id))
        order by coalesce(f.last_message_at, '-infinity'::timestamptz) desc, f.id desc
        limit v_limit)
    )
    select coalesce(jsonb_agg(to_jsonb(x) order by x.escalated_first desc, x.sort_at desc, x.id desc), '[]'::jsonb)
    from (
      select c.id, c.channel, c.status, c.handled_by, c.escalated_at, c.escalation_reason,
        c.is_test, c.assigned_to, c.last_message_at, c.last_inbound_at, c.escalated_first, c.sort_at,
        jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score,
          'classification', l.classification) as lead,
        (select jsonb_build_object('text', left(m.text, 140), 'message_type', m.message_type,
            'sender', m.sender, 'delivery_status', m.delivery_status, 'created_at', m.created_at)
          from public.messages m where m.conversation_id = c.id
          order by m.created_at desc, m.id desc limit 1) as last_message,
        case when v_words is not null then
          (select left(m.text, 140) from public.messages m
            where m.conversation_id = c.id and internal.message_words(m.text) @@ v_words
            order by m.created_at desc, m.id desc limit 1)
        end as match_text
      from (select * from page order by escalated_first desc, sort_at desc, id desc limit v_limit) c
      join public.leads l on l.id = c.lead_id
    ) x);
end $$;
revoke all on function public.dashboard_conversations(uuid, text, text, text, text, text, date, date, boolean, timestamptz, uuid, integer, text, uuid) from public, anon;
grant execute on function public.dashboard_conversations(uuid, text, text, text, text, text, date, date, boolean, timestamptz, uuid, integer, text, uuid) to authenticated, service_role;
comment on function public.dashboard_conversations(uuid, text, text, text, text, text, date, date, boolean, timestamptz, uuid, integer, text, uuid) is '@returns { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; escalation_reason: string | null; is_test: boolean; assigned_to: string | null; last_message_at: string | null; last_inbound_at: string | null; escalated_first: boolean; sort_at: string; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold'' }; last_message: { text: string | null; message_type: string; sender: ''lead'' | ''ai'' | ''human'' | ''system''; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; created_at: string } | null; match_text: string | null }[]';

create function public.dashboard_leads(
  p_tenant_id uuid,
  p_classification text default null,
  p_channel text default null,
  p_query text default null,
  p_from date default null,
  p_to date default null,
  p_after_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 100)
returns jsonb
language plpgsql
stable security definer
set search_path = ''
as $$
declare
  v_tz text;
  v_query text := nullif(btrim(left(p_query, 200)), '');
  v_words tsquery;
  v_leads uuid[];
  v_hits uuid[];
  v_common boolean := false;
  -- Days far outside any message (year 5874897, "infinity") would overflow the arithmetic below.
  v_from date := case when p_from is not null then least(greatest(p_from, date '1900-01-01'), date '3000-01-01') end;
  v_to date := case when p_to is not null then least(greatest(p_to, date '1900-01-01'), date '3000-01-01') end;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select t.timezone into v_tz from public.tenants t where t.id = p_tenant_id;
  if v_query is not null then
    v_words := internal.search_query(v_query);
    v_leads := array(select internal.search_lead_ids(p_tenant_id, v_query));
    if v_words is not null then
      v_hits := array(
        select m.lead_id from public.messages m
        where internal.message_words(m.text) @@ v_words and m.tenant_id = p_tenant_id
        limit 2000);
      v_common := cardinality(v_hits) >= 2000;
    end if;
  end if;
  return (
    select coalesce(jsonb_agg(to_jsonb(x) order by x.sort_at desc, x.id desc), '[]'::jsonb)
    from (
      select l.id, l.name, l.origin_channel, l.score, l.classification, l.phone, l.email,
        l.is_test, l.last_message_at, l.created_at,
        coalesce(l.last_message_at, '-infinity'::timestamptz) as sort_at,
        (select left(m.text, 140) from public.messages m where m.lead_id = l.id
          order by m.created_at desc limit 1) as last_message_text
      from public.leads l
      where l.tenant_id = p_tenant_id and l.merged_into_id is null
        and (p_classification is null or l.classification = p_classification)
        and (p_channel is null or l.origin_channel = p_channel
          or exists (select 1 from public.lead_identities i where i.lead_id = l.id and i.channel = p_channel))
        and (v_from is null or l.last_message_at >= (v_from::timestamp at time zone v_tz))
        and (v_to is null or l.last_message_at < ((v_to + 1)::timestamp at time zone v_tz))
        and (v_query is null
          or l.id in (select unnest(v_leads))
          or (v_words is not null and not v_common and l.id in (select unnest(v_hits)))
          or (v_common and coalesce((
            select true from public.messages m
            where m.lead_id = l.id and m.tenant_id = p_tenant_id and internal.message_words(m.text) @@ v_words
            limit 1), false)))
        and (p_after_id is null
          or (coalesce(l.last_message_at, '-infinity'::timestamptz), l.id)
            < (coalesce(p_after_at, 'infinity'::timestamptz), p_after_id))
      order by coalesce(l.last_message_at, '-infinity'::timestamptz) desc, l.id desc
      limit least(greatest(coalesce(p_limit, 100), 1), 501)
    ) x);
end $$;
revoke all on function public.dashboard_leads(uuid, text, text, text, date, date, timestamptz, uuid, integer) from public, anon;
grant execute on function public.dashboard_leads(uuid, text, text, text, date, date, timestamptz, uuid, integer) to authenticated, service_role;
comment on function public.dashboard_leads(uuid, text, text, text, date, date, timestamptz, uuid, integer) is '@returns { id: string; name: string | null; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; score: number; classification: ''hot'' | ''warm'' | ''cold''; phone: string | null; email: string | null; is_test: boolean; last_message_at: string | null; created_at: string; sort_at: string; last_message_text: string | null }[]';

-- One conversation and a page of its messages: the newest first page, then older ones before a
-- cursor (created_at, id), shown oldest to newest; has_older says whether a page is left.
create function public.dashboard_conversation(
  p_tenant_id uuid,
  p_conversation_id uuid,
  p_before_at timestamptz default null,
  p_before_id uuid default null,
  p_limit integer default 50)
returns jsonb
language plpgsql
stable security definer
set search_path = ''
as $$
declare
  v_conversation public.conversations;
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_page jsonb;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_conversation from public.conversations c
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id;
  if v_conversation.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  select coalesce(jsonb_agg(to_jsonb(x) order by x.created_at desc, x.id desc), '[]'::jsonb) into v_page
  from (
    select m.id, m.direction, m.sender, m.message_type, m.text, m.media, m.generated_by,
      m.ai_tool_calls, m.delivery_status, m.error_code, m.error_message, m.created_at, m.sent_at, m.delivered_at,
      m.read_at, m.failed_at,
      (select u.email from auth.users u where u.id = m.sent_by_user_id) as sent_by_email
    from public.messages m where m.conversation_id = v_conversation.id and m.tenant_id = p_tenant_id
      and (p_before_id is null
        or (m.created_at, m.id) < (coalesce(p_before_at, 'infinity'::timestamptz), p_before_id))
    order by m.created_at desc, m.id desc limit v_limit + 1
  ) x;
  return jsonb_build_object(
    'conversation', to_jsonb(v_conversation) - 'tenant_id' - 'branch_id',
    'lead', (select jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score,
        'classification', l.classification, 'origin_channel', l.origin_channel)
      from public.leads l where l.id = v_conversation.lead_id),
    'has_older', jsonb_array_length(v_page) > v_limit,
    'messages', (
      select coalesce(jsonb_agg(e.value order by e.n desc), '[]'::jsonb)
      from jsonb_array_elements(v_page) with ordinality as e(value, n)
      where e.n <= v_limit));
end $$;
revoke all on function public.dashboard_conversation(uuid, uuid, timestamptz, uuid, integer) from public, anon;
grant execute on function public.dashboard_conversation(uuid, uuid, timestamptz, uuid, integer) to authenticated, service_role;
comment on function public.dashboard_conversation(uuid, uuid, timestamptz, uuid, integer) is '@returns { conversation: { id: string; lead_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; escalation_reason: string | null; external_thread_id: string | null; is_test: boolean; assigned_to: string | null; last_inbound_at: string | null; last_message_at: string | null; created_at: string; updated_at: string }; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok'' }; has_older: boolean; messages: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; media: { [key: string]: Json | undefined } | null; generated_by: ''claude'' | ''offline'' | null; ai_tool_calls: { name: string; outcome: string; appointment_id: string | null; is_error: boolean }[] | null; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; error_code: string | null; error_message: string | null; created_at: string; sent_at: string | null; delivered_at: string | null; read_at: string | null; failed_at: string | null; sent_by_email: string | null }[] }';
