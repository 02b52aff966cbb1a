-- Staff dashboard, writes. Same rules as the reads: membership checked here (PT403), rows
-- matched on (id, tenant_id) so a forged id of another tenant is "not found" (PT404), secrets
-- arrive already encrypted by the server (AES-256-GCM) and only masked hints go back.

-- Connect or edit one channel (admin or owner). Only the keys present in p_fields change, so a
-- form left blank keeps the stored secret. Staff may only switch status between connected and
-- disconnected; needs_reauth and error are set by the system.
create or replace function public.dashboard_save_channel(p_tenant_id uuid, p_channel text, p_fields jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_allowed text[] := array['mode', 'status', 'ai_enabled', 'display_name', 'phone_number_id',
    'business_account_id', 'display_phone_number', 'page_id', 'instagram_account_id', 'tiktok_business_id',
    'access_token_encrypted', 'access_token_hint', 'webhook_secret_encrypted', 'webhook_secret_hint',
    'verify_token'];
  v_unknown text;
  v_row public.channel_connections;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_channel is null or p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok') then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  if p_fields is null or jsonb_typeof(p_fields) <> 'object' then
    raise exception 'fields must be an object' using errcode = 'PT400';
  end if;
  select k into v_unknown from jsonb_object_keys(p_fields) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown connection field %', v_unknown using errcode = 'PT400';
  end if;
  if p_fields ? 'status' and (p_fields ->> 'status') not in ('connected', 'disconnected') then
    raise exception 'status must be connected or disconnected' using errcode = 'PT400';
  end if;
  if (p_fields ? 'access_token_encrypted' and (p_fields ->> 'access_token_encrypted') !~ '^v1:')
    or (p_fields ? 'webhook_secret_encrypted' and (p_fields ->> 'webhook_secret_encrypted') !~ '^v1:') then
    raise exception 'secrets must be encrypted by the server' using errcode = 'PT400';
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
      webhook_secret_encrypted = case when p_fields ? 'webhook_secret_encrypted' then p_fields ->> 'webhook_secret_encrypted' else c.webhook_secret_encrypted end,
      webhook_secret_hint = case when p_fields ? 'webhook_secret_hint' then p_fields ->> 'webhook_secret_hint' else c.webhook_secret_hint end,
      verify_token = case when p_fields ? 'verify_token' then p_fields ->> 'verify_token' else c.verify_token end,
      last_error = case when p_fields ? 'status' and p_fields ->> 'status' = 'disconnected' then c.last_error else null end
    where c.tenant_id = p_tenant_id and c.channel = p_channel
    returning * into v_row;
  exception when unique_violation then
    raise exception 'that % account id is already connected to another tenant', p_channel using errcode = 'PT409';
  end;
  if (p_channel = 'whatsapp' and v_row.phone_number_id is null)
    or (p_channel = 'facebook' and v_row.page_id is null)
    or (p_channel = 'instagram' and v_row.instagram_account_id is null)
    or (p_channel = 'tiktok' and v_row.tiktok_business_id is null) then
    raise exception 'a % connection needs its account id', p_channel using errcode = 'PT400';
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

-- AI settings (admin or owner). The server validates the patch with the same zod schema as the
-- CLI; this function applies only the keys present.
create or replace function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'max_tokens', 'model',
    'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge'];
  v_unknown text;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_patch is null or jsonb_typeof(p_patch) <> 'object' then
    raise exception 'patch must be an object' using errcode = 'PT400';
  end if;
  select k into v_unknown from jsonb_object_keys(p_patch) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown AI setting %', v_unknown using errcode = 'PT400';
  end if;
  insert into public.ai_tenant_context (tenant_id) values (p_tenant_id) on conflict (tenant_id) do nothing;
  update public.ai_tenant_context a set
    system_prompt = coalesce(p_patch ->> 'system_prompt', a.system_prompt),
    business_hours = coalesce(p_patch -> 'business_hours', a.business_hours),
    response_style = coalesce(p_patch ->> 'response_style', a.response_style),
    max_tokens = coalesce((p_patch ->> 'max_tokens')::integer, a.max_tokens),
    model = case when p_patch ? 'model' then nullif(p_patch ->> 'model', '') else a.model end,
    escalation_keywords = case when p_patch ? 'escalation_keywords'
      then array(select jsonb_array_elements_text(p_patch -> 'escalation_keywords')) else a.escalation_keywords end,
    auto_escalate_after_messages = case when p_patch ? 'auto_escalate_after_messages'
      then (p_patch ->> 'auto_escalate_after_messages')::integer else a.auto_escalate_after_messages end,
    fallback_message = coalesce(p_patch ->> 'fallback_message', a.fallback_message),
    knowledge = coalesce(p_patch -> 'knowledge', a.knowledge)
  where a.tenant_id = p_tenant_id;
  return (select to_jsonb(a) - 'tenant_id' from public.ai_tenant_context a where a.tenant_id = p_tenant_id);
end $$;

-- Take over (human) or hand back to the AI. Handing back clears the escalation, otherwise the
-- AI would keep staying silent.
create or replace function public.dashboard_set_conversation_handler(p_tenant_id uuid,
  p_conversation_id uuid, p_handled_by text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_handled_by is null or p_handled_by not in ('ai', 'human') then
    raise exception 'handled_by must be ai or human' using errcode = 'PT400';
  end if;
  update public.conversations c set
    handled_by = p_handled_by,
    escalated_at = case when p_handled_by = 'ai' then null else c.escalated_at end,
    escalation_reason = case when p_handled_by = 'ai' then null else c.escalation_reason end
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', v_row.id, 'handled_by', v_row.handled_by, 'status', v_row.status,
    'escalated_at', v_row.escalated_at);
end $$;

-- Resolve, close or reopen. Reopening when the lead already has another open conversation on
-- the channel is a conflict (one open conversation per lead and channel).
create or replace function public.dashboard_set_conversation_status(p_tenant_id uuid,
  p_conversation_id uuid, p_status text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_status is null or p_status not in ('active', 'pending', 'resolved', 'closed') then
    raise exception 'status must be active, pending, resolved or closed' using errcode = 'PT400';
  end if;
  begin
    update public.conversations c set status = p_status
    where c.id = p_conversation_id and c.tenant_id = p_tenant_id
    returning * into v_row;
  exception when unique_violation then
    raise exception 'this lead already has an open conversation on this channel' using errcode = 'PT409';
  end;
  if v_row.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', v_row.id, 'handled_by', v_row.handled_by, 'status', v_row.status,
    'escalated_at', v_row.escalated_at);
end $$;

do $$
declare
  f text;
begin
  foreach f in array array['dashboard_save_channel(uuid,text,jsonb)',
    'dashboard_update_ai_settings(uuid,jsonb)', 'dashboard_set_conversation_handler(uuid,uuid,text)',
    'dashboard_set_conversation_status(uuid,uuid,text)']
  loop
    execute format('revoke all on function public.%s from public, anon', f);
    execute format('grant execute on function public.%s to authenticated, service_role', f);
  end loop;
end $$;
