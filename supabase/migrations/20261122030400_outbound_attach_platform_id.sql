-- The sender's result now goes through the webhook side's internal.attach_platform_message_id
-- (issue 3): an echo that raced the sender and was stored as its own row is folded into ours,
-- and statuses that arrived before the id are applied in order. Replaces the guarded version.

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
