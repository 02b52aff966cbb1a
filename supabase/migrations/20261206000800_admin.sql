-- Squashed on 2026-12-07 (see README.md): operator functions (CLI, seed, server code under
-- the service role). Never callable by anon or staff roles; they raise SQLSTATE 'PTnnn' so
-- both database ports map them to HTTP.

create or replace function internal.tenant_id_by_slug(p_slug text) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  v_id uuid;
begin
  select id into v_id from public.tenants where slug = p_slug;
  if v_id is null then
    raise exception 'tenant % not found', p_slug using errcode = 'PT404';
  end if;
  return v_id;
end $$;
revoke all on function internal.tenant_id_by_slug(text) from public;

create or replace function public.admin_create_tenant(p_slug text, p_name text, p_timezone text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_tenant public.tenants;
begin
  if p_timezone is not null and not exists (select 1 from pg_catalog.pg_timezone_names where name = p_timezone) then
    raise exception 'unknown time zone %', p_timezone using errcode = 'PT400';
  end if;
  insert into public.tenants (slug, name, timezone)
  values (p_slug, p_name, coalesce(p_timezone, 'America/Mexico_City'))
  on conflict (slug) do nothing
  returning * into v_tenant;
  if v_tenant.id is null then
    raise exception 'tenant % already exists', p_slug using errcode = 'PT409';
  end if;
  insert into public.ai_tenant_context (tenant_id) values (v_tenant.id);
  return jsonb_build_object('id', v_tenant.id, 'slug', v_tenant.slug, 'name', v_tenant.name,
    'timezone', v_tenant.timezone);
end $$;
revoke all on function public.admin_create_tenant(text, text, text) from public, anon, authenticated;
grant execute on function public.admin_create_tenant(text, text, text) to service_role;

create or replace function public.admin_get_tenant(p_slug text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'timezone', t.timezone,
    'locale', t.locale)
  from public.tenants t where t.id = internal.tenant_id_by_slug(p_slug)
$$;
revoke all on function public.admin_get_tenant(text) from public, anon, authenticated;
grant execute on function public.admin_get_tenant(text) to service_role;

create or replace function public.admin_upsert_branch(p_tenant_slug text, p_name text,
  p_address text default null, p_phone text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_branch public.branches;
begin
  insert into public.branches (tenant_id, name, address, phone)
  values (internal.tenant_id_by_slug(p_tenant_slug), p_name, p_address, p_phone)
  on conflict (tenant_id, name) do update set address = excluded.address, phone = excluded.phone
  returning * into v_branch;
  return to_jsonb(v_branch);
end $$;
revoke all on function public.admin_upsert_branch(text, text, text, text) from public, anon, authenticated;
grant execute on function public.admin_upsert_branch(text, text, text, text) to service_role;

-- Staff are Supabase Auth users; locally the bootstrap's auth.local_create_user stands in.
create or replace function public.admin_add_staff_member(p_tenant_slug text, p_email text, p_role text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_user_id uuid;
begin
  if p_role not in ('owner', 'admin', 'agent') then
    raise exception 'role must be owner, admin or agent' using errcode = 'PT400';
  end if;
  if p_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'invalid email address' using errcode = 'PT400';
  end if;
  select id into v_user_id from auth.users where lower(email) = lower(p_email);
  if v_user_id is null then
    if to_regprocedure('auth.local_create_user(text)') is null then
      raise exception 'no user with email %: invite them in Supabase Auth first', p_email using errcode = 'PT404';
    end if;
    execute 'select auth.local_create_user($1)' into v_user_id using p_email;
  end if;
  insert into public.tenant_members (tenant_id, user_id, role)
  values (v_tenant_id, v_user_id, p_role)
  on conflict (tenant_id, user_id) do update set role = excluded.role;
  return jsonb_build_object('tenant_id', v_tenant_id, 'user_id', v_user_id, 'email', lower(p_email), 'role', p_role);
end $$;
revoke all on function public.admin_add_staff_member(text, text, text) from public, anon, authenticated;
grant execute on function public.admin_add_staff_member(text, text, text) to service_role;

-- Only the keys present in p_fields change, so re-running `channel connect` without a
-- secret keeps the stored one.
create or replace function public.admin_upsert_channel_connection(p_tenant_slug text, p_channel text, p_fields jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_allowed text[] := array['mode', 'status', 'ai_enabled', 'display_name', 'phone_number_id',
    'business_account_id', 'display_phone_number', 'page_id', 'instagram_account_id', 'tiktok_business_id',
    'access_token_encrypted', 'access_token_hint', 'webhook_secret_encrypted', 'webhook_secret_hint',
    'verify_token'];
  v_unknown text;
  v_row public.channel_connections;
begin
  select k into v_unknown from jsonb_object_keys(p_fields) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown connection field %', v_unknown using errcode = 'PT400';
  end if;
  insert into public.channel_connections (tenant_id, channel) values (v_tenant_id, p_channel)
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
    last_error = null
  where c.tenant_id = v_tenant_id and c.channel = p_channel
  returning * into v_row;
  exception when unique_violation then
    raise exception 'that % account id is already connected to another tenant', p_channel using errcode = 'PT409';
  end;
  -- The account id a platform routes by must be present for the channel.
  if (p_channel = 'whatsapp' and v_row.phone_number_id is null)
    or (p_channel = 'facebook' and v_row.page_id is null)
    or (p_channel = 'instagram' and v_row.instagram_account_id is null)
    or (p_channel = 'tiktok' and v_row.tiktok_business_id is null) then
    raise exception 'a % connection needs its account id', p_channel using errcode = 'PT400';
  end if;
  return internal.masked_connection(v_row);
end $$;
revoke all on function public.admin_upsert_channel_connection(text, text, jsonb) from public, anon, authenticated;
grant execute on function public.admin_upsert_channel_connection(text, text, jsonb) to service_role;

create or replace function public.admin_list_channel_connections(p_tenant_slug text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(internal.masked_connection(c) order by c.channel), '[]'::jsonb)
  from public.channel_connections c where c.tenant_id = internal.tenant_id_by_slug(p_tenant_slug)
$$;
revoke all on function public.admin_list_channel_connections(text) from public, anon, authenticated;
grant execute on function public.admin_list_channel_connections(text) to service_role;

create or replace function public.admin_get_ai_context(p_tenant_slug text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select to_jsonb(a) - 'tenant_id'
  from public.ai_tenant_context a where a.tenant_id = internal.tenant_id_by_slug(p_tenant_slug)
$$;
revoke all on function public.admin_get_ai_context(text) from public, anon, authenticated;
grant execute on function public.admin_get_ai_context(text) to service_role;

create or replace function public.admin_update_ai_context(p_tenant_slug text, p_patch jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'temperature', 'max_tokens',
    'model', 'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge'];
  v_unknown text;
begin
  select k into v_unknown from jsonb_object_keys(p_patch) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown AI setting %', v_unknown using errcode = 'PT400';
  end if;
  insert into public.ai_tenant_context (tenant_id) values (v_tenant_id) on conflict (tenant_id) do nothing;
  update public.ai_tenant_context a set
    system_prompt = coalesce(p_patch ->> 'system_prompt', a.system_prompt),
    business_hours = coalesce(p_patch -> 'business_hours', a.business_hours),
    response_style = coalesce(p_patch ->> 'response_style', a.response_style),
    temperature = coalesce((p_patch ->> 'temperature')::numeric, a.temperature),
    max_tokens = coalesce((p_patch ->> 'max_tokens')::integer, a.max_tokens),
    model = case when p_patch ? 'model' then nullif(p_patch ->> 'model', '') else a.model end,
    escalation_keywords = case when p_patch ? 'escalation_keywords'
      then array(select jsonb_array_elements_text(p_patch -> 'escalation_keywords')) else a.escalation_keywords end,
    auto_escalate_after_messages = case when p_patch ? 'auto_escalate_after_messages'
      then (p_patch ->> 'auto_escalate_after_messages')::integer else a.auto_escalate_after_messages end,
    fallback_message = coalesce(p_patch ->> 'fallback_message', a.fallback_message),
    knowledge = coalesce(p_patch -> 'knowledge', a.knowledge)
  where a.tenant_id = v_tenant_id;
  return public.admin_get_ai_context(p_tenant_slug);
end $$;
revoke all on function public.admin_update_ai_context(text, jsonb) from public, anon, authenticated;
grant execute on function public.admin_update_ai_context(text, jsonb) to service_role;

create or replace function public.system_status() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'migrations', (select count(*) from supabase_migrations.schema_migrations),
    'tenants', (select count(*) from public.tenants))
$$;
revoke all on function public.system_status() from public, anon, authenticated;
grant execute on function public.system_status() to service_role;
