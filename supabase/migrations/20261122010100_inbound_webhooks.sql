-- Inbound webhooks (issue 3): the connection lookup a route needs before it can verify a
-- signature, the log of rejected requests, and ingest_webhook, which writes a whole verified
-- delivery (leads, identities, conversations, messages, statuses, jobs and its webhook_events
-- row) in one transaction. Events arrive already normalised by src/channels/*.

-- What a webhook route needs to verify a request; service role only (it carries the ciphertext).
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
    'verify_token', v_conn.verify_token, 'webhook_secret_encrypted', v_conn.webhook_secret_encrypted);
end $$;

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

-- Finds or creates the lead behind an external id. The caller holds the advisory lock for the
-- key, so concurrent first messages from one person make one lead.
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
  v_lead_id uuid;
begin
  select i.lead_id into v_lead_id from public.lead_identities i
  where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.external_id = v_external_id;
  if v_lead_id is not null then
    update public.leads l set
      name = coalesce(l.name, v_name),
      phone = coalesce(l.phone, v_phone),
      last_message_at = greatest(l.last_message_at, p_at)
    where l.id = v_lead_id;
    update public.lead_identities i set phone = coalesce(i.phone, v_phone), username = coalesce(i.username, v_username)
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.external_id = v_external_id
      and ((i.phone is null and v_phone is not null) or (i.username is null and v_username is not null));
    return jsonb_build_object('lead_id', v_lead_id, 'created', false);
  end if;
  insert into public.leads (tenant_id, name, origin_channel, phone, last_message_at)
  values (p_conn.tenant_id, v_name, p_conn.channel, v_phone, p_at)
  returning id into v_lead_id;
  insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone, username)
  values (p_conn.tenant_id, v_lead_id, p_conn.channel, v_external_id, v_phone, v_username);
  -- Messenger/Instagram payloads carry no name: the profile is fetched later, never on the ack path.
  if p_conn.channel in ('facebook', 'instagram') then
    insert into public.jobs (tenant_id, job_type, payload, dedupe_key)
    values (p_conn.tenant_id, 'fetch_profile', jsonb_build_object('lead_id', v_lead_id), 'fetch_profile:' || v_lead_id)
    on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing;
  end if;
  return jsonb_build_object('lead_id', v_lead_id, 'created', true);
end $$;

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

-- An echo of our own send: by the "inbox:<uuid>" metadata our sender attaches, else the newest
-- unsent outbound message of that conversation with the same text (the echo raced the sender).
create or replace function internal.find_own_send(
  p_conn public.channel_connections,
  p_event jsonb,
  p_conversation_id uuid
) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  v_id uuid;
begin
  if p_event ->> 'own_message_id' is not null then
    select m.id into v_id from public.messages m
    where m.id = (p_event ->> 'own_message_id')::uuid and m.tenant_id = p_conn.tenant_id
      and m.channel = p_conn.channel and m.direction = 'outbound';
    return v_id;
  end if;
  if p_conversation_id is null or p_event ->> 'text' is null then
    return null;
  end if;
  select m.id into v_id from public.messages m
  where m.conversation_id = p_conversation_id and m.direction = 'outbound' and m.sender in ('ai', 'human')
    and m.platform_message_id is null and m.delivery_status in ('queued', 'sending')
    and m.text = p_event ->> 'text'
  order by m.created_at desc
  limit 1;
  return v_id;
end $$;

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
    platform_timestamp, sent_at)
  values (p_conn.tenant_id, (v_conversation ->> 'conversation_id')::uuid, (v_lead ->> 'lead_id')::uuid,
    p_conn.channel, v_direction, p_event ->> 'sender', coalesce(p_event ->> 'message_type', 'text'),
    p_event ->> 'text', nullif(p_event -> 'media', 'null'::jsonb), nullif(p_event -> 'raw', 'null'::jsonb),
    v_pid, p_event ->> 'reply_to_platform_message_id',
    case when v_direction = 'inbound' then 'received' else 'sent' end,
    (p_event ->> 'platform_timestamp')::timestamptz,
    case when v_direction = 'outbound' then v_at end)
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

create or replace function public.ingest_webhook(
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

revoke all on function public.webhook_connection(text, text) from public, anon, authenticated;
grant execute on function public.webhook_connection(text, text) to service_role;
revoke all on function public.record_webhook_event(text, text, integer, uuid, text, integer, text, numeric)
  from public, anon, authenticated;
grant execute on function public.record_webhook_event(text, text, integer, uuid, text, integer, text, numeric)
  to service_role;
revoke all on function public.ingest_webhook(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric)
  from public, anon, authenticated;
grant execute on function public.ingest_webhook(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric)
  to service_role;
revoke all on function internal.resolve_webhook_lead(public.channel_connections, jsonb, timestamptz) from public;
revoke all on function internal.resolve_webhook_conversation(public.channel_connections, uuid, jsonb, timestamptz)
  from public;
revoke all on function internal.find_own_send(public.channel_connections, jsonb, uuid) from public;
revoke all on function internal.ingest_webhook_message(public.channel_connections, jsonb) from public;
revoke all on function internal.enqueue_ai_response(uuid, uuid, uuid) from public;
