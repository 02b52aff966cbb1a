-- Outbound messages that are more than words (issue 16): a WhatsApp template, buttons or a list,
-- a photo or a document. `text` stays the readable version (the template's filled-in body, the
-- question above the buttons, the caption) for the thread, search and the AI's history;
-- `content` holds what the sender renders per channel (src/channels/outbound-content.ts).
alter table public.messages add column content jsonb;
alter table public.messages add constraint messages_content_check
  check (content is null or (jsonb_typeof(content) = 'object' and content ? 'kind'));

-- outbound_begin_send hands the content to the sender.
CREATE OR REPLACE FUNCTION public.outbound_begin_send(p_message_id uuid, p_tenant_id uuid, p_channel text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
      'sender', v_msg.sender, 'message_type', v_msg.message_type, 'text', v_msg.text, 'content', v_msg.content,
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
end $function$;

revoke all on function public.outbound_begin_send(p_message_id uuid, p_tenant_id uuid, p_channel text) from public, anon, authenticated;
grant execute on function public.outbound_begin_send(p_message_id uuid, p_tenant_id uuid, p_channel text) to service_role;
comment on function public.outbound_begin_send(p_message_id uuid, p_tenant_id uuid, p_channel text) is '@returns { action: ''missing'' } | { action: ''not_sendable''; channel: string; direction: string } | { action: ''already_sent''; platform_message_id: string | null } | { action: ''already_failed''; error_code: string | null } | { action: ''superseded'' } | { action: ''unconfirmed''; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; seconds_since_send: number } | { action: ''send''; now: string; message: { id: string; tenant_id: string; conversation_id: string; lead_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; content: Record<string, unknown> | null; send_attempts: number }; conversation: { id: string; last_inbound_at: string | null; external_thread_id: string | null }; recipient: { external_id: string; phone: string | null } | null; connection: { mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; phone_number_id: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token_encrypted: string | null } | null; replies_last_24h: number }';
