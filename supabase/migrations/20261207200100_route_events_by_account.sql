-- Issue 14: every event names the account it was addressed to, and ingest routes it.
--
-- Before: a delivery naming any account but the tenant's own was refused whole (403), losing
-- the tenant's own messages in it (Meta batches entries of several pages of one app). Now:
-- - public.ingest_webhook (per-tenant route) stores the events for this tenant's account and
--   counts the others as skipped;
-- - public.ingest_platform_webhook (app-level routes /api/webhook/meta and /tiktok) stores each
--   event under the tenant whose live platform-app connection owns its account, all in one call;
--   events for accounts nobody owns are counted and skipped.
-- A disconnected connection receives nothing: the per-tenant route refuses, the app-level route
-- skips.

alter table public.webhook_events drop constraint webhook_events_outcome_check;
alter table public.webhook_events add constraint webhook_events_outcome_check check (outcome in (
  'accepted', 'duplicate', 'unchanged', 'unrouted', 'disconnected', 'bad_signature', 'bad_request',
  'unknown_tenant', 'no_connection', 'forbidden_account', 'payload_too_large', 'secret_missing',
  'verification_ok', 'verification_failed', 'error'));
alter table public.webhook_events add column skipped_count integer not null default 0;

-- The id a channel's webhooks name the connection by.
create or replace function internal.connection_account_id(p_conn public.channel_connections) returns text
language sql immutable set search_path = '' as $$
  select case p_conn.channel
    when 'whatsapp' then p_conn.phone_number_id when 'facebook' then p_conn.page_id
    when 'instagram' then p_conn.instagram_account_id when 'tiktok' then p_conn.tiktok_business_id end
$$;
revoke all on function internal.connection_account_id(public.channel_connections) from public;

-- Whether an event (with account_id and, optionally, account_id_kind) is addressed to this connection.
create or replace function internal.event_is_for_connection(p_conn public.channel_connections, p_event jsonb)
returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(case p_event ->> 'account_id_kind'
    when 'business_account' then p_conn.business_account_id = p_event ->> 'account_id'
    else internal.connection_account_id(p_conn) = p_event ->> 'account_id' end, false)
$$;
revoke all on function internal.event_is_for_connection(public.channel_connections, jsonb) from public;

-- Event kinds beyond message, status and watermark (edits, account notices…) are stored here.
-- Returns 'applied' or 'unchanged'.
create or replace function internal.ingest_webhook_other_event(p_conn public.channel_connections, p_event jsonb)
returns text
language plpgsql set search_path = '' as $$
begin
  raise exception 'unknown event kind' using errcode = 'PT400';
end $$;
revoke all on function internal.ingest_webhook_other_event(public.channel_connections, jsonb) from public;

-- Every person of the events, locked in one global order (tenant, channel, person): deliveries
-- for the same person serialise (one lead, one conversation) and, across tenants too, cannot
-- deadlock each other. Advisory locks are re-entrant: a caller may lock before a callee locks again.
create or replace function internal.lock_webhook_people(p_keys text[]) returns void
language plpgsql set search_path = '' as $$
declare
  v_key text;
begin
  for v_key in select distinct k from unnest(p_keys) k where k is not null order by 1 loop
    perform pg_advisory_xact_lock(hashtextextended(v_key, 0));
  end loop;
end $$;
revoke all on function internal.lock_webhook_people(text[]) from public;

create or replace function internal.webhook_person_keys(p_tenant_id uuid, p_channel text, p_events jsonb)
returns text[]
language sql immutable set search_path = '' as $$
  select coalesce(array_agg(p_tenant_id::text || '/' || p_channel || '/' || (e #>> '{contact,external_id}')), '{}')
  from jsonb_array_elements(p_events) e
  where e ->> 'kind' = 'message' and e #>> '{contact,external_id}' is not null
$$;
revoke all on function internal.webhook_person_keys(uuid, text, jsonb) from public;

drop function public.ingest_webhook(uuid, text, jsonb, jsonb, text, text, integer, integer, text, numeric);
drop function internal.ingest_webhook_unchecked(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric);

-- The writer behind both routes: p_events are this connection's (the callers checked the
-- secret and the routing). Statuses first give our own sends their id. Writes the part's
-- webhook_events row.
create or replace function internal.ingest_webhook_unchecked(
  p_conn public.channel_connections,
  p_events jsonb,
  p_skipped integer default 0,
  p_tenant_slug text default null,
  p_body_bytes integer default null,
  p_ignored integer default 0,
  p_detail text default null,
  p_duration_ms numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conn public.channel_connections := p_conn;
  v_tenant_id uuid := p_conn.tenant_id;
  v_channel text := p_conn.channel;
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
  v_replayed integer := 0;
  v_leads integer := 0;
  v_conversations integer := 0;
  v_jobs integer := 0;
  v_inbound boolean := false;
  v_outcome text;
begin
  if jsonb_typeof(p_events) is distinct from 'array' then
    raise exception 'events must be a JSON array' using errcode = 'PT400';
  end if;
  if exists (select 1 from jsonb_array_elements(p_events) e where e ->> 'kind' is null) then
    raise exception 'unknown event kind' using errcode = 'PT400';
  end if;

  perform internal.lock_webhook_people(internal.webhook_person_keys(v_tenant_id, v_channel, p_events));

  for v_event in
    select e from jsonb_array_elements(p_events) with ordinality as x(e, n)
    where e ->> 'kind' = 'message'
    order by (e ->> 'platform_timestamp')::timestamptz nulls last, n
  loop
    v_result := internal.ingest_webhook_message(v_conn, v_event);
    case v_result ->> 'result'
      when 'stored' then
        v_stored := v_stored + 1;
        if v_event ->> 'direction' = 'inbound' then v_inbound := true; end if;
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
    perform internal.link_own_send_status(v_tenant_id, v_channel, v_event);
    v_status := internal.apply_message_status(v_tenant_id, v_channel, v_event ->> 'platform_message_id',
      v_event ->> 'status', (v_event ->> 'status_at')::timestamptz, v_event ->> 'error_code',
      v_event ->> 'error_message');
    case v_status
      when 'applied' then v_applied := v_applied + 1;
      when 'pending' then v_pending := v_pending + 1;
      when 'duplicate' then v_unchanged := v_unchanged + 1; v_replayed := v_replayed + 1;
      else v_unchanged := v_unchanged + 1;
    end case;
  end loop;

  for v_event in select e from jsonb_array_elements(p_events) e where e ->> 'kind' = 'watermark' loop
    if internal.apply_status_watermark(v_tenant_id, v_channel, v_event) > 0 then
      v_applied := v_applied + 1;
    else
      v_unchanged := v_unchanged + 1;
    end if;
  end loop;

  for v_event in
    select e from jsonb_array_elements(p_events) with ordinality as x(e, n)
    where e ->> 'kind' not in ('message', 'status', 'watermark')
    order by n
  loop
    if internal.ingest_webhook_other_event(v_conn, v_event) = 'applied' then
      v_applied := v_applied + 1;
    else
      v_unchanged := v_unchanged + 1;
    end if;
  end loop;

  for v_conversation_id, v_message_id in select key, value #>> '{}' from jsonb_each(v_answer) order by key loop
    if v_conn.ai_enabled and exists (select 1 from public.conversations c
      where c.id = v_conversation_id::uuid and c.handled_by = 'ai' and c.status = 'active') then
      perform internal.enqueue_ai_response(v_tenant_id, v_conversation_id::uuid, v_message_id::uuid);
      v_jobs := v_jobs + 1;
    end if;
  end loop;

  v_total := jsonb_array_length(p_events);
  -- 'duplicate' only when every event was seen before; a first receipt that changes nothing
  -- (an older status, a watermark already passed) is 'unchanged'.
  v_outcome := case
    when v_total = 0 or v_stored + v_linked + v_applied + v_pending > 0 then 'accepted'
    when v_unchanged = v_replayed then 'duplicate'
    else 'unchanged' end;
  insert into public.webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, body_bytes,
    event_count, stored_count, skipped_count, duration_ms, detail)
  values (v_tenant_id, left(p_tenant_slug, 100), v_channel, v_outcome, 200, p_body_bytes,
    v_total + coalesce(p_ignored, 0), v_stored, coalesce(p_skipped, 0), least(p_duration_ms, 9999999),
    left(p_detail, 500));
  -- Throttled so a busy tenant's deliveries do not all queue on this one row.
  update public.channel_connections c set
    last_webhook_at = now(),
    last_inbound_at = case when v_inbound then now() else c.last_inbound_at end
  where c.id = v_conn.id and (c.last_webhook_at is null or c.last_webhook_at < now() - interval '30 seconds'
    or (v_inbound and (c.last_inbound_at is null or c.last_inbound_at < now() - interval '30 seconds')));

  return jsonb_build_object(
    'outcome', v_outcome, 'events', v_total, 'stored', v_stored, 'duplicates', v_duplicates,
    'echoes_linked', v_linked, 'statuses_applied', v_applied, 'statuses_pending', v_pending,
    'statuses_unchanged', v_unchanged, 'leads_created', v_leads, 'conversations_created', v_conversations,
    'ai_jobs', v_jobs, 'skipped', coalesce(p_skipped, 0));
end $$;
revoke all on function internal.ingest_webhook_unchecked(public.channel_connections, jsonb, integer, text,
  integer, integer, text, numeric) from public, anon, authenticated, service_role;

-- Per-tenant route: the connection's own events; the secret the signature was verified with
-- must still be the connection's (its fingerprint), and a disconnected connection refuses.
create or replace function public.ingest_webhook(
  p_tenant_id uuid,
  p_channel text,
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
  v_conn public.channel_connections;
  v_own jsonb;
begin
  select * into v_conn from public.channel_connections c where c.tenant_id = p_tenant_id and c.channel = p_channel;
  if not found then
    raise exception 'no % connection for this tenant', p_channel using errcode = 'PT404';
  end if;
  if internal.secret_fingerprint(v_conn.webhook_secret_encrypted) is distinct from coalesce(p_secret_fingerprint, '') then
    raise exception 'the % webhook secret changed while this delivery was verified', p_channel using errcode = 'PT409';
  end if;
  if v_conn.status = 'disconnected' then
    raise exception 'the % connection is disconnected', p_channel
      using errcode = 'PT403', hint = 'connection_disconnected';
  end if;
  if jsonb_typeof(p_events) is distinct from 'array' then
    raise exception 'events must be a JSON array' using errcode = 'PT400';
  end if;
  select coalesce(jsonb_agg(e order by n), '[]'::jsonb) into v_own
  from jsonb_array_elements(p_events) with ordinality as x(e, n)
  where internal.event_is_for_connection(v_conn, e);
  return internal.ingest_webhook_unchecked(v_conn, v_own,
    jsonb_array_length(p_events) - jsonb_array_length(v_own), p_tenant_slug, p_body_bytes, p_ignored, p_detail,
    p_duration_ms);
end $$;
revoke all on function public.ingest_webhook(uuid, text, jsonb, text, text, integer, integer, text, numeric)
  from public, anon, authenticated;
grant execute on function public.ingest_webhook(uuid, text, jsonb, text, text, integer, integer, text, numeric)
  to service_role;
comment on function public.ingest_webhook(uuid, text, jsonb, text, text, integer, integer, text, numeric) is
  '@returns { outcome: ''accepted'' | ''duplicate'' | ''unchanged''; events: number; stored: number; duplicates: number; echoes_linked: number; statuses_applied: number; statuses_pending: number; statuses_unchanged: number; leads_created: number; conversations_created: number; ai_jobs: number; skipped: number }';

-- App-level route (the platform's own app, verified with its secret by the caller): each event
-- goes to the tenant whose live, platform-app connection of this channel owns its account.
-- Own-app and disconnected connections are not reachable this way. One webhook_events row per
-- tenant part, plus one for the events nobody owns.
create or replace function public.ingest_platform_webhook(
  p_channel text,
  p_events jsonb,
  p_body_bytes integer default null,
  p_ignored integer default 0,
  p_detail text default null,
  p_duration_ms numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_routing jsonb;
  v_part jsonb;
  v_conn public.channel_connections;
  v_keys text[];
  v_result jsonb;
  v_parts jsonb := '[]'::jsonb;
  v_unrouted integer;
begin
  if jsonb_typeof(p_events) is distinct from 'array' then
    raise exception 'events must be a JSON array' using errcode = 'PT400';
  end if;
  -- Each reachable connection with its events (in delivery order), and how many events none owns.
  with numbered as (
    select e, n from jsonb_array_elements(p_events) with ordinality as x(e, n)
  ), matched as (
    select c.id as conn_id, c.tenant_id, x.e, x.n from numbered x
    join public.channel_connections c on c.channel = p_channel and c.mode = 'live' and c.app_kind = 'platform'
      and c.status <> 'disconnected' and internal.event_is_for_connection(c, x.e)
  ), parts as (
    select m.conn_id, m.tenant_id, jsonb_agg(m.e order by m.n) as events from matched m
    group by m.conn_id, m.tenant_id
  )
  select jsonb_build_object(
    'parts', coalesce((select jsonb_agg(jsonb_build_object('conn_id', p.conn_id, 'tenant_id', p.tenant_id,
      'events', p.events) order by p.tenant_id, p.conn_id) from parts p), '[]'::jsonb),
    'unrouted', (select count(*) from numbered x where not exists (select 1 from matched m where m.n = x.n)))
  into v_routing;
  v_unrouted := (v_routing ->> 'unrouted')::integer;

  -- Every part's people first, in the one global order; then each part (tenant order).
  select coalesce(array_agg(k), '{}') into v_keys
  from jsonb_array_elements(v_routing -> 'parts') p,
    unnest(internal.webhook_person_keys((p ->> 'tenant_id')::uuid, p_channel, p -> 'events')) k;
  perform internal.lock_webhook_people(v_keys);

  for v_part in select p from jsonb_array_elements(v_routing -> 'parts') p loop
    select * into v_conn from public.channel_connections c where c.id = (v_part ->> 'conn_id')::uuid;
    v_result := internal.ingest_webhook_unchecked(v_conn, v_part -> 'events', 0, null, p_body_bytes, 0, null,
      p_duration_ms);
    v_parts := v_parts || jsonb_build_array(v_result || jsonb_build_object('tenant_id', v_conn.tenant_id));
  end loop;

  if v_unrouted > 0 or jsonb_array_length(v_parts) = 0 then
    insert into public.webhook_events (channel, outcome, http_status, body_bytes, event_count, skipped_count,
      duration_ms, detail)
    values (p_channel, 'unrouted', 200, p_body_bytes, v_unrouted + coalesce(p_ignored, 0), v_unrouted,
      least(p_duration_ms, 9999999), left(p_detail, 500));
  end if;
  return jsonb_build_object('events', jsonb_array_length(p_events), 'skipped', v_unrouted, 'parts', v_parts);
end $$;
revoke all on function public.ingest_platform_webhook(text, jsonb, integer, integer, text, numeric)
  from public, anon, authenticated;
grant execute on function public.ingest_platform_webhook(text, jsonb, integer, integer, text, numeric)
  to service_role;
comment on function public.ingest_platform_webhook(text, jsonb, integer, integer, text, numeric) is
  '@returns { events: number; skipped: number; parts: { tenant_id: string; outcome: ''accepted'' | ''duplicate'' | ''unchanged''; events: number; stored: number; duplicates: number; echoes_linked: number; statuses_applied: number; statuses_pending: number; statuses_unchanged: number; leads_created: number; conversations_created: number; ai_jobs: number; skipped: number }[] }';

-- The deployment-wide outcome list for record_webhook_event (refusals and GET verifications).
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
  if p_outcome in ('accepted', 'duplicate', 'unchanged', 'unrouted') then
    raise exception 'stored deliveries are recorded by ingest_webhook' using errcode = 'PT400';
  end if;
  insert into public.webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, body_bytes, detail, duration_ms)
  values (p_tenant_id, left(p_tenant_slug, 100), p_channel, p_outcome, p_http_status, p_body_bytes,
    left(p_detail, 500), least(p_duration_ms, 9999999))
  returning id into v_id;
  return v_id;
end $$;

-- A connection's own secret makes it an own-app connection; without one it is the platform's.
-- Derived on every write path (CLI, dashboard, onboarding), so the two can never disagree.
create or replace function internal.derive_app_kind() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.app_kind := case when new.webhook_secret_encrypted is null then 'platform' else 'own' end;
  return new;
end $$;
revoke all on function internal.derive_app_kind() from public;
create trigger channel_connections_app_kind
  before insert or update of webhook_secret_encrypted on public.channel_connections
  for each row execute function internal.derive_app_kind();

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
    'mode', v_conn.mode, 'status', v_conn.status, 'ai_enabled', v_conn.ai_enabled, 'app_kind', v_conn.app_kind,
    'phone_number_id', v_conn.phone_number_id, 'business_account_id', v_conn.business_account_id,
    'display_phone_number', v_conn.display_phone_number, 'page_id', v_conn.page_id,
    'instagram_account_id', v_conn.instagram_account_id, 'tiktok_business_id', v_conn.tiktok_business_id,
    'verify_token', v_conn.verify_token, 'webhook_secret_encrypted', v_conn.webhook_secret_encrypted,
    'secret_fingerprint', internal.secret_fingerprint(v_conn.webhook_secret_encrypted));
end $$;
comment on function public.webhook_connection(text, text) is
  '@returns { found: ''no_tenant'' } | { found: ''no_connection''; tenant_id: string } | { found: ''connection''; tenant_id: string; connection_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; app_kind: ''platform'' | ''own''; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; verify_token: string | null; webhook_secret_encrypted: string | null; secret_fingerprint: string }';

-- Applies one platform status to the message with that platform id. Returns 'applied',
-- 'duplicate' (this very status, at this very time, was recorded before: a replay),
-- 'unchanged' (older or not applicable: a first receipt that changes nothing) or 'pending'
-- (message unknown: kept for later).
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
    return case when v_rows > 0 then 'pending' else 'duplicate' end;
  end if;

  if p_status = 'deleted' then
    -- The customer unsent it: keep the row (the thread stays readable) but drop its content.
    if v_msg.direction <> 'inbound' then
      return 'unchanged';
    elsif v_msg.delivery_status = 'deleted' then
      return 'duplicate';
    end if;
    update public.messages set delivery_status = 'deleted', text = null, media = null, raw_payload = null
    where id = v_msg.id;
    return 'applied';
  end if;

  if v_msg.direction <> 'outbound' then
    return 'unchanged';
  end if;
  if p_status_at is not null and ((p_status = 'sent' and v_msg.sent_at = p_status_at)
    or (p_status = 'delivered' and v_msg.delivered_at = p_status_at)
    or (p_status in ('read', 'played') and v_msg.read_at = p_status_at)
    or (p_status = 'failed' and v_msg.failed_at = p_status_at)) then
    return 'duplicate';
  end if;
  if v_msg.delivery_status in ('failed', 'deleted') then
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
