-- Issue 14 (save side): every save path writes whose app a connection uses (app_kind) and the
-- digest of its own secret; a secret another tenant uses is refused with a reason, never a name
-- (the trigger below). An account id live for another tenant stays a unique violation, mapped to
-- the same kind of 409.
-- Self-serve onboarding keeps its single-use, session-bound OAuth state here.

-- One secret, one business: but a business's own Meta app has one secret for all its channels
-- (WhatsApp, Messenger and Instagram), so the digest is unique across tenants, not across rows.
-- A unique index cannot say that; this trigger does, serialised per digest so two tenants saving
-- the same secret at once cannot both pass.
drop index public.channel_connections_webhook_secret_digest_key;
create index channel_connections_webhook_secret_digest_idx
  on public.channel_connections (webhook_secret_digest) where webhook_secret_digest is not null;

create or replace function internal.refuse_shared_webhook_secret()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.webhook_secret_digest is null
    or (tg_op = 'UPDATE' and new.webhook_secret_digest is not distinct from old.webhook_secret_digest
        and new.tenant_id = old.tenant_id) then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('webhook_secret_digest:' || new.webhook_secret_digest, 0));
  if exists (
    select 1 from public.channel_connections c
    where c.webhook_secret_digest = new.webhook_secret_digest and c.tenant_id <> new.tenant_id
  ) then
    raise exception 'that secret is already used by another business' using errcode = 'PT409', hint = 'secret_in_use';
  end if;
  return new;
end $$;
revoke all on function internal.refuse_shared_webhook_secret() from public, anon, authenticated, service_role;
create trigger channel_connections_refuse_shared_webhook_secret
  before insert or update of webhook_secret_digest, tenant_id on public.channel_connections
  for each row execute function internal.refuse_shared_webhook_secret();

-- The fields a save may write, their checks and the conflict mapping, in one place for the
-- operator (CLI) and dashboard saves.
create or replace function internal.write_connection_fields(p_tenant_id uuid, p_channel text, p_fields jsonb)
returns public.channel_connections
language plpgsql
set search_path = ''
as $$
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
  if (p_fields ? 'access_token_encrypted' and (p_fields ->> 'access_token_encrypted') !~ '^v1:')
    or (p_fields ? 'webhook_secret_encrypted' and (p_fields ->> 'webhook_secret_encrypted') !~ '^v1:')
    or (p_fields ? 'refresh_token_encrypted' and (p_fields ->> 'refresh_token_encrypted') !~ '^v1:') then
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
    or (p_channel = 'tiktok' and v_row.tiktok_business_id is null) then
    raise exception 'a % connection needs its account id', p_channel using errcode = 'PT400';
  end if;
  return v_row;
end $$;
revoke all on function internal.write_connection_fields(uuid, text, jsonb) from public, anon, authenticated, service_role;

create or replace function internal.masked_connection(c public.channel_connections)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id, 'tenant_id', c.tenant_id, 'channel', c.channel, 'mode', c.mode, 'status', c.status,
    'ai_enabled', c.ai_enabled, 'app_kind', c.app_kind, 'display_name', c.display_name,
    'phone_number_id', c.phone_number_id, 'business_account_id', c.business_account_id,
    'display_phone_number', c.display_phone_number, 'page_id', c.page_id,
    'instagram_account_id', c.instagram_account_id, 'tiktok_business_id', c.tiktok_business_id,
    'access_token', case when c.access_token_encrypted is null then null else '••••' || coalesce(c.access_token_hint, '') end,
    'webhook_secret', case when c.webhook_secret_encrypted is null then null else '••••' || coalesce(c.webhook_secret_hint, '') end,
    'verify_token', c.verify_token, 'last_error', c.last_error, 'last_webhook_at', c.last_webhook_at,
    'updated_at', c.updated_at)
$$;

create or replace function public.admin_upsert_channel_connection(p_tenant_slug text, p_channel text, p_fields jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.channel_connections;
begin
  -- The operator saves clear the last error: they are how a broken connection is fixed.
  v_row := internal.write_connection_fields(internal.tenant_id_by_slug(p_tenant_slug), p_channel, p_fields);
  update public.channel_connections c set last_error = null where c.id = v_row.id returning * into v_row;
  return internal.masked_connection(v_row);
end $$;

create or replace function public.dashboard_save_channel(p_tenant_id uuid, p_channel text, p_fields jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.channel_connections;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_channel is null or p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok') then
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
  if p_channel <> 'tiktok' and v_row.verify_token is null then
    update public.channel_connections c
    set verify_token = replace(gen_random_uuid()::text, '-', '')
    where c.id = v_row.id
    returning * into v_row;
  end if;
  return internal.masked_connection(v_row);
end $$;

-- Messenger and Instagram from one Facebook Login: both rows or neither.
create or replace function public.dashboard_save_channels(p_tenant_id uuid, p_connections jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_channel text;
  v_saved jsonb := '[]'::jsonb;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_connections is null or jsonb_typeof(p_connections) <> 'object' or p_connections = '{}'::jsonb then
    raise exception 'connections must be a non-empty object keyed by channel' using errcode = 'PT400';
  end if;
  for v_channel in select k from jsonb_object_keys(p_connections) k order by k loop
    v_saved := v_saved || jsonb_build_array(public.dashboard_save_channel(p_tenant_id, v_channel, p_connections -> v_channel));
  end loop;
  return v_saved;
end $$;
revoke all on function public.dashboard_save_channels(uuid, jsonb) from public, anon;
grant execute on function public.dashboard_save_channels(uuid, jsonb) to authenticated, service_role;

-- One row per started self-serve flow: the OAuth `state` (stored as a SHA-256 digest) is bound to
-- the member who started it and the tenant, lives 15 minutes and is used once. payload_encrypted
-- carries what a two-step flow needs between its steps (the user token between listing pages and
-- picking one), encrypted by the server.
create table public.onboarding_sessions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null,
  flow text not null check (flow in ('whatsapp_signup', 'meta_pages', 'tiktok_oauth')),
  state_digest text not null unique check (state_digest ~ '^[0-9a-f]{64}$'),
  payload_encrypted text check (payload_encrypted ~ '^v1:'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '15 minutes',
  used_at timestamptz
);
alter table public.onboarding_sessions enable row level security;
revoke all on public.onboarding_sessions from public, anon, authenticated;
grant all on public.onboarding_sessions to service_role;

create or replace function public.dashboard_begin_onboarding(p_tenant_id uuid, p_flow text, p_state_digest text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.onboarding_sessions;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  delete from public.onboarding_sessions s where s.expires_at < now() - interval '1 day';
  insert into public.onboarding_sessions (tenant_id, user_id, flow, state_digest)
  values (p_tenant_id, (select auth.uid()), p_flow, p_state_digest)
  returning * into v_row;
  return jsonb_build_object('flow', v_row.flow, 'expires_at', v_row.expires_at);
end $$;
revoke all on function public.dashboard_begin_onboarding(uuid, text, text) from public, anon;
grant execute on function public.dashboard_begin_onboarding(uuid, text, text) to authenticated, service_role;

-- The second step of a two-step flow keeps its payload on the still-unused state.
create or replace function public.dashboard_stash_onboarding(p_tenant_id uuid, p_flow text, p_state_digest text,
  p_payload_encrypted text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  update public.onboarding_sessions s set payload_encrypted = p_payload_encrypted
  where s.state_digest = p_state_digest and s.tenant_id = p_tenant_id and s.flow = p_flow
    and s.user_id = (select auth.uid()) and s.used_at is null and s.expires_at > now()
    and s.payload_encrypted is null
  returning s.id into v_id;
  if v_id is null then
    raise exception 'this connection attempt expired or was already used' using errcode = 'PT409', hint = 'state_invalid';
  end if;
  return jsonb_build_object('stashed', true);
end $$;
revoke all on function public.dashboard_stash_onboarding(uuid, text, text, text) from public, anon;
grant execute on function public.dashboard_stash_onboarding(uuid, text, text, text) to authenticated, service_role;

-- Used once: a second click, a replayed callback or another member's state is refused before
-- any call to the platform.
create or replace function public.dashboard_consume_onboarding(p_tenant_id uuid, p_flow text, p_state_digest text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.onboarding_sessions;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  update public.onboarding_sessions s set used_at = now()
  where s.state_digest = p_state_digest and s.tenant_id = p_tenant_id and s.flow = p_flow
    and s.user_id = (select auth.uid()) and s.used_at is null and s.expires_at > now()
  returning * into v_row;
  if v_row.id is null then
    raise exception 'this connection attempt expired or was already used' using errcode = 'PT409', hint = 'state_invalid';
  end if;
  return jsonb_build_object('flow', v_row.flow, 'payload_encrypted', v_row.payload_encrypted);
end $$;
revoke all on function public.dashboard_consume_onboarding(uuid, text, text) from public, anon;
grant execute on function public.dashboard_consume_onboarding(uuid, text, text) to authenticated, service_role;

comment on function public.dashboard_save_channels(uuid, jsonb) is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; app_kind: ''platform'' | ''own''; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }[]';
comment on function public.dashboard_begin_onboarding(uuid, text, text) is
  '@returns { flow: ''whatsapp_signup'' | ''meta_pages'' | ''tiktok_oauth''; expires_at: string }';
comment on function public.dashboard_stash_onboarding(uuid, text, text, text) is '@returns { stashed: true }';
comment on function public.dashboard_consume_onboarding(uuid, text, text) is
  '@returns { flow: ''whatsapp_signup'' | ''meta_pages'' | ''tiktok_oauth''; payload_encrypted: string | null }';
comment on function public.admin_upsert_channel_connection(text, text, jsonb) is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; app_kind: ''platform'' | ''own''; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }';
comment on function public.dashboard_save_channel(uuid, text, jsonb) is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; app_kind: ''platform'' | ''own''; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }';
comment on function public.admin_list_channel_connections(text) is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; app_kind: ''platform'' | ''own''; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }[]';
comment on function public.dashboard_channels(uuid) is
  '@returns { connections: { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; app_kind: ''platform'' | ''own''; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }[]; deliveries: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; outcome: string; http_status: number; event_count: number; stored_count: number; detail: string | null; received_at: string }[] }';
