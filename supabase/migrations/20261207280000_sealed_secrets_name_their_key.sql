-- Issue 13 §3: stored secrets name the key that sealed them ("v2:<key id>:…", src/crypto/
-- secret-box.ts) and `npm run cli -- secrets rotate` re-seals them under a new ENCRYPTION_KEY.
-- The save paths accept both formats; re-sealing is not a new token, so it neither reconnects a
-- connection that needs re-authorising nor enqueues a token check.

alter table public.onboarding_sessions drop constraint onboarding_sessions_payload_encrypted_check;
alter table public.onboarding_sessions add constraint onboarding_sessions_payload_encrypted_check
  check (payload_encrypted ~ '^v[12]:');

create or replace function internal.write_connection_fields(p_tenant_id uuid, p_channel text, p_fields jsonb)
 RETURNS public.channel_connections
 LANGUAGE plpgsql
 SET search_path TO ''
AS $$
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
    or (p_channel = 'tiktok' and v_row.tiktok_business_id is null) then
    raise exception 'a % connection needs its account id', p_channel using errcode = 'PT400';
  end if;
  return v_row;
end $$;

create or replace function internal.channel_status_after_edit()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $$
begin
  -- Re-sealing under a new key (secrets rotate) is not a new token.
  if current_setting('inbox.rekeying', true) = 'on' then
    return new;
  end if;
  if new.status = old.status and old.status in ('needs_reauth', 'error') then
    if new.access_token_encrypted is distinct from old.access_token_encrypted
      and new.access_token_encrypted is not null then
      new.status := 'connected';
      new.last_error := null;
    elsif new.last_error is null then
      new.last_error := old.last_error;
    end if;
  end if;
  return new;
end $$;

create or replace function internal.enqueue_token_health_on_new_token()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
begin
  if current_setting('inbox.rekeying', true) = 'on' then
    return null;
  end if;
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

-- Every sealed value of every connection, for the rotation to open and re-seal (service role).
create or replace function public.admin_sealed_secrets() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'tenant_id', c.tenant_id, 'channel', c.channel,
      'access_token', c.access_token_encrypted, 'webhook_secret', c.webhook_secret_encrypted,
      'refresh_token', c.refresh_token_encrypted) order by c.id), '[]'::jsonb)
  from public.channel_connections c
  where c.access_token_encrypted is not null or c.webhook_secret_encrypted is not null
    or c.refresh_token_encrypted is not null
$$;
revoke all on function public.admin_sealed_secrets() from public, anon, authenticated;
grant execute on function public.admin_sealed_secrets() to service_role;
comment on function public.admin_sealed_secrets() is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; access_token: string | null; webhook_secret: string | null; refresh_token: string | null }[]';

-- Writes re-sealed values in one transaction. Each value replaces exactly the ciphertext it was
-- made from: one a staff member saved meanwhile is left as it is (and counted as changed).
-- p_values: [{id, field: access_token|webhook_secret|refresh_token, from, to, digest?}].
create or replace function public.admin_reseal_secrets(p_values jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v jsonb;
  v_done integer := 0;
  v_changed integer := 0;
  v_rows integer;
begin
  if p_values is null or jsonb_typeof(p_values) <> 'array' then
    raise exception 'values must be an array' using errcode = 'PT400';
  end if;
  perform set_config('inbox.rekeying', 'on', true);
  for v in select * from jsonb_array_elements(p_values) loop
    if not (v ->> 'to') ~ '^v2:' or not internal.is_uuid(v ->> 'id') then
      raise exception 'a re-sealed value must be v2 and name its connection' using errcode = 'PT400';
    end if;
    case v ->> 'field'
      when 'access_token' then
        update public.channel_connections c set access_token_encrypted = v ->> 'to'
        where c.id = (v ->> 'id')::uuid and c.access_token_encrypted = v ->> 'from';
      when 'refresh_token' then
        update public.channel_connections c set refresh_token_encrypted = v ->> 'to'
        where c.id = (v ->> 'id')::uuid and c.refresh_token_encrypted = v ->> 'from';
      when 'webhook_secret' then
        if coalesce(v ->> 'digest', '') !~ '^[0-9a-f]{64}$' then
          raise exception 'a re-sealed secret needs its digest under the new key' using errcode = 'PT400';
        end if;
        update public.channel_connections c
        set webhook_secret_encrypted = v ->> 'to', webhook_secret_digest = v ->> 'digest'
        where c.id = (v ->> 'id')::uuid and c.webhook_secret_encrypted = v ->> 'from';
      else
        raise exception 'unknown sealed field %', v ->> 'field' using errcode = 'PT400';
    end case;
    get diagnostics v_rows = row_count;
    if v_rows = 1 then v_done := v_done + 1; else v_changed := v_changed + 1; end if;
  end loop;
  perform set_config('inbox.rekeying', 'off', true);
  return jsonb_build_object('resealed', v_done, 'changed_meanwhile', v_changed);
end $$;
revoke all on function public.admin_reseal_secrets(jsonb) from public, anon, authenticated;
grant execute on function public.admin_reseal_secrets(jsonb) to service_role;
comment on function public.admin_reseal_secrets(jsonb) is '@returns { resealed: number; changed_meanwhile: number }';
