-- The Twilio WhatsApp channel (issue 17 §1): every channel check and channel list widened to
-- exactly the registered channels (src/channels/channel-registry.ts): whatsapp, instagram,
-- facebook, tiktok, twilio. A Twilio connection keeps its Account SID in business_account_id
-- and its sender (whatsapp:+1… or a Messaging Service SID MG…) in phone_number_id; the Auth
-- Token is its webhook secret and the sealed access token holds the send credentials.

alter table public.channel_connections drop constraint channel_connections_channel_check;
alter table public.channel_connections add constraint channel_connections_channel_check check (channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));
alter table public.conversations drop constraint conversations_channel_check;
alter table public.conversations add constraint conversations_channel_check check (channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));
alter table public.lead_identities drop constraint lead_identities_channel_check;
alter table public.lead_identities add constraint lead_identities_channel_check check (channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));
alter table public.messages drop constraint messages_channel_check;
alter table public.messages add constraint messages_channel_check check (channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));
alter table public.outbox_messages drop constraint outbox_messages_channel_check;
alter table public.outbox_messages add constraint outbox_messages_channel_check check (channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));
alter table public.pending_message_edits drop constraint pending_message_edits_channel_check;
alter table public.pending_message_edits add constraint pending_message_edits_channel_check check (channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));
alter table public.pending_message_statuses drop constraint pending_message_statuses_channel_check;
alter table public.pending_message_statuses add constraint pending_message_statuses_channel_check check (channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));
alter table public.leads drop constraint leads_origin_channel_check;
alter table public.leads add constraint leads_origin_channel_check
  check (origin_channel = any (array['whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio']));

-- Twilio deliveries name their account (AccountSid): the connection's business_account_id.
create or replace function internal.connection_account_id(p_conn public.channel_connections)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case p_conn.channel
    when 'whatsapp' then p_conn.phone_number_id when 'facebook' then p_conn.page_id
    when 'instagram' then p_conn.instagram_account_id when 'tiktok' then p_conn.tiktok_business_id
    when 'twilio' then p_conn.business_account_id end
$function$;

-- Twilio's Messages API takes at most 1,600 characters in Body.
create or replace function internal.channel_text_limit(p_channel text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case p_channel
    when 'whatsapp' then 4096 when 'facebook' then 2000 when 'instagram' then 1000 when 'tiktok' then 6000
    when 'twilio' then 1600
  end
$function$;

-- WhatsApp through Twilio keeps WhatsApp's 24 h window (error 63016).
create or replace function internal.human_reply_window_error(p_channel text, p_last_inbound_at timestamp with time zone)
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select case
    when p_last_inbound_at is null then 'the customer has not written in this conversation yet'
    when p_channel in ('whatsapp', 'twilio') and p_last_inbound_at < now() - interval '24 hours' then
      'more than 24 hours since the customer''s last message: WhatsApp only allows approved message templates now'
    when p_channel in ('facebook', 'instagram') and p_last_inbound_at < now() - interval '7 days' then
      'more than 7 days since the customer''s last message: Meta allows no more replies until they write again'
  end
$function$;

-- A Twilio connection needs its Account SID (business_account_id) and its sender (phone_number_id).
create or replace function internal.write_connection_fields(p_tenant_id uuid, p_channel text, p_fields jsonb)
 RETURNS public.channel_connections
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  v_allowed text[] := array['mode', 'status', 'ai_enabled', 'display_name', 'phone_number_id',
    'business_account_id', 'display_phone_number', 'page_id', 'instagram_account_id', 'tiktok_business_id',
    'access_token_encrypted', 'access_token_hint', 'webhook_secret_encrypted', 'webhook_secret_hint',
    'verify_token', 'app_kind', 'webhook_secret_digest', 'refresh_token_encrypted', 'token_expires_at',
    'refresh_token_expires_at', 'quality_rating'];
  v_unknown text;
  v_platform boolean := (p_fields ->> 'app_kind') = 'platform';
  v_row public.channel_connections;
begin
  if p_fields is null or jsonb_typeof(p_fields) <> 'object' then
    raise exception 'fields must be an object' using errcode = 'PT400';
  end if;
  select k into v_unknown from jsonb_object_keys(p_fields) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown connection field %', v_unknown using errcode = 'PT400';
  end if;
  if (p_fields ? 'access_token_encrypted' and (p_fields ->> 'access_token_encrypted') !~ '^v[12]:')
    or (p_fields ? 'webhook_secret_encrypted' and (p_fields ->> 'webhook_secret_encrypted') !~ '^v[12]:')
    or (p_fields ? 'refresh_token_encrypted' and (p_fields ->> 'refresh_token_encrypted') !~ '^v[12]:') then
    raise exception 'secrets must be encrypted by the server' using errcode = 'PT400';
  end if;
  if p_fields ? 'webhook_secret_digest' and (p_fields ->> 'webhook_secret_digest') !~ '^[0-9a-f]{64}$' then
    raise exception 'webhook_secret_digest must be a hex HMAC-SHA256' using errcode = 'PT400';
  end if;
  if v_platform and (p_fields ? 'webhook_secret_encrypted') then
    raise exception 'a platform-app connection has no secret of its own' using errcode = 'PT400';
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
      -- Moving to the platform's app drops the connection's own secret: only one key is accepted.
      webhook_secret_encrypted = case when v_platform then null when p_fields ? 'webhook_secret_encrypted' then p_fields ->> 'webhook_secret_encrypted' else c.webhook_secret_encrypted end,
      webhook_secret_hint = case when v_platform then null when p_fields ? 'webhook_secret_hint' then p_fields ->> 'webhook_secret_hint' else c.webhook_secret_hint end,
      webhook_secret_digest = case when v_platform then null when p_fields ? 'webhook_secret_digest' then p_fields ->> 'webhook_secret_digest' else c.webhook_secret_digest end,
      app_kind = coalesce(p_fields ->> 'app_kind', c.app_kind),
      verify_token = case when p_fields ? 'verify_token' then p_fields ->> 'verify_token' else c.verify_token end,
      refresh_token_encrypted = case when p_fields ? 'refresh_token_encrypted' then p_fields ->> 'refresh_token_encrypted' else c.refresh_token_encrypted end,
      token_expires_at = case when p_fields ? 'token_expires_at' then (p_fields ->> 'token_expires_at')::timestamptz else c.token_expires_at end,
      refresh_token_expires_at = case when p_fields ? 'refresh_token_expires_at' then (p_fields ->> 'refresh_token_expires_at')::timestamptz else c.refresh_token_expires_at end,
      quality_rating = case when p_fields ? 'quality_rating' then p_fields ->> 'quality_rating' else c.quality_rating end
    where c.tenant_id = p_tenant_id and c.channel = p_channel
    returning * into v_row;
  exception when unique_violation then
    raise exception 'that % account id is already connected to another tenant', p_channel
      using errcode = 'PT409', hint = 'account_in_use';
  end;
  -- (Rows that had a secret before digests existed are 'own' without one until it is saved again.)
  if (v_row.app_kind = 'own') <> (v_row.webhook_secret_encrypted is not null) then
    raise exception 'an own-app connection needs its own secret (and only it has one)'
      using errcode = 'PT400', hint = 'own_app_needs_secret';
  end if;
  if (p_channel = 'whatsapp' and v_row.phone_number_id is null)
    or (p_channel = 'facebook' and v_row.page_id is null)
    or (p_channel = 'instagram' and v_row.instagram_account_id is null)
    or (p_channel = 'tiktok' and v_row.tiktok_business_id is null)
    or (p_channel = 'twilio' and (v_row.business_account_id is null or v_row.phone_number_id is null)) then
    raise exception 'a % connection needs its account id', p_channel using errcode = 'PT400';
  end if;
  return v_row;
end $function$;

create or replace function public.dashboard_report(p_tenant_id uuid, p_from date, p_to date, p_channel text DEFAULT NULL::text, p_branch_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
  if p_channel is not null and p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio') then
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
end $function$;

create or replace function public.record_webhook_event(p_channel text, p_outcome text, p_http_status integer, p_tenant_id uuid DEFAULT NULL::uuid, p_tenant_slug text DEFAULT NULL::text, p_body_bytes integer DEFAULT NULL::integer, p_detail text DEFAULT NULL::text, p_duration_ms numeric DEFAULT NULL::numeric)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_id uuid;
  v_minute timestamptz := date_trunc('minute', now());
  v_this_minute integer;
begin
  if p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio') then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  if p_outcome in ('accepted', 'duplicate', 'unchanged', 'unrouted') then
    raise exception 'stored deliveries are recorded by ingest_webhook' using errcode = 'PT400';
  end if;
  if p_outcome not in ('disconnected', 'bad_signature', 'bad_request', 'unknown_tenant', 'no_connection',
      'forbidden_account', 'payload_too_large', 'secret_missing', 'verification_ok', 'verification_failed', 'error') then
    raise exception 'unknown outcome' using errcode = 'PT400';
  end if;
  insert into public.webhook_refusal_counts as c (minute, tenant_id, channel, outcome, refused)
  values (v_minute, p_tenant_id, p_channel, p_outcome, 1)
  on conflict on constraint webhook_refusal_counts_key do update set refused = c.refused + 1;
  -- No tenant: whoever sent it chose the slug; a count is all it gets.
  if p_tenant_id is null then
    return null;
  end if;
  select coalesce(sum(c.recorded), 0) into v_this_minute
  from public.webhook_refusal_counts c where c.tenant_id = p_tenant_id and c.minute = v_minute;
  if v_this_minute >= internal.webhook_refusal_rows_per_minute() then
    return null;
  end if;
  update public.webhook_refusal_counts c set recorded = c.recorded + 1
  where c.minute = v_minute and c.tenant_id = p_tenant_id and c.channel = p_channel and c.outcome = p_outcome;
  insert into public.webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, body_bytes, detail, duration_ms)
  values (p_tenant_id, left(p_tenant_slug, 100), p_channel, p_outcome, p_http_status, p_body_bytes,
    left(p_detail, 500), least(p_duration_ms, 9999999))
  returning id into v_id;
  return v_id;
end $function$;

-- Twilio has no subscription handshake: no verify token.
create or replace function public.dashboard_save_channel(p_tenant_id uuid, p_channel text, p_fields jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_row public.channel_connections;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_channel is null or p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio') then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  if p_fields ? 'status' and (p_fields ->> 'status') not in ('connected', 'disconnected') then
    raise exception 'status must be connected or disconnected' using errcode = 'PT400';
  end if;
  v_row := internal.write_connection_fields(p_tenant_id, p_channel, p_fields);
  -- Disabling keeps the last error for staff to read; any other save is a fix attempt.
  if not (p_fields ? 'status' and p_fields ->> 'status' = 'disconnected') then
    update public.channel_connections c set last_error = null where c.id = v_row.id returning * into v_row;
  end if;
  -- Meta's subscription check needs a verify token: make a random one if staff gave none.
  if p_channel not in ('tiktok', 'twilio') and v_row.verify_token is null then
    update public.channel_connections c
    set verify_token = replace(gen_random_uuid()::text, '-', '')
    where c.id = v_row.id
    returning * into v_row;
  end if;
  return internal.masked_connection(v_row);
end $function$;

-- Twilio media (MediaUrl{N}) are fetched by the media job with the account's credentials.
create or replace function internal.media_refs(p_channel text, p_media jsonb)
 RETURNS TABLE(kind text, platform_media_id text, source_url text, mime_type text, sha256 text, filename text)
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select p_media ->> 'kind', p_media ->> 'id', null::text, left(p_media ->> 'mime_type', 200),
    left(p_media ->> 'sha256', 128), left(p_media ->> 'filename', 500)
  where p_channel = 'whatsapp' and p_media ->> 'kind' in ('image', 'audio', 'video', 'document', 'sticker')
    and length(p_media ->> 'id') between 1 and 500
  union all
  select p_media ->> 'kind', p_media ->> 'media_id', null, null, null, null
  where p_channel = 'tiktok' and p_media ->> 'kind' in ('image', 'sticker')
    and length(p_media ->> 'media_id') between 1 and 500
  union all
  select case a ->> 'type'
      when 'file' then 'document'
      when 'image' then case when a ->> 'sticker_id' is not null then 'sticker' else 'image' end
      else a ->> 'type' end,
    null, a ->> 'url', null, null, null
  from jsonb_array_elements(case when p_channel in ('facebook', 'instagram')
      and jsonb_typeof(p_media -> 'attachments') = 'array' then p_media -> 'attachments' else '[]'::jsonb end) a
  where a ->> 'type' in ('image', 'audio', 'video', 'file', 'sticker')
    and a ->> 'url' ~ '^https://' and length(a ->> 'url') <= 4000
  union all
  select t ->> 'kind', null, t ->> 'url', left(t ->> 'mime_type', 200), null, null
  from jsonb_array_elements(case when p_channel = 'twilio'
      and jsonb_typeof(p_media -> 'items') = 'array' then p_media -> 'items' else '[]'::jsonb end) t
  where t ->> 'kind' in ('image', 'audio', 'video', 'document', 'sticker')
    and t ->> 'url' ~ '^https://' and length(t ->> 'url') <= 4000
$function$;

-- The @returns comments that list the channels (read by npm run db:types).
do $$
declare
  v record;
begin
  for v in select p.oid::regprocedure as fn, d.description from pg_proc p
    join pg_description d on d.objoid = p.oid and d.classoid = 'pg_proc'::regclass
    where d.description like '%''tiktok''%' and d.description like '@returns%'
  loop
    execute format('comment on function %s is %L', v.fn,
      replace(v.description, '''facebook'' | ''tiktok''', '''facebook'' | ''tiktok'' | ''twilio'''));
  end loop;
end $$;

-- A Twilio send that fails for good escalates the conversation like the other channels' sends.
drop trigger jobs_escalate_dead_letters on public.jobs;
create trigger jobs_escalate_dead_letters after update of status on public.jobs for each row
  when (new.status = 'failed' and old.status is distinct from 'failed' and new.job_type = any (array[
    'ai_response', 'send_whatsapp', 'send_instagram', 'send_facebook', 'send_tiktok', 'send_twilio']))
  execute function internal.enqueue_escalation_for_dead_letter();
