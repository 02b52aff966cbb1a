-- Squashed on 2026-12-07 (see README.md): webhook ingestion. Connections by platform id,
-- leads and identities, conversations, messages, delivery statuses (which never move
-- backwards; a status for an unknown platform id waits in pending_message_statuses).

-- Order of outbound delivery: queued < sending < sent < delivered < read < played.
-- 'failed' and 'deleted' are terminal and handled apart.
create or replace function internal.delivery_status_rank(p_status text) returns integer
language sql immutable set search_path = '' as $$
  select case p_status
    when 'received' then 0 when 'queued' then 1 when 'sending' then 2 when 'sent' then 3
    when 'delivered' then 4 when 'read' then 5 when 'played' then 6 end
$$;
revoke all on function internal.delivery_status_rank(text) from public;

-- Applies one platform status to the message with that platform id. Returns 'applied',
-- 'unchanged' (older, repeated or not applicable) or 'pending' (message unknown: kept for later).
create or replace function internal.apply_message_status(
  p_tenant_id uuid,
  p_channel text,
  p_platform_message_id text,
  p_status text,
  p_status_at timestamptz default null,
  p_error_code text default null,
  p_error_message text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
  v_at timestamptz := coalesce(p_status_at, now());
  v_rows integer;
begin
  if p_status not in ('sent', 'delivered', 'read', 'played', 'failed', 'deleted') then
    raise exception 'unknown delivery status %', p_status using errcode = 'PT400';
  end if;
  select * into v_msg from public.messages m
  where m.tenant_id = p_tenant_id and m.channel = p_channel and m.platform_message_id = p_platform_message_id
  for update;
  if not found then
    insert into public.pending_message_statuses
      (tenant_id, channel, platform_message_id, status, status_at, error_code, error_message)
    values (p_tenant_id, p_channel, p_platform_message_id, p_status, p_status_at, p_error_code, p_error_message)
    on conflict (tenant_id, channel, platform_message_id, status) do nothing;
    get diagnostics v_rows = row_count;
    return case when v_rows > 0 then 'pending' else 'unchanged' end;
  end if;

  if p_status = 'deleted' then
    -- The customer unsent it: keep the row (the thread stays readable) but drop its content.
    if v_msg.direction <> 'inbound' or v_msg.delivery_status = 'deleted' then
      return 'unchanged';
    end if;
    update public.messages set delivery_status = 'deleted', text = null, media = null, raw_payload = null
    where id = v_msg.id;
    return 'applied';
  end if;

  if v_msg.direction <> 'outbound' or v_msg.delivery_status in ('failed', 'deleted') then
    return 'unchanged';
  end if;

  if p_status = 'failed' then
    -- A failure after proof of delivery is inconsistent; the delivery wins.
    if v_msg.delivery_status not in ('queued', 'sending', 'sent') then
      return 'unchanged';
    end if;
    update public.messages set delivery_status = 'failed', failed_at = v_at,
      error_code = p_error_code, error_message = p_error_message
    where id = v_msg.id;
    return 'applied';
  end if;

  update public.messages m set
    delivery_status = case
      when internal.delivery_status_rank(p_status) > internal.delivery_status_rank(m.delivery_status)
      then p_status else m.delivery_status end,
    sent_at = case when p_status = 'sent' then coalesce(m.sent_at, v_at) else m.sent_at end,
    delivered_at = case when p_status = 'delivered' then coalesce(m.delivered_at, v_at) else m.delivered_at end,
    read_at = case when p_status in ('read', 'played') then coalesce(m.read_at, v_at) else m.read_at end
  where m.id = v_msg.id;
  return case
    when internal.delivery_status_rank(p_status) > internal.delivery_status_rank(v_msg.delivery_status)
    then 'applied' else 'unchanged' end;
end $$;
revoke all on function internal.apply_message_status(uuid, text, text, text, timestamptz, text, text) from public;

-- Call right after a message gets its platform id (insert, echo link, sender result): applies
-- the statuses that arrived before it, in delivery order, and forgets them. Returns how many.
create or replace function internal.apply_pending_statuses(
  p_tenant_id uuid,
  p_channel text,
  p_platform_message_id text
) returns integer
language plpgsql set search_path = '' as $$
declare
  v_row record;
  v_count integer := 0;
begin
  if p_platform_message_id is null then
    return 0;
  end if;
  for v_row in
    with taken as (
      delete from public.pending_message_statuses p
      where p.tenant_id = p_tenant_id and p.channel = p_channel and p.platform_message_id = p_platform_message_id
      returning p.status, p.status_at, p.error_code, p.error_message
    )
    select * from taken
    order by coalesce(internal.delivery_status_rank(taken.status), 99), taken.status_at nulls last
  loop
    if internal.apply_message_status(p_tenant_id, p_channel, p_platform_message_id, v_row.status,
      v_row.status_at, v_row.error_code, v_row.error_message) = 'applied' then
      v_count := v_count + 1;
    end if;
  end loop;
  return v_count;
end $$;
revoke all on function internal.apply_pending_statuses(uuid, text, text) from public;

-- Gives our outbound message its platform id. If a webhook echo already stored that id as a
-- separate staff message (the echo raced the sender), that row was ours: it is removed and its
-- status carried over. Returns false when another real message owns the id.
create or replace function internal.attach_platform_message_id(
  p_tenant_id uuid,
  p_channel text,
  p_message_id uuid,
  p_platform_message_id text
) returns boolean
language plpgsql set search_path = '' as $$
declare
  v_other public.messages;
begin
  select * into v_other from public.messages m
  where m.tenant_id = p_tenant_id and m.channel = p_channel and m.platform_message_id = p_platform_message_id
    and m.id <> p_message_id
  for update;
  if found then
    if not internal.is_platform_echo_row(v_other) then
      return false;
    end if;
    delete from public.messages where id = v_other.id;
  end if;
  update public.messages m set platform_message_id = p_platform_message_id
  where m.id = p_message_id and m.tenant_id = p_tenant_id and m.channel = p_channel
    and m.direction = 'outbound'
    and (m.platform_message_id is null or m.platform_message_id = p_platform_message_id);
  if not found then
    return false;
  end if;
  if v_other.id is not null and v_other.delivery_status in ('sent', 'delivered', 'read', 'played') then
    perform internal.apply_message_status(p_tenant_id, p_channel, p_platform_message_id,
      v_other.delivery_status, coalesce(v_other.read_at, v_other.delivered_at, v_other.sent_at));
  end if;
  perform internal.apply_pending_statuses(p_tenant_id, p_channel, p_platform_message_id);
  return true;
end $$;
revoke all on function internal.attach_platform_message_id(uuid, text, uuid, text) from public;

-- A row stored from a platform echo (staff typing in Meta's or TikTok's own apps): outbound,
-- sender human, no dashboard user, and it carries the platform payload.
create or replace function internal.is_platform_echo_row(p_message public.messages) returns boolean
language sql immutable set search_path = '' as $$
  select p_message.direction = 'outbound' and p_message.sender = 'human'
    and p_message.sent_by_user_id is null and p_message.raw_payload is not null
$$;
revoke all on function internal.is_platform_echo_row(public.messages) from public;

-- Messenger read/delivery watermarks and TikTok read receipts: every sent message of the
-- lead (or TikTok thread) up to the watermark moves forward. Returns how many moved.
create or replace function internal.apply_status_watermark(p_tenant_id uuid, p_channel text, p_event jsonb)
returns integer
language plpgsql set search_path = '' as $$
declare
  v_status text := p_event ->> 'status';
  v_watermark timestamptz := (p_event ->> 'watermark')::timestamptz;
  v_count integer;
begin
  if v_status not in ('delivered', 'read') or v_watermark is null then
    raise exception 'malformed watermark event' using errcode = 'PT400';
  end if;
  update public.messages m set
    delivery_status = v_status,
    delivered_at = case when v_status = 'delivered' then coalesce(m.delivered_at, v_watermark) else m.delivered_at end,
    read_at = case when v_status = 'read' then coalesce(m.read_at, v_watermark) else m.read_at end
  where m.tenant_id = p_tenant_id and m.channel = p_channel and m.direction = 'outbound'
    and m.delivery_status in ('sent', 'delivered')
    and internal.delivery_status_rank(v_status) > internal.delivery_status_rank(m.delivery_status)
    and coalesce(m.sent_at, m.created_at) <= v_watermark
    and m.conversation_id in (
      select c.id from public.conversations c
      where c.tenant_id = p_tenant_id and c.channel = p_channel
        and (
          (p_event ? 'external_thread_id' and c.external_thread_id = p_event ->> 'external_thread_id')
          or (p_event ? 'contact_external_id' and c.lead_id in (
            select i.lead_id from public.lead_identities i
            where i.tenant_id = p_tenant_id and i.channel = p_channel
              and i.external_id = p_event ->> 'contact_external_id'))
        ));
  get diagnostics v_count = row_count;
  return v_count;
end $$;
revoke all on function internal.apply_status_watermark(uuid, text, jsonb) from public;

-- One row for a request that stored nothing else: rejected, or a GET verification.
create or replace function public.record_webhook_event(
  p_channel text,
  p_outcome text,
  p_http_status integer,
  p_tenant_id uuid default null,
  p_tenant_slug text default null,
  p_body_bytes integer default null,
  p_detail text default null,
  p_duration_ms numeric default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  if p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok') then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  if p_outcome in ('accepted', 'duplicate') then
    raise exception 'stored deliveries are recorded by ingest_webhook' using errcode = 'PT400';
  end if;
  insert into public.webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, body_bytes, detail, duration_ms)
  values (p_tenant_id, left(p_tenant_slug, 100), p_channel, p_outcome, p_http_status, p_body_bytes,
    left(p_detail, 500), least(p_duration_ms, 9999999))
  returning id into v_id;
  return v_id;
end $$;
revoke all on function public.record_webhook_event(text, text, integer, uuid, text, integer, text, numeric)
  from public, anon, authenticated;
grant execute on function public.record_webhook_event(text, text, integer, uuid, text, integer, text, numeric)
  to service_role;

-- The lead's open conversation on this channel, or a new one: a resolved or closed
-- conversation is never reopened (its history and outcome stay as they were).
create or replace function internal.resolve_webhook_conversation(
  p_conn public.channel_connections,
  p_lead_id uuid,
  p_event jsonb,
  p_at timestamptz
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_inbound boolean := p_event ->> 'direction' = 'inbound';
  v_thread text := nullif(p_event ->> 'external_thread_id', '');
  v_id uuid;
begin
  select c.id into v_id from public.conversations c
  where c.tenant_id = p_conn.tenant_id and c.lead_id = p_lead_id and c.channel = p_conn.channel
    and c.status in ('active', 'pending')
  for update;
  if v_id is not null then
    update public.conversations c set
      last_message_at = greatest(c.last_message_at, p_at),
      last_inbound_at = case when v_inbound then greatest(c.last_inbound_at, p_at) else c.last_inbound_at end,
      external_thread_id = coalesce(v_thread, c.external_thread_id)
    where c.id = v_id;
    return jsonb_build_object('conversation_id', v_id, 'created', false);
  end if;
  insert into public.conversations (tenant_id, lead_id, channel, external_thread_id, last_inbound_at, last_message_at)
  values (p_conn.tenant_id, p_lead_id, p_conn.channel, v_thread, case when v_inbound then p_at end, p_at)
  returning id into v_id;
  return jsonb_build_object('conversation_id', v_id, 'created', true);
end $$;
revoke all on function internal.resolve_webhook_conversation(public.channel_connections, uuid, jsonb, timestamptz)
  from public;

-- One pending ai_response per conversation. An existing pending twin takes the newest message
-- id and stays row-locked until this transaction commits, so no processor can claim it before
-- the new message is visible to it.
create or replace function internal.enqueue_ai_response(p_tenant_id uuid, p_conversation_id uuid, p_message_id uuid)
returns void
language sql set search_path = '' as $$
  insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key)
  values (p_tenant_id, 'ai_response',
    jsonb_build_object('conversation_id', p_conversation_id, 'message_id', p_message_id), 10,
    'ai_response:' || p_conversation_id)
  on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
  do update set payload = excluded.payload
$$;
revoke all on function internal.enqueue_ai_response(uuid, uuid, uuid) from public;

create or replace function internal.secret_fingerprint(p_ciphertext text) returns text
language sql immutable set search_path = '' as $$
  select coalesce(encode(sha256(convert_to(p_ciphertext, 'UTF8')), 'hex'), '')
$$;
revoke all on function internal.secret_fingerprint(text) from public;

create or replace function public.webhook_connection(p_tenant_slug text, p_channel text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
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
    'mode', v_conn.mode, 'status', v_conn.status, 'ai_enabled', v_conn.ai_enabled,
    'phone_number_id', v_conn.phone_number_id, 'business_account_id', v_conn.business_account_id,
    'display_phone_number', v_conn.display_phone_number, 'page_id', v_conn.page_id,
    'instagram_account_id', v_conn.instagram_account_id, 'tiktok_business_id', v_conn.tiktok_business_id,
    'verify_token', v_conn.verify_token, 'webhook_secret_encrypted', v_conn.webhook_secret_encrypted,
    'secret_fingerprint', internal.secret_fingerprint(v_conn.webhook_secret_encrypted));
end $$;
revoke all on function public.webhook_connection(text, text) from public, anon, authenticated;
grant execute on function public.webhook_connection(text, text) to service_role;

create or replace function public.ingest_webhook(
  p_tenant_id uuid,
  p_channel text,
  p_account_ids jsonb,
  p_events jsonb,
  p_secret_fingerprint text,
  p_tenant_slug text default null,
  p_body_bytes integer default null,
  p_ignored integer default 0,
  p_detail text default null,
  p_duration_ms numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_ciphertext text;
begin
  select c.webhook_secret_encrypted into v_ciphertext from public.channel_connections c
  where c.tenant_id = p_tenant_id and c.channel = p_channel;
  if found and internal.secret_fingerprint(v_ciphertext) is distinct from coalesce(p_secret_fingerprint, '') then
    raise exception 'the % webhook secret changed while this delivery was verified', p_channel using errcode = 'PT409';
  end if;
  return internal.ingest_webhook_unchecked(p_tenant_id, p_channel, p_account_ids, p_events, p_tenant_slug,
    p_body_bytes, p_ignored, p_detail, p_duration_ms);
end $$;
revoke all on function public.ingest_webhook(uuid, text, jsonb, jsonb, text, text, integer, integer, text, numeric)
  from public, anon, authenticated;
grant execute on function public.ingest_webhook(uuid, text, jsonb, jsonb, text, text, integer, integer, text, numeric)
  to service_role;

-- One message event. Returns {result: stored|duplicate|linked, ...}.
create or replace function internal.ingest_webhook_message(p_conn public.channel_connections, p_event jsonb)
returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_pid text := p_event ->> 'platform_message_id';
  v_direction text := p_event ->> 'direction';
  v_at timestamptz := coalesce((p_event ->> 'platform_timestamp')::timestamptz, now());
  v_lead jsonb;
  v_conversation jsonb;
  v_open_conversation uuid;
  v_own uuid;
  v_message_id uuid;
begin
  if v_pid is null or p_event #>> '{contact,external_id}' is null or v_direction not in ('inbound', 'outbound') then
    raise exception 'malformed message event' using errcode = 'PT400';
  end if;
  if exists (select 1 from public.messages m
    where m.tenant_id = p_conn.tenant_id and m.channel = p_conn.channel and m.platform_message_id = v_pid) then
    return jsonb_build_object('result', 'duplicate');
  end if;

  if v_direction = 'outbound' then
    select c.id into v_open_conversation from public.conversations c
    join public.lead_identities i on i.lead_id = c.lead_id
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel
      and i.external_id = p_event #>> '{contact,external_id}'
      and c.channel = p_conn.channel and c.status in ('active', 'pending');
    v_own := internal.find_own_send(p_conn, p_event, v_open_conversation);
    if v_own is not null then
      if internal.attach_platform_message_id(p_conn.tenant_id, p_conn.channel, v_own, v_pid) then
        perform internal.apply_message_status(p_conn.tenant_id, p_conn.channel, v_pid, 'sent', v_at);
        return jsonb_build_object('result', 'linked', 'message_id', v_own);
      end if;
      return jsonb_build_object('result', 'duplicate');
    end if;
  end if;

  v_lead := internal.resolve_webhook_lead(p_conn, p_event -> 'contact', v_at);
  v_conversation := internal.resolve_webhook_conversation(p_conn, (v_lead ->> 'lead_id')::uuid, p_event, v_at);
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, media, raw_payload, platform_message_id, reply_to_platform_message_id, delivery_status,
    platform_timestamp, sent_at, created_at, updated_at)
  values (p_conn.tenant_id, (v_conversation ->> 'conversation_id')::uuid, (v_lead ->> 'lead_id')::uuid,
    p_conn.channel, v_direction, p_event ->> 'sender', coalesce(p_event ->> 'message_type', 'text'),
    p_event ->> 'text', nullif(p_event -> 'media', 'null'::jsonb), nullif(p_event -> 'raw', 'null'::jsonb),
    v_pid, p_event ->> 'reply_to_platform_message_id',
    case when v_direction = 'inbound' then 'received' else 'sent' end,
    (p_event ->> 'platform_timestamp')::timestamptz,
    case when v_direction = 'outbound' then v_at end, clock_timestamp(), clock_timestamp())
  on conflict (tenant_id, channel, platform_message_id) where platform_message_id is not null do nothing
  returning id into v_message_id;
  if v_message_id is null then
    return jsonb_build_object('result', 'duplicate');
  end if;
  perform internal.apply_pending_statuses(p_conn.tenant_id, p_conn.channel, v_pid);
  return jsonb_build_object(
    'result', 'stored',
    'message_id', v_message_id,
    'conversation_id', v_conversation ->> 'conversation_id',
    'lead_created', (v_lead ->> 'created')::boolean,
    'conversation_created', (v_conversation ->> 'created')::boolean,
    'answerable', v_direction = 'inbound' and p_event ->> 'sender' = 'lead'
      and coalesce((p_event ->> 'answerable')::boolean, true));
end $$;
revoke all on function internal.ingest_webhook_message(public.channel_connections, jsonb) from public;

create or replace function internal.link_own_send_status(p_tenant_id uuid, p_channel text, p_event jsonb)
returns void
language plpgsql set search_path = '' as $$
declare
  v_own text := p_event ->> 'own_message_id';
  v_platform_id text := p_event ->> 'platform_message_id';
  v_msg public.messages;
begin
  if v_own is null or v_own !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    or p_event ->> 'status' not in ('sent', 'delivered', 'read', 'played') then
    return;
  end if;
  select * into v_msg from public.messages m
  where m.id = v_own::uuid and m.tenant_id = p_tenant_id and m.channel = p_channel
    and m.direction = 'outbound' and m.platform_message_id is null
    and m.delivery_status in ('sending', 'failed')
  for update;
  if not found then
    return;
  end if;
  -- The platform took it: whatever failure was recorded (cut off, timeout) was not the end of it.
  update public.messages set delivery_status = 'sending', error_code = null, error_message = null,
    failed_at = null
  where id = v_msg.id;
  perform internal.mark_outbound_sent(v_msg.id, v_platform_id);
end $$;
revoke all on function internal.link_own_send_status(uuid, text, jsonb) from public;

-- The unchecked writer behind public.ingest_webhook (which checks the secret first); statuses
-- first give our own sends their id.
create or replace function internal.ingest_webhook_unchecked(
  p_tenant_id uuid,
  p_channel text,
  p_account_ids jsonb,
  p_events jsonb,
  p_tenant_slug text default null,
  p_body_bytes integer default null,
  p_ignored integer default 0,
  p_detail text default null,
  p_duration_ms numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conn public.channel_connections;
  v_expected text;
  v_key text;
  v_event jsonb;
  v_result jsonb;
  v_status text;
  v_answer jsonb := '{}'::jsonb;
  v_conversation_id text;
  v_message_id text;
  v_total integer;
  v_stored integer := 0;
  v_duplicates integer := 0;
  v_linked integer := 0;
  v_applied integer := 0;
  v_pending integer := 0;
  v_unchanged integer := 0;
  v_leads integer := 0;
  v_conversations integer := 0;
  v_jobs integer := 0;
  v_outcome text;
begin
  select * into v_conn from public.channel_connections c where c.tenant_id = p_tenant_id and c.channel = p_channel;
  if not found then
    raise exception 'no % connection for this tenant', p_channel using errcode = 'PT404';
  end if;
  if jsonb_typeof(p_events) is distinct from 'array' or jsonb_typeof(p_account_ids) is distinct from 'array' then
    raise exception 'events and account ids must be JSON arrays' using errcode = 'PT400';
  end if;
  v_expected := case p_channel
    when 'whatsapp' then v_conn.phone_number_id when 'facebook' then v_conn.page_id
    when 'instagram' then v_conn.instagram_account_id when 'tiktok' then v_conn.tiktok_business_id end;
  if exists (select 1 from jsonb_array_elements(p_account_ids) a where a #>> '{}' is distinct from v_expected) then
    raise exception 'the delivery names an account that is not this tenant''s % connection', p_channel
      using errcode = 'PT403';
  end if;

  if exists (select 1 from jsonb_array_elements(p_events) e where e ->> 'kind' not in ('message', 'status', 'watermark')
    or e ->> 'kind' is null) then
    raise exception 'unknown event kind' using errcode = 'PT400';
  end if;

  -- Every person of the batch, locked in one fixed order: concurrent deliveries for the same
  -- person serialise (one lead, one conversation) and cannot deadlock each other.
  for v_key in
    select distinct e #>> '{contact,external_id}' from jsonb_array_elements(p_events) e
    where e ->> 'kind' = 'message' and e #>> '{contact,external_id}' is not null
    order by 1
  loop
    perform pg_advisory_xact_lock(hashtextextended(p_tenant_id::text || '/' || p_channel || '/' || v_key, 0));
  end loop;

  for v_event in
    select e from jsonb_array_elements(p_events) with ordinality as x(e, n)
    where e ->> 'kind' = 'message'
    order by (e ->> 'platform_timestamp')::timestamptz nulls last, n
  loop
    v_result := internal.ingest_webhook_message(v_conn, v_event);
    case v_result ->> 'result'
      when 'stored' then
        v_stored := v_stored + 1;
        if (v_result ->> 'lead_created')::boolean then v_leads := v_leads + 1; end if;
        if (v_result ->> 'conversation_created')::boolean then v_conversations := v_conversations + 1; end if;
        if (v_result ->> 'answerable')::boolean then
          v_answer := v_answer || jsonb_build_object(v_result ->> 'conversation_id', v_result ->> 'message_id');
        end if;
      when 'linked' then v_linked := v_linked + 1;
      else v_duplicates := v_duplicates + 1;
    end case;
  end loop;

  for v_event in
    select e from jsonb_array_elements(p_events) e where e ->> 'kind' = 'status'
    order by e ->> 'platform_message_id', coalesce(internal.delivery_status_rank(e ->> 'status'), 99)
  loop
    if v_event ->> 'platform_message_id' is null then
      raise exception 'malformed status event' using errcode = 'PT400';
    end if;
    perform internal.link_own_send_status(p_tenant_id, p_channel, v_event);
    v_status := internal.apply_message_status(p_tenant_id, p_channel, v_event ->> 'platform_message_id',
      v_event ->> 'status', (v_event ->> 'status_at')::timestamptz, v_event ->> 'error_code',
      v_event ->> 'error_message');
    case v_status
      when 'applied' then v_applied := v_applied + 1;
      when 'pending' then v_pending := v_pending + 1;
      else v_unchanged := v_unchanged + 1;
    end case;
  end loop;

  for v_event in select e from jsonb_array_elements(p_events) e where e ->> 'kind' = 'watermark' loop
    if internal.apply_status_watermark(p_tenant_id, p_channel, v_event) > 0 then
      v_applied := v_applied + 1;
    else
      v_unchanged := v_unchanged + 1;
    end if;
  end loop;

  for v_conversation_id, v_message_id in select key, value #>> '{}' from jsonb_each(v_answer) order by key loop
    if v_conn.ai_enabled and exists (select 1 from public.conversations c
      where c.id = v_conversation_id::uuid and c.handled_by = 'ai' and c.status = 'active') then
      perform internal.enqueue_ai_response(p_tenant_id, v_conversation_id::uuid, v_message_id::uuid);
      v_jobs := v_jobs + 1;
    end if;
  end loop;

  v_total := jsonb_array_length(p_events);
  v_outcome := case when v_total > 0 and v_stored + v_linked + v_applied + v_pending = 0 then 'duplicate' else 'accepted' end;
  insert into public.webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, body_bytes,
    event_count, stored_count, duration_ms, detail)
  values (p_tenant_id, left(p_tenant_slug, 100), p_channel, v_outcome, 200, p_body_bytes,
    v_total + coalesce(p_ignored, 0), v_stored, least(p_duration_ms, 9999999), left(p_detail, 500));
  -- Throttled so a busy tenant's deliveries do not all queue on this one row.
  update public.channel_connections c set last_webhook_at = now()
  where c.id = v_conn.id and (c.last_webhook_at is null or c.last_webhook_at < now() - interval '30 seconds');

  return jsonb_build_object(
    'outcome', v_outcome, 'events', v_total, 'stored', v_stored, 'duplicates', v_duplicates,
    'echoes_linked', v_linked, 'statuses_applied', v_applied, 'statuses_pending', v_pending,
    'statuses_unchanged', v_unchanged, 'leads_created', v_leads, 'conversations_created', v_conversations,
    'ai_jobs', v_jobs);
end $$;
revoke all on function internal.ingest_webhook_unchecked(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric)
  from public, anon, authenticated, service_role;

create or replace function internal.find_own_send(
  p_conn public.channel_connections,
  p_event jsonb,
  p_conversation_id uuid
) returns uuid
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
begin
  if p_event ->> 'own_message_id' is not null then
    select * into v_msg from public.messages m
    where m.id = (p_event ->> 'own_message_id')::uuid and m.tenant_id = p_conn.tenant_id
      and m.channel = p_conn.channel and m.direction = 'outbound'
    for update;
  elsif p_conversation_id is not null and p_event ->> 'text' is not null then
    select * into v_msg from public.messages m
    where m.conversation_id = p_conversation_id and m.direction = 'outbound'
      and m.sender in ('ai', 'human', 'system') and m.platform_message_id is null
      and (m.delivery_status in ('queued', 'sending')
        or (m.delivery_status = 'failed' and m.error_code = 'send_unconfirmed'))
      and m.text = p_event ->> 'text'
    order by m.created_at desc
    limit 1
    for update;
  end if;
  if v_msg.id is null then
    return null;
  end if;
  if v_msg.delivery_status = 'failed' and v_msg.error_code = 'send_unconfirmed'
    and v_msg.platform_message_id is null and p_event ->> 'platform_message_id' is not null then
    -- The platform took it: the cut-off send was not the end of it.
    update public.messages set delivery_status = 'sending', error_code = null, error_message = null,
      failed_at = null
    where id = v_msg.id;
    perform internal.mark_outbound_sent(v_msg.id, p_event ->> 'platform_message_id');
  end if;
  return v_msg.id;
end $$;
revoke all on function internal.find_own_send(public.channel_connections, jsonb, uuid) from public;

create or replace function internal.resolve_webhook_lead(
  p_conn public.channel_connections,
  p_contact jsonb,
  p_at timestamptz
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_external_id text := p_contact ->> 'external_id';
  v_name text := nullif(btrim(p_contact ->> 'name'), '');
  v_phone text := nullif(p_contact ->> 'phone', '');
  v_username text := nullif(p_contact ->> 'username', '');
  v_ids text[];
  v_known text[];
  v_lead_id uuid;
  v_created boolean := false;
  v_alias_at timestamptz;
begin
  if jsonb_typeof(p_contact -> 'alias_ids') = 'array' and jsonb_array_length(p_contact -> 'alias_ids') > 0 then
    select array_agg(distinct id) into v_ids
    from (
      select v_external_id as id
      union all
      select a #>> '{}' from jsonb_array_elements(p_contact -> 'alias_ids') a
      where jsonb_typeof(a) = 'string' and a #>> '{}' <> ''
    ) ids;
    -- The caller holds the lock of the keyed id; the aliases' locks serialise this with a delivery
    -- keyed by one of them. No cycle: only phone-keyed events carry aliases (BSUIDs), and a
    -- BSUID-keyed event carries none.
    perform pg_advisory_xact_lock(hashtextextended(p_conn.tenant_id::text || '/' || p_conn.channel || '/' || id, 0))
    from unnest(v_ids) id where id <> v_external_id order by id;
  else
    v_ids := array[v_external_id];
  end if;

  -- The id the event is keyed by first, then any alias; and which ids some lead already owns.
  if cardinality(v_ids) = 1 then
    select i.lead_id into v_lead_id from public.lead_identities i
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.external_id = v_external_id;
    v_known := case when v_lead_id is not null then v_ids end;
  else
    select (array_agg(i.lead_id order by (i.external_id = v_external_id) desc, i.created_at))[1],
      array_agg(i.external_id)
    into v_lead_id, v_known
    from public.lead_identities i
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.external_id = any (v_ids);
  end if;

  if v_lead_id is not null then
    update public.leads l set
      name = coalesce(l.name, v_name),
      phone = coalesce(l.phone, v_phone),
      last_message_at = greatest(l.last_message_at, p_at)
    where l.id = v_lead_id;
    if v_phone is not null or v_username is not null then
      update public.lead_identities i set phone = coalesce(i.phone, v_phone), username = coalesce(i.username, v_username)
      where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.lead_id = v_lead_id
        and i.external_id = any (v_ids)
        and ((i.phone is null and v_phone is not null) or (i.username is null and v_username is not null));
    end if;
  else
    insert into public.leads (tenant_id, name, origin_channel, phone, last_message_at)
    values (p_conn.tenant_id, v_name, p_conn.channel, v_phone, p_at)
    returning id into v_lead_id;
    v_created := true;
    -- Messenger/Instagram payloads carry no name: the profile is fetched later, never on the ack path.
    if p_conn.channel in ('facebook', 'instagram') then
      insert into public.jobs (tenant_id, job_type, payload, dedupe_key)
      values (p_conn.tenant_id, 'fetch_profile', jsonb_build_object('lead_id', v_lead_id), 'fetch_profile:' || v_lead_id)
      on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing;
    end if;
  end if;

  -- Fast paths: every id is already known, or a new person with one id.
  if v_known is not null and v_ids <@ v_known then
    return jsonb_build_object('lead_id', v_lead_id, 'created', v_created);
  end if;
  if v_created and cardinality(v_ids) = 1 then
    insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone, username)
    values (p_conn.tenant_id, v_lead_id, p_conn.channel, v_external_id, v_phone, v_username);
    return jsonb_build_object('lead_id', v_lead_id, 'created', true);
  end if;
  -- Every id seen becomes this lead's, unless another lead already owns it. Replies go to the
  -- lead's newest identity (outbound_begin_send), so an alias is dated before the lead's other
  -- identities: learning a BSUID never moves replies off the phone they went to.
  select least(min(i.created_at), clock_timestamp()) - interval '1 microsecond' into v_alias_at
  from public.lead_identities i where i.lead_id = v_lead_id;
  insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone, username, created_at)
  select p_conn.tenant_id, v_lead_id, p_conn.channel, id, v_phone, v_username,
    case when id = v_external_id then clock_timestamp() else coalesce(v_alias_at, clock_timestamp() - interval '1 microsecond') end
  from unnest(v_ids) id
  where v_known is null or id <> all (v_known)
  on conflict do nothing;

  return jsonb_build_object('lead_id', v_lead_id, 'created', v_created);
end $$;
revoke all on function internal.resolve_webhook_lead(public.channel_connections, jsonb, timestamptz) from public;
