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
