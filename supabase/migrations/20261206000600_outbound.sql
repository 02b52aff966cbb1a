-- Squashed on 2026-12-07 (see README.md): sending replies. Text limits and reply windows,
-- the send bookkeeping around a platform call, the sandbox outbox, staff replies, profiles.

create or replace function internal.channel_text_limit(p_channel text) returns integer
language sql immutable set search_path = '' as $$
  select case p_channel
    when 'whatsapp' then 4096 when 'facebook' then 2000 when 'instagram' then 1000 when 'tiktok' then 6000
  end
$$;
revoke all on function internal.channel_text_limit(text) from public;

-- Sends outrank AI work (priority 10): a reply already written should not wait behind new thinking.
create or replace function internal.enqueue_send_job(p_message public.messages) returns jsonb
language sql set search_path = '' as $$
  select internal.enqueue_job('send_' || p_message.channel, jsonb_build_object('message_id', p_message.id),
    p_message.tenant_id, 10, 'send:' || p_message.id)
$$;
revoke all on function internal.enqueue_send_job(public.messages) from public;

create or replace function public.outbound_record_sent(p_message_id uuid, p_platform_message_id text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(btrim(p_platform_message_id), '') = '' then
    raise exception 'platform message id required' using errcode = 'PT400';
  end if;
  return internal.mark_outbound_sent(p_message_id, p_platform_message_id);
end $$;
revoke all on function public.outbound_record_sent(uuid, text) from public, anon, authenticated;
grant execute on function public.outbound_record_sent(uuid, text) to service_role;

-- A failed attempt: back to 'queued' when a later attempt may succeed, 'failed' when not.
-- p_connection_status marks the channel (needs_reauth on an invalid token) in the same step.
create or replace function public.outbound_record_send_failure(p_message_id uuid, p_error_code text,
  p_error_message text, p_final boolean, p_connection_status text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_msg public.messages;
begin
  if p_connection_status is not null and p_connection_status not in ('needs_reauth', 'error') then
    raise exception 'unexpected connection status %', p_connection_status using errcode = 'PT400';
  end if;
  select * into v_msg from public.messages where id = p_message_id for update;
  if not found then
    raise exception 'message % not found', p_message_id using errcode = 'PT404';
  end if;
  if p_connection_status is not null then
    update public.channel_connections set status = p_connection_status, last_error = left(p_error_message, 500)
    where tenant_id = v_msg.tenant_id and channel = v_msg.channel;
  end if;
  if v_msg.platform_message_id is not null or v_msg.delivery_status not in ('queued', 'sending') then
    return jsonb_build_object('recorded', false, 'delivery_status', v_msg.delivery_status);
  end if;
  update public.messages set
    delivery_status = case when p_final then 'failed' else 'queued' end,
    failed_at = case when p_final then now() else failed_at end,
    error_code = left(p_error_code, 100),
    error_message = left(p_error_message, 1000)
  where id = p_message_id
  returning * into v_msg;
  return jsonb_build_object('recorded', true, 'delivery_status', v_msg.delivery_status);
end $$;
revoke all on function public.outbound_record_send_failure(uuid, text, text, boolean, text) from public, anon, authenticated;
grant execute on function public.outbound_record_send_failure(uuid, text, text, boolean, text) to service_role;

-- Sandbox connections: the reply lands in the local outbox instead of a platform API.
create or replace function public.outbound_deliver_sandbox(p_message_id uuid, p_recipient text, p_request jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_msg public.messages;
  v_mode text;
  v_platform_id text;
begin
  select * into v_msg from public.messages where id = p_message_id for update;
  if not found then
    raise exception 'message % not found', p_message_id using errcode = 'PT404';
  end if;
  select mode into v_mode from public.channel_connections where tenant_id = v_msg.tenant_id and channel = v_msg.channel;
  if v_mode is distinct from 'sandbox' then
    raise exception 'the % connection is not in sandbox mode', v_msg.channel using errcode = 'PT409';
  end if;
  insert into public.outbox_messages (tenant_id, message_id, channel, recipient, request, platform_message_id)
  values (v_msg.tenant_id, v_msg.id, v_msg.channel, p_recipient, p_request, 'sandbox.' || gen_random_uuid())
  on conflict (message_id) do nothing
  returning platform_message_id into v_platform_id;
  if v_platform_id is null then
    select platform_message_id into v_platform_id from public.outbox_messages where message_id = v_msg.id;
  end if;
  return internal.mark_outbound_sent(v_msg.id, v_platform_id);
end $$;
revoke all on function public.outbound_deliver_sandbox(uuid, text, jsonb) from public, anon, authenticated;
grant execute on function public.outbound_deliver_sandbox(uuid, text, jsonb) to service_role;

-- Windows known without configuration, so staff hear at once instead of after a failed send.
create or replace function internal.human_reply_window_error(p_channel text, p_last_inbound_at timestamptz)
returns text
language sql stable set search_path = '' as $$
  select case
    when p_last_inbound_at is null then 'the customer has not written in this conversation yet'
    when p_channel = 'whatsapp' and p_last_inbound_at < now() - interval '24 hours' then
      'more than 24 hours since the customer''s last message: WhatsApp only allows approved templates now (not supported yet)'
    when p_channel in ('facebook', 'instagram') and p_last_inbound_at < now() - interval '7 days' then
      'more than 7 days since the customer''s last message: Meta allows no more replies until they write again'
  end
$$;
revoke all on function internal.human_reply_window_error(text, timestamptz) from public;

create or replace function public.profile_load_context(p_lead_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case when l.id is null then jsonb_build_object('found', false) else jsonb_build_object(
    'found', true,
    'lead', jsonb_build_object('id', l.id, 'tenant_id', l.tenant_id, 'name', l.name,
      'origin_channel', l.origin_channel, 'profile_fetched_at', l.profile_fetched_at),
    'identity', (select jsonb_build_object('channel', i.channel, 'external_id', i.external_id)
      from public.lead_identities i where i.lead_id = l.id and i.channel = l.origin_channel
      order by i.created_at limit 1),
    'connection', (select jsonb_build_object('mode', c.mode, 'status', c.status, 'page_id', c.page_id,
        'instagram_account_id', c.instagram_account_id, 'access_token_encrypted', c.access_token_encrypted)
      from public.channel_connections c where c.tenant_id = l.tenant_id and c.channel = l.origin_channel)
  ) end
  from (select 1) one left join public.leads l on l.id = p_lead_id
$$;
revoke all on function public.profile_load_context(uuid) from public, anon, authenticated;
grant execute on function public.profile_load_context(uuid) to service_role;

-- A name the lead already has (from the webhook or staff) is kept; the picture is refreshed.
create or replace function public.profile_record(p_lead_id uuid, p_external_id text, p_name text,
  p_username text, p_picture_url text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_lead public.leads;
begin
  update public.leads set
    name = coalesce(name, nullif(btrim(p_name), '')),
    profile_picture_url = coalesce(nullif(p_picture_url, ''), profile_picture_url),
    profile_fetched_at = now()
  where id = p_lead_id
  returning * into v_lead;
  if not found then
    raise exception 'lead % not found', p_lead_id using errcode = 'PT404';
  end if;
  if nullif(btrim(p_username), '') is not null then
    update public.lead_identities set username = btrim(p_username)
    where lead_id = p_lead_id and channel = v_lead.origin_channel and external_id = p_external_id;
  end if;
  return jsonb_build_object('id', v_lead.id, 'name', v_lead.name,
    'profile_picture_url', v_lead.profile_picture_url, 'profile_fetched_at', v_lead.profile_fetched_at);
end $$;
revoke all on function public.profile_record(uuid, text, text, text, text) from public, anon, authenticated;
grant execute on function public.profile_record(uuid, text, text, text, text) to service_role;

-- An invalid token found outside a send (the profile call): the channel needs reconnecting.
create or replace function public.channel_mark_needs_reauth(p_tenant_id uuid, p_channel text, p_error text)
returns void
language sql security definer set search_path = '' as $$
  update public.channel_connections set status = 'needs_reauth', last_error = left(p_error, 500)
  where tenant_id = p_tenant_id and channel = p_channel
$$;
revoke all on function public.channel_mark_needs_reauth(uuid, text, text) from public, anon, authenticated;
grant execute on function public.channel_mark_needs_reauth(uuid, text, text) to service_role;

create or replace function internal.mark_outbound_sent(p_message_id uuid, p_platform_message_id text)
returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
  v_attached boolean;
begin
  select * into v_msg from public.messages where id = p_message_id for update;
  if not found then
    raise exception 'message % not found', p_message_id using errcode = 'PT404';
  end if;
  if v_msg.platform_message_id is not null and v_msg.platform_message_id <> p_platform_message_id then
    return jsonb_build_object('recorded', false, 'platform_message_id', v_msg.platform_message_id,
      'delivery_status', v_msg.delivery_status);
  end if;
  -- False when another real message owns the id: ours is still sent (the customer got exactly
  -- one message), it just cannot carry the id.
  v_attached := internal.attach_platform_message_id(v_msg.tenant_id, v_msg.channel, v_msg.id, p_platform_message_id);
  update public.messages m set
    delivery_status = case when m.delivery_status in ('queued', 'sending') then 'sent' else m.delivery_status end,
    sent_at = coalesce(m.sent_at, now()),
    error_code = case when m.delivery_status in ('queued', 'sending') then null else m.error_code end,
    error_message = case when m.delivery_status in ('queued', 'sending') then null else m.error_message end
  where m.id = p_message_id
  returning * into v_msg;
  return jsonb_build_object('recorded', v_attached, 'platform_message_id', p_platform_message_id,
    'delivery_status', v_msg.delivery_status, 'id_conflict', not v_attached);
end $$;
revoke all on function internal.mark_outbound_sent(uuid, text) from public;

create or replace function public.outbound_begin_send(p_message_id uuid, p_tenant_id uuid, p_channel text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
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
      'sender', v_msg.sender, 'message_type', v_msg.message_type, 'text', v_msg.text,
      'send_attempts', v_msg.send_attempts + 1),
    'conversation', jsonb_build_object('id', v_conv.id, 'last_inbound_at', v_conv.last_inbound_at,
      'external_thread_id', v_conv.external_thread_id),
    'recipient', case when v_identity.id is null then null
      else jsonb_build_object('external_id', v_identity.external_id, 'phone', v_identity.phone) end,
    'connection', case when v_conn.id is null then null
      else jsonb_build_object('mode', v_conn.mode, 'status', v_conn.status,
        'phone_number_id', v_conn.phone_number_id, 'page_id', v_conn.page_id,
        'instagram_account_id', v_conn.instagram_account_id, 'tiktok_business_id', v_conn.tiktok_business_id,
        'access_token_encrypted', v_conn.access_token_encrypted) end,
    'replies_last_24h', v_replies);
end $$;
revoke all on function public.outbound_begin_send(uuid, uuid, text) from public, anon, authenticated;
grant execute on function public.outbound_begin_send(uuid, uuid, text) to service_role;

-- A refused staff reply names its reason as a machine code in the error's HINT (PostgREST and
-- node-postgres both pass it on), so the dashboard can say in the staff's language what to do
-- instead of "check the form". Also: Instagram counts its 1000 limit in UTF-8 bytes, so a reply of
-- 1000 characters with accents or emoji is refused here rather than by Meta after queueing.
create or replace function public.send_human_reply(p_tenant_id uuid, p_conversation_id uuid, p_user_id uuid,
  p_text text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_msg public.messages;
  v_text text := btrim(coalesce(p_text, ''));
  v_window_error text;
begin
  if coalesce(auth.role(), '') <> 'service_role' then
    if auth.uid() is null or auth.uid() is distinct from p_user_id
      or not public.is_tenant_member(p_tenant_id) then
      raise exception 'not a member of this tenant' using errcode = 'PT403';
    end if;
  end if;
  if not exists (select 1 from public.tenant_members where tenant_id = p_tenant_id and user_id = p_user_id) then
    raise exception 'user is not a member of this tenant' using errcode = 'PT403';
  end if;
  select * into v_conv from public.conversations where id = p_conversation_id and tenant_id = p_tenant_id for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_text = '' then
    raise exception 'the reply is empty' using errcode = 'PT400', hint = 'reply_empty';
  end if;
  if char_length(v_text) > internal.channel_text_limit(v_conv.channel)
    or (v_conv.channel = 'instagram' and octet_length(v_text) > internal.channel_text_limit('instagram')) then
    raise exception 'the reply is longer than % allows (% %)', v_conv.channel,
      internal.channel_text_limit(v_conv.channel),
      case when v_conv.channel = 'instagram' then 'bytes' else 'characters' end
      using errcode = 'PT400', hint = 'reply_too_long_' || v_conv.channel;
  end if;
  v_window_error := internal.human_reply_window_error(v_conv.channel, v_conv.last_inbound_at);
  if v_window_error is not null then
    raise exception '%', v_window_error using errcode = 'PT400', hint = case
      when v_conv.last_inbound_at is null then 'no_customer_message'
      when v_conv.channel = 'whatsapp' then 'whatsapp_template_required'
      else 'meta_window_closed' end;
  end if;
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, sent_by_user_id, delivery_status)
  values (p_tenant_id, v_conv.id, v_conv.lead_id, v_conv.channel, 'outbound', 'human', 'text', v_text,
    p_user_id, 'queued')
  returning * into v_msg;
  update public.conversations set last_message_at = now() where id = v_conv.id;
  perform internal.enqueue_send_job(v_msg);
  return to_jsonb(v_msg) - 'raw_payload';
end $$;
revoke all on function public.send_human_reply(uuid, uuid, uuid, text) from public, anon;
grant execute on function public.send_human_reply(uuid, uuid, uuid, text) to authenticated, service_role;
