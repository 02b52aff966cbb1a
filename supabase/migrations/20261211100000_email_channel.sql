-- Issue 17 §2: the email channel. Widens every channel check to (whatsapp, instagram, facebook,
-- tiktok, email), gives connections the address mail arrives at and goes out from (the account
-- id email webhooks are routed by), and teaches the functions that list channels the new one.
-- Email has no reply window (internal.human_reply_window_error needs no change) and a generous
-- text limit: a reply is still one message of a conversation, not a newsletter.

alter table public.channel_connections drop constraint channel_connections_channel_check;
alter table public.channel_connections add constraint channel_connections_channel_check check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));
alter table public.conversations drop constraint conversations_channel_check;
alter table public.conversations add constraint conversations_channel_check check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));
alter table public.lead_identities drop constraint lead_identities_channel_check;
alter table public.lead_identities add constraint lead_identities_channel_check check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));
alter table public.leads drop constraint leads_origin_channel_check;
alter table public.leads add constraint leads_origin_channel_check check (origin_channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));
alter table public.messages drop constraint messages_channel_check;
alter table public.messages add constraint messages_channel_check check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));
alter table public.outbox_messages drop constraint outbox_messages_channel_check;
alter table public.outbox_messages add constraint outbox_messages_channel_check check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));
alter table public.pending_message_edits drop constraint pending_message_edits_channel_check;
alter table public.pending_message_edits add constraint pending_message_edits_channel_check check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));
alter table public.pending_message_statuses drop constraint pending_message_statuses_channel_check;
alter table public.pending_message_statuses add constraint pending_message_statuses_channel_check check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email'));

-- Lowercase, as routing compares it with the address a webhook names.
alter table public.channel_connections add column email_address text
  check (email_address is null or (email_address = lower(email_address) and email_address ~ '^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$'));

CREATE OR REPLACE FUNCTION internal.masked_connection(c public.channel_connections)
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select jsonb_build_object(
    'id', c.id, 'tenant_id', c.tenant_id, 'channel', c.channel, 'mode', c.mode, 'status', c.status,
    'ai_enabled', c.ai_enabled, 'app_kind', c.app_kind, 'display_name', c.display_name,
    'phone_number_id', c.phone_number_id, 'business_account_id', c.business_account_id,
    'display_phone_number', c.display_phone_number, 'page_id', c.page_id,
    'instagram_account_id', c.instagram_account_id, 'tiktok_business_id', c.tiktok_business_id, 'email_address', c.email_address,
    'access_token', case when c.access_token_encrypted is null then null else '••••' || coalesce(c.access_token_hint, '') end,
    'webhook_secret', case when c.webhook_secret_encrypted is null then null else '••••' || coalesce(c.webhook_secret_hint, '') end,
    'verify_token', c.verify_token, 'last_error', c.last_error, 'last_webhook_at', c.last_webhook_at,
    'updated_at', c.updated_at)
$function$;

CREATE OR REPLACE FUNCTION internal.write_connection_fields(p_tenant_id uuid, p_channel text, p_fields jsonb)
 RETURNS public.channel_connections
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  v_allowed text[] := array['mode', 'status', 'ai_enabled', 'display_name', 'phone_number_id',
    'business_account_id', 'display_phone_number', 'page_id', 'instagram_account_id', 'tiktok_business_id',
    'access_token_encrypted', 'access_token_hint', 'webhook_secret_encrypted', 'webhook_secret_hint',
    'verify_token', 'app_kind', 'webhook_secret_digest', 'refresh_token_encrypted', 'token_expires_at',
    'refresh_token_expires_at', 'quality_rating', 'email_address'];
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
      quality_rating = case when p_fields ? 'quality_rating' then p_fields ->> 'quality_rating' else c.quality_rating end,
      email_address = case when p_fields ? 'email_address' then lower(p_fields ->> 'email_address') else c.email_address end
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
    or (p_channel = 'twilio' and (v_row.business_account_id is null or v_row.phone_number_id is null))
    or (p_channel = 'email' and v_row.email_address is null) then
    raise exception 'a % connection needs its account id', p_channel using errcode = 'PT400';
  end if;
  return v_row;
end $function$;

CREATE OR REPLACE FUNCTION internal.connection_account_id(p_conn public.channel_connections)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case p_conn.channel
    when 'whatsapp' then p_conn.phone_number_id when 'facebook' then p_conn.page_id
    when 'instagram' then p_conn.instagram_account_id when 'tiktok' then p_conn.tiktok_business_id
    when 'twilio' then p_conn.business_account_id
    when 'email' then p_conn.email_address end
$function$;

CREATE OR REPLACE FUNCTION public.outbound_begin_send(p_message_id uuid, p_tenant_id uuid, p_channel text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_msg public.messages;
  v_conv public.conversations;
  v_conn public.channel_connections;
  v_identity public.lead_identities;
  v_replies integer;
begin
  select * into v_msg from public.messages where id = p_message_id and tenant_id = p_tenant_id for update;
  if not found then
    return jsonb_build_object('action', 'missing');
  end if;
  if v_msg.direction <> 'outbound' or v_msg.channel <> p_channel then
    return jsonb_build_object('action', 'not_sendable', 'channel', v_msg.channel, 'direction', v_msg.direction);
  end if;
  if v_msg.platform_message_id is not null or v_msg.delivery_status in ('sent', 'delivered', 'read', 'played') then
    return jsonb_build_object('action', 'already_sent', 'platform_message_id', v_msg.platform_message_id);
  end if;
  -- A failed send is tried again only when staff retry its job and the platform surely never
  -- took it; an unconfirmed one needs a person to look at the chat first.
  if v_msg.delivery_status = 'deleted'
    or (v_msg.delivery_status = 'failed' and v_msg.error_code is not distinct from 'send_unconfirmed') then
    return jsonb_build_object('action', 'already_failed', 'error_code', v_msg.error_code);
  end if;
  if v_msg.delivery_status = 'sending' then
    return jsonb_build_object('action', 'unconfirmed', 'tenant_id', v_msg.tenant_id, 'channel', v_msg.channel,
      'seconds_since_send', extract(epoch from now() - coalesce(v_msg.send_started_at, v_msg.updated_at)));
  end if;

  -- A staff retry of a dead-letter AI or system reply after the conversation moved on (the
  -- customer wrote again, or a later reply went out) would arrive out of order: it is not sent.
  if v_msg.delivery_status = 'failed' and v_msg.sender in ('ai', 'system') and exists (
    select 1 from public.messages n
    where n.conversation_id = v_msg.conversation_id and n.id <> v_msg.id and n.created_at > v_msg.created_at
      and (n.direction = 'inbound' or n.delivery_status in ('sending', 'sent', 'delivered', 'read', 'played'))
  ) then
    update public.messages set error_code = 'superseded',
      error_message = 'Not sent on retry: the conversation moved on since this reply was written.'
    where id = v_msg.id;
    return jsonb_build_object('action', 'superseded');
  end if;

  select * into v_conv from public.conversations where id = v_msg.conversation_id;
  select * into v_conn from public.channel_connections
    where tenant_id = v_msg.tenant_id and channel = v_msg.channel;
  select * into v_identity from public.lead_identities
    where tenant_id = v_msg.tenant_id and lead_id = v_msg.lead_id and channel = v_msg.channel
    order by created_at desc limit 1;
  -- Replies the platform took (or may have taken) for this customer on this channel in the last
  -- 24 hours, across all their conversations (TikTok caps replies per user per day).
  select count(*)::integer into v_replies from public.messages m
    where m.lead_id = v_msg.lead_id and m.channel = v_msg.channel and m.direction = 'outbound'
      and m.tenant_id = v_msg.tenant_id and m.id <> v_msg.id
      and m.delivery_status in ('sending', 'sent', 'delivered', 'read', 'played')
      and coalesce(m.sent_at, m.created_at) > now() - interval '24 hours';

  update public.messages set delivery_status = 'sending', send_started_at = now(),
    send_attempts = send_attempts + 1, failed_at = null
  where id = v_msg.id;

  return jsonb_build_object(
    'action', 'send',
    'now', now(),
    'message', jsonb_build_object('id', v_msg.id, 'tenant_id', v_msg.tenant_id,
      'conversation_id', v_msg.conversation_id, 'lead_id', v_msg.lead_id, 'channel', v_msg.channel,
      'sender', v_msg.sender, 'message_type', v_msg.message_type, 'text', v_msg.text, 'content', v_msg.content,
      'send_attempts', v_msg.send_attempts + 1),
    'conversation', jsonb_build_object('id', v_conv.id, 'last_inbound_at', v_conv.last_inbound_at,
      'external_thread_id', v_conv.external_thread_id),
    'recipient', case when v_identity.id is null then null
      else jsonb_build_object('external_id', v_identity.external_id, 'phone', v_identity.phone) end,
    'connection', case when v_conn.id is null then null
      else jsonb_build_object('mode', v_conn.mode, 'status', v_conn.status,
        'phone_number_id', v_conn.phone_number_id, 'page_id', v_conn.page_id,
        'instagram_account_id', v_conn.instagram_account_id, 'tiktok_business_id', v_conn.tiktok_business_id,
        'email_address', v_conn.email_address,
        'access_token_encrypted', v_conn.access_token_encrypted) end,
    'replies_last_24h', v_replies);
end $function$;

CREATE OR REPLACE FUNCTION public.webhook_connection(p_tenant_slug text, p_channel text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_tenant_id uuid;
  v_conn public.channel_connections;
begin
  select t.id into v_tenant_id from public.tenants t where t.slug = p_tenant_slug;
  if v_tenant_id is null then
    return jsonb_build_object('found', 'no_tenant');
  end if;
  select * into v_conn from public.channel_connections c where c.tenant_id = v_tenant_id and c.channel = p_channel;
  if not found then
    return jsonb_build_object('found', 'no_connection', 'tenant_id', v_tenant_id);
  end if;
  return jsonb_build_object(
    'found', 'connection', 'tenant_id', v_tenant_id, 'connection_id', v_conn.id, 'channel', v_conn.channel,
    'mode', v_conn.mode, 'status', v_conn.status, 'ai_enabled', v_conn.ai_enabled, 'app_kind', v_conn.app_kind,
    'phone_number_id', v_conn.phone_number_id, 'business_account_id', v_conn.business_account_id,
    'display_phone_number', v_conn.display_phone_number, 'page_id', v_conn.page_id,
    'instagram_account_id', v_conn.instagram_account_id, 'tiktok_business_id', v_conn.tiktok_business_id,
    'email_address', v_conn.email_address,
    'verify_token', v_conn.verify_token, 'webhook_secret_encrypted', v_conn.webhook_secret_encrypted,
    'secret_fingerprint', internal.secret_fingerprint(v_conn.webhook_secret_encrypted));
end $function$;

CREATE OR REPLACE FUNCTION internal.channel_text_limit(p_channel text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case p_channel
    when 'whatsapp' then 4096 when 'facebook' then 2000 when 'instagram' then 1000 when 'tiktok' then 6000
    when 'twilio' then 1600
    when 'email' then 20000
  end
$function$;

CREATE OR REPLACE FUNCTION public.record_webhook_event(p_channel text, p_outcome text, p_http_status integer, p_tenant_id uuid DEFAULT NULL::uuid, p_tenant_slug text DEFAULT NULL::text, p_body_bytes integer DEFAULT NULL::integer, p_detail text DEFAULT NULL::text, p_duration_ms numeric DEFAULT NULL::numeric)
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
  if p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email') then
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

CREATE OR REPLACE FUNCTION public.dashboard_report(p_tenant_id uuid, p_from date, p_to date, p_channel text DEFAULT NULL::text, p_branch_id uuid DEFAULT NULL::uuid)
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
  if p_channel is not null and p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email') then
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

CREATE OR REPLACE FUNCTION public.dashboard_save_channel(p_tenant_id uuid, p_channel text, p_fields jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_row public.channel_connections;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_channel is null or p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok', 'twilio', 'email') then
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
  -- Meta's subscription check (only Meta's) needs a verify token: make a random one if staff gave none.
  if p_channel in ('whatsapp', 'instagram', 'facebook') and v_row.verify_token is null then
    update public.channel_connections c
    set verify_token = replace(gen_random_uuid()::text, '-', '')
    where c.id = v_row.id
    returning * into v_row;
  end if;
  return internal.masked_connection(v_row);
end $function$;



-- A failed automated email reply escalates to staff like the other channels' sends.
CREATE OR REPLACE FUNCTION internal.enqueue_escalation_for_dead_letter()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_conversation_id uuid;
  v_message_id uuid;
  v_reason text;
begin
  if new.tenant_id is null then
    return null;
  end if;
  if new.job_type = 'ai_response' and internal.is_uuid(new.payload ->> 'conversation_id') then
    v_conversation_id := (new.payload ->> 'conversation_id')::uuid;
    v_reason := 'The AI could not answer: ';
  elsif new.job_type in ('send_whatsapp', 'send_instagram', 'send_facebook', 'send_tiktok', 'send_email')
    and internal.is_uuid(new.payload ->> 'message_id') then
    -- Only automated replies: a person whose own reply failed sees it in the thread.
    select m.conversation_id, m.id into v_conversation_id, v_message_id from public.messages m
    where m.id = (new.payload ->> 'message_id')::uuid and m.tenant_id = new.tenant_id
      and m.direction = 'outbound' and m.sender in ('ai', 'system');
    v_reason := 'The reply could not be sent: ';
  end if;
  if v_conversation_id is null then
    return null;
  end if;
  insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key)
  values (new.tenant_id, 'escalate_unanswered', jsonb_build_object('conversation_id', v_conversation_id,
    'failed_message_id', v_message_id, 'dead_job_id', new.id,
    'reason', left(v_reason || coalesce(regexp_replace(new.error_message, '^[A-Za-z]*Error: ', ''), 'unknown error'), 500)),
    10, 'escalate:' || v_conversation_id)
  on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing;
  return null;
end $function$;

-- The @returns comments that list the channels (they type the generated TypeScript).
do $$
declare
  v_fn record;
  v_comment text;
begin
  for v_fn in
    select p.oid::regprocedure as signature, p.proname, obj_description(p.oid, 'pg_proc') as comment
    from pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and obj_description(p.oid, 'pg_proc') like '%''facebook'' | ''tiktok''%'
  loop
    v_comment := replace(v_fn.comment, '''facebook'' | ''tiktok''', '''facebook'' | ''tiktok'' | ''email''');
    -- Connections as internal.masked_connection shows them, and the one a send uses.
    if v_fn.proname in ('admin_list_channel_connections', 'admin_upsert_channel_connection', 'dashboard_channels',
        'dashboard_save_channel', 'dashboard_save_channels', 'outbound_begin_send', 'webhook_connection') then
      v_comment := replace(v_comment, 'tiktok_business_id: string | null;', 'tiktok_business_id: string | null; email_address: string | null;');
    end if;
    execute format('comment on function %s is %L', v_fn.signature, v_comment);
  end loop;
end $$;
