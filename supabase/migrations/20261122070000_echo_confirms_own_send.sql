-- An echo of our own send (Messenger/Instagram is_echo, TikTok im_send_msg) is recognised by the
-- metadata marker or, without it, by its text. Two gaps closed here:
-- * The text match skipped sender 'system' (the fallback and the hand-off message), so their
--   TikTok echoes were stored again as a staff message: the thread showed them twice.
-- * A send cut off before its answer is failed 'send_unconfirmed' ("check the chat"). Its echo
--   proves the customer got it: the message is now marked sent with the echo's id instead of
--   staying failed next to a copy stored as a staff message (as WhatsApp statuses do since
--   20261122060100).

create or replace function internal.find_own_send(
  p_conn public.channel_connections,
  p_event jsonb,
  p_conversation_id uuid
) returns uuid
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
begin
  if p_event ->> 'own_message_id' is not null then
    select * into v_msg from public.messages m
    where m.id = (p_event ->> 'own_message_id')::uuid and m.tenant_id = p_conn.tenant_id
      and m.channel = p_conn.channel and m.direction = 'outbound'
    for update;
  elsif p_conversation_id is not null and p_event ->> 'text' is not null then
    select * into v_msg from public.messages m
    where m.conversation_id = p_conversation_id and m.direction = 'outbound'
      and m.sender in ('ai', 'human', 'system') and m.platform_message_id is null
      and (m.delivery_status in ('queued', 'sending')
        or (m.delivery_status = 'failed' and m.error_code = 'send_unconfirmed'))
      and m.text = p_event ->> 'text'
    order by m.created_at desc
    limit 1
    for update;
  end if;
  if v_msg.id is null then
    return null;
  end if;
  if v_msg.delivery_status = 'failed' and v_msg.error_code = 'send_unconfirmed'
    and v_msg.platform_message_id is null and p_event ->> 'platform_message_id' is not null then
    -- The platform took it: the cut-off send was not the end of it.
    update public.messages set delivery_status = 'sending', error_code = null, error_message = null,
      failed_at = null
    where id = v_msg.id;
    perform internal.mark_outbound_sent(v_msg.id, p_event ->> 'platform_message_id');
  end if;
  return v_msg.id;
end $$;

revoke all on function internal.find_own_send(public.channel_connections, jsonb, uuid) from public;
