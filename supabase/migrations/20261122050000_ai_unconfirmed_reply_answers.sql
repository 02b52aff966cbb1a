-- A reply whose send was cut off (send_unconfirmed: the platform may have delivered it) counts
-- as an answer. Found by the flaky-upstream fault test: when a newer ai_response job answered
-- first and its send ended unconfirmed, the older job's retry answered the same messages again
-- and the customer could get both. Only definitely refused replies leave a message unanswered.
create or replace function internal.latest_inbound_answered(p_conversation_id uuid, p_latest_inbound public.messages)
returns boolean
language sql stable set search_path = '' as $$
  select p_latest_inbound.id is not null and exists (
    select 1 from public.messages m
    where m.conversation_id = p_conversation_id and m.direction = 'outbound'
      and (m.delivery_status <> 'failed' or m.error_code = 'send_unconfirmed')
      and (m.created_at, m.id) > (p_latest_inbound.created_at, p_latest_inbound.id))
$$;
