-- Issue 14 §4: token health. The token_health job (src/jobs/handlers/token-health-handler.ts)
-- checks one live connection: refreshes what can be refreshed, records expiry and scopes, marks
-- needs_reauth with the reason, and warns once per expiry. A new token enqueues a check at once;
-- the cron sweep and the local scheduler enqueue one per live connection per day.

-- When staff must act at the latest: the token's own expiry, or (when a refresh token keeps it
-- alive) the refresh token's, and Meta's data-access expiry, whichever comes first.
create function internal.connection_reauth_deadline(c public.channel_connections)
returns timestamptz
language sql
immutable
set search_path = ''
as $$
  select least(c.data_access_expires_at,
    case when c.refresh_token_encrypted is not null then c.refresh_token_expires_at else c.token_expires_at end)
$$;
revoke all on function internal.connection_reauth_deadline(public.channel_connections)
  from public, anon, authenticated, service_role;

-- A new or changed token (onboarding, CLI, dashboard) is checked at once. The job's own writes
-- set token_checked_at in the same statement and so do not enqueue themselves again.
create function internal.enqueue_token_health_on_new_token()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.mode <> 'live' or new.access_token_encrypted is null or new.status = 'disconnected' then
    return null;
  end if;
  if tg_op = 'UPDATE' then
    if new.token_checked_at is distinct from old.token_checked_at then
      return null;
    end if;
    if new.access_token_encrypted is not distinct from old.access_token_encrypted
      and new.mode is not distinct from old.mode then
      return null;
    end if;
  end if;
  perform internal.enqueue_job('token_health', jsonb_build_object('connection_id', new.id), new.tenant_id,
    -5, 'token_health:' || new.id, null, 5);
  return null;
end $$;
revoke all on function internal.enqueue_token_health_on_new_token() from public, anon, authenticated, service_role;

create trigger channel_connections_new_token_checks_health
  after insert or update of access_token_encrypted, mode on public.channel_connections
  for each row execute function internal.enqueue_token_health_on_new_token();

-- What one check needs (service role only: it carries the sealed tokens).
create function public.token_health_load(p_connection_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_conn public.channel_connections;
begin
  select * into v_conn from public.channel_connections where id = p_connection_id;
  if not found or v_conn.mode <> 'live' or v_conn.status = 'disconnected'
    or v_conn.access_token_encrypted is null then
    return jsonb_build_object('found', false);
  end if;
  return jsonb_build_object('found', true, 'connection', jsonb_build_object(
    'id', v_conn.id, 'tenant_id', v_conn.tenant_id, 'channel', v_conn.channel, 'status', v_conn.status,
    'app_kind', v_conn.app_kind, 'phone_number_id', v_conn.phone_number_id,
    'business_account_id', v_conn.business_account_id, 'page_id', v_conn.page_id,
    'instagram_account_id', v_conn.instagram_account_id, 'tiktok_business_id', v_conn.tiktok_business_id,
    'access_token_encrypted', v_conn.access_token_encrypted,
    'refresh_token_encrypted', v_conn.refresh_token_encrypted,
    'token_expires_at', v_conn.token_expires_at, 'refresh_token_expires_at', v_conn.refresh_token_expires_at,
    'data_access_expires_at', v_conn.data_access_expires_at));
end $$;
revoke all on function public.token_health_load(uuid) from public, anon, authenticated;
grant execute on function public.token_health_load(uuid) to service_role;
comment on function public.token_health_load(uuid) is
  '@returns { found: false } | { found: true; connection: { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; app_kind: ''platform'' | ''own''; phone_number_id: string | null; business_account_id: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token_encrypted: string; refresh_token_encrypted: string | null; token_expires_at: string | null; refresh_token_expires_at: string | null; data_access_expires_at: string | null } }';

-- A refreshed token, stored the moment the platform hands it over and only over the token it
-- replaces (a token saved meanwhile by staff wins). A refresh token the platform did not rotate
-- is kept.
create function public.token_health_store_refresh(
  p_connection_id uuid,
  p_previous_token_encrypted text,
  p_access_token_encrypted text,
  p_access_token_hint text,
  p_token_expires_at timestamptz,
  p_refresh_token_encrypted text default null,
  p_refresh_token_expires_at timestamptz default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  if coalesce(p_access_token_encrypted, '') = '' or coalesce(p_previous_token_encrypted, '') = '' then
    raise exception 'both the previous and the new token are required' using errcode = 'PT400';
  end if;
  update public.channel_connections set
    access_token_encrypted = p_access_token_encrypted,
    access_token_hint = left(p_access_token_hint, 8),
    token_expires_at = p_token_expires_at,
    refresh_token_encrypted = coalesce(p_refresh_token_encrypted, refresh_token_encrypted),
    refresh_token_expires_at = case when p_refresh_token_encrypted is null then refresh_token_expires_at
      else p_refresh_token_expires_at end,
    token_checked_at = p_now
  where id = p_connection_id and access_token_encrypted = p_previous_token_encrypted;
  return jsonb_build_object('stored', found);
end $$;
revoke all on function public.token_health_store_refresh(uuid, text, text, text, timestamptz, text, timestamptz, timestamptz)
  from public, anon, authenticated;
grant execute on function public.token_health_store_refresh(uuid, text, text, text, timestamptz, text, timestamptz, timestamptz)
  to service_role;
comment on function public.token_health_store_refresh(uuid, text, text, text, timestamptz, text, timestamptz, timestamptz) is
  '@returns { stored: boolean }';

-- One check's result, in one transaction: expiry and scopes, needs_reauth with the reason, and
-- the expiry warning, given once per expiry (expiry_warned_at), with its staff notice job
-- enqueued in the same transaction. Facts absent from p_facts keep their stored value (a check
-- without debug_token learns no expiry). Recorded only over the token that was checked.
create function public.token_health_record(
  p_connection_id uuid,
  p_token_encrypted text,
  p_facts jsonb,
  p_now timestamptz default now(),
  p_warn_days integer default 7
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_conn public.channel_connections;
  v_valid boolean := coalesce((p_facts ->> 'valid')::boolean, true);
  v_deadline timestamptz;
  v_warned boolean := false;
begin
  if p_facts is null or jsonb_typeof(p_facts) <> 'object' then
    raise exception 'facts must be a JSON object' using errcode = 'PT400';
  end if;
  if p_warn_days is null or p_warn_days not between 1 and 60 then
    raise exception 'warn days must be between 1 and 60' using errcode = 'PT400';
  end if;
  select * into v_conn from public.channel_connections where id = p_connection_id for update;
  if not found or v_conn.access_token_encrypted is distinct from p_token_encrypted then
    return jsonb_build_object('recorded', false, 'reason', 'token_changed');
  end if;
  if v_conn.mode <> 'live' or v_conn.status = 'disconnected' then
    return jsonb_build_object('recorded', false, 'reason', 'not_live');
  end if;
  update public.channel_connections set
    token_expires_at = case when p_facts ? 'token_expires_at'
      then (p_facts ->> 'token_expires_at')::timestamptz else token_expires_at end,
    data_access_expires_at = case when p_facts ? 'data_access_expires_at'
      then (p_facts ->> 'data_access_expires_at')::timestamptz else data_access_expires_at end,
    token_scopes = case when jsonb_typeof(p_facts -> 'scopes') = 'array'
      then array(select jsonb_array_elements_text(p_facts -> 'scopes')) else token_scopes end,
    token_checked_at = p_now,
    status = case when v_valid then status else 'needs_reauth' end,
    last_error = case when v_valid then last_error else left(coalesce(p_facts ->> 'reason', 'token rejected'), 500) end
  where id = p_connection_id
  returning * into v_conn;

  v_deadline := internal.connection_reauth_deadline(v_conn);
  if v_deadline is null or v_deadline > p_now + make_interval(days => p_warn_days) then
    -- Out of the warning window (a new token, a refresh): the next expiry is warned about again.
    update public.channel_connections set expiry_warned_at = null
    where id = p_connection_id and expiry_warned_at is not null;
  elsif v_valid and v_conn.expiry_warned_at is null then
    update public.channel_connections set expiry_warned_at = p_now
    where id = p_connection_id;
    v_warned := true;
    -- The seam for the staff email (no email channel yet): its handler only logs for now.
    perform internal.enqueue_job('token_expiry_notice', jsonb_build_object('connection_id', v_conn.id,
      'channel', v_conn.channel, 'expires_at', v_deadline), v_conn.tenant_id, 0,
      'token_expiry_notice:' || v_conn.id, null, 5);
  end if;
  return jsonb_build_object('recorded', true, 'status', v_conn.status, 'reauth_deadline', v_deadline,
    'warned', v_warned);
end $$;
revoke all on function public.token_health_record(uuid, text, jsonb, timestamptz, integer) from public, anon, authenticated;
grant execute on function public.token_health_record(uuid, text, jsonb, timestamptz, integer) to service_role;
comment on function public.token_health_record(uuid, text, jsonb, timestamptz, integer) is
  '@returns { recorded: false; reason: ''token_changed'' | ''not_live'' } | { recorded: true; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; reauth_deadline: string | null; warned: boolean }';

-- The daily sweep: one token_health job per live connection not checked for p_every_seconds,
-- unless one is waiting or running, or one died in that time (no retry storm every minute).
create function public.enqueue_token_health_checks(p_every_seconds integer default 86400)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_conn record;
  v_count integer := 0;
begin
  if p_every_seconds is null or p_every_seconds not between 60 and 604800 then
    raise exception 'interval must be between 60 and 604800 seconds' using errcode = 'PT400';
  end if;
  for v_conn in
    select c.id, c.tenant_id from public.channel_connections c
    where c.mode = 'live' and c.status <> 'disconnected' and c.access_token_encrypted is not null
      and (c.token_checked_at is null or c.token_checked_at < now() - make_interval(secs => p_every_seconds))
      and not exists (select 1 from public.jobs j
        where j.tenant_id = c.tenant_id and j.dedupe_key = 'token_health:' || c.id
          and (j.status in ('pending', 'processing')
            or (j.status = 'failed' and j.completed_at > now() - make_interval(secs => p_every_seconds))))
  loop
    if (internal.enqueue_job('token_health', jsonb_build_object('connection_id', v_conn.id), v_conn.tenant_id,
        -5, 'token_health:' || v_conn.id, null, 5) ->> 'enqueued')::boolean then
      v_count := v_count + 1;
    end if;
  end loop;
  return jsonb_build_object('enqueued', v_count);
end $$;
revoke all on function public.enqueue_token_health_checks(integer) from public, anon, authenticated;
grant execute on function public.enqueue_token_health_checks(integer) to service_role;
comment on function public.enqueue_token_health_checks(integer) is '@returns { enqueued: number }';

-- The channel card's health and the layout's banner (any member: the banner shows to everyone).
create function public.dashboard_channel_health(p_tenant_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
      'channel', c.channel, 'mode', c.mode, 'status', c.status, 'app_kind', c.app_kind,
      'page_linked', c.page_id is not null,
      'last_error', c.last_error, 'last_inbound_at', c.last_inbound_at, 'last_send_ok_at', c.last_send_ok_at,
      'token_expires_at', c.token_expires_at, 'data_access_expires_at', c.data_access_expires_at,
      'refresh_token_expires_at', c.refresh_token_expires_at,
      'reauth_deadline', internal.connection_reauth_deadline(c),
      'token_checked_at', c.token_checked_at, 'expiry_warned_at', c.expiry_warned_at,
      'quality_rating', c.quality_rating, 'messaging_limit', c.messaging_limit,
      'quality_updated_at', c.quality_updated_at, 'policy_blocked_at', c.policy_blocked_at,
      'policy_reason', c.policy_reason) order by c.channel), '[]'::jsonb)
    from public.channel_connections c where c.tenant_id = p_tenant_id);
end $$;
revoke all on function public.dashboard_channel_health(uuid) from public, anon;
grant execute on function public.dashboard_channel_health(uuid) to authenticated, service_role;
comment on function public.dashboard_channel_health(uuid) is
  '@returns { channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; app_kind: ''platform'' | ''own''; page_linked: boolean; last_error: string | null; last_inbound_at: string | null; last_send_ok_at: string | null; token_expires_at: string | null; data_access_expires_at: string | null; refresh_token_expires_at: string | null; reauth_deadline: string | null; token_checked_at: string | null; expiry_warned_at: string | null; quality_rating: string | null; messaging_limit: string | null; quality_updated_at: string | null; policy_blocked_at: string | null; policy_reason: string | null }[]';

-- Copied from supabase/schemas/outbound.sql; the only change is the last_send_ok_at update (at
-- most one write per connection every 30 s, as ingest throttles last_webhook_at).
create or replace function public.outbound_record_sent(p_message_id uuid, p_platform_message_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_result jsonb;
begin
  if coalesce(btrim(p_platform_message_id), '') = '' then
    raise exception 'platform message id required' using errcode = 'PT400';
  end if;
  v_result := internal.mark_outbound_sent(p_message_id, p_platform_message_id);
  update public.channel_connections c set last_send_ok_at = now()
  from public.messages m
  where m.id = p_message_id and c.tenant_id = m.tenant_id and c.channel = m.channel
    and (c.last_send_ok_at is null or c.last_send_ok_at < now() - interval '30 seconds');
  return v_result;
end $$;
