-- Webhook routes cache the connection (and its secret's ciphertext) for a few seconds so a
-- delivery costs one round trip. A rotated secret must stop verifying at once, so the route
-- sends the fingerprint of the ciphertext it verified with, and ingest_webhook refuses
-- (PT409) when the connection's secret has changed since: the route then reloads and verifies
-- again.

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

-- The unchecked writer moves out of reach; public.ingest_webhook checks, then calls it.
alter function public.ingest_webhook(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric)
  rename to ingest_webhook_unchecked;
alter function public.ingest_webhook_unchecked(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric)
  set schema internal;
revoke all on function internal.ingest_webhook_unchecked(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric)
  from public, anon, authenticated, service_role;

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
