-- No customer left without an answer, even when a job dies. An ai_response job that ends as a
-- dead letter without recording a reply (its worker died on the last attempt, the database call
-- failed) or a send job that ends failed (refused, cut off, token expired) used to leave the
-- conversation with the AI and the customer with nothing. Now the dead letter enqueues an
-- escalate_unanswered job: it sends the tenant's fallback message where the AI never answered,
-- and hands the conversation to a person with the reason, unless someone answered meanwhile.
-- A job, not work inside the trigger: the trigger runs in fail_job and claim_jobs, which hold job
-- rows, and taking a conversation there could deadlock with ai_record_reply.

create or replace function internal.is_uuid(p_value text) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(p_value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', false)
$$;

-- Security definer: whoever fails the job, the follow-up is written with the queue's rights.
create or replace function internal.enqueue_escalation_for_dead_letter() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_conversation_id uuid;
  v_message_id uuid;
  v_reason text;
begin
  if new.tenant_id is null then
    return null;
  end if;
  if new.job_type = 'ai_response' and internal.is_uuid(new.payload ->> 'conversation_id') then
    v_conversation_id := (new.payload ->> 'conversation_id')::uuid;
    v_reason := 'The AI could not answer: ';
  elsif new.job_type in ('send_whatsapp', 'send_instagram', 'send_facebook', 'send_tiktok')
    and internal.is_uuid(new.payload ->> 'message_id') then
    -- Only automated replies: a person whose own reply failed sees it in the thread.
    select m.conversation_id, m.id into v_conversation_id, v_message_id from public.messages m
    where m.id = (new.payload ->> 'message_id')::uuid and m.tenant_id = new.tenant_id
      and m.direction = 'outbound' and m.sender in ('ai', 'system');
    v_reason := 'The reply could not be sent: ';
  end if;
  if v_conversation_id is null then
    return null;
  end if;
  insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key)
  values (new.tenant_id, 'escalate_unanswered', jsonb_build_object('conversation_id', v_conversation_id,
    'failed_message_id', v_message_id, 'dead_job_id', new.id,
    'reason', left(v_reason || coalesce(regexp_replace(new.error_message, '^[A-Za-z]*Error: ', ''), 'unknown error'), 500)),
    10, 'escalate:' || v_conversation_id)
  on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing;
  return null;
end $$;

create trigger jobs_escalate_dead_letters
  after update of status on public.jobs
  for each row
  when (new.status = 'failed' and old.status is distinct from 'failed'
    and new.job_type in ('ai_response', 'send_whatsapp', 'send_instagram', 'send_facebook', 'send_tiktok'))
  execute function internal.enqueue_escalation_for_dead_letter();

-- Runs the escalate_unanswered job and completes it in one transaction. Outcomes: 'escalated'
-- (with 'fallback_message_id' when the fallback was queued), or 'not_needed' with a reason.
create or replace function public.escalate_unanswered(p_job_id uuid, p_locked_by text, p_attempts integer,
  p_conversation_id uuid, p_failed_message_id uuid, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_job public.jobs;
  v_conv public.conversations;
  v_failed public.messages;
  v_latest public.messages;
  v_fallback text;
  v_msg public.messages;
  v_result jsonb;
  v_follow_ups jsonb := '[]'::jsonb;
begin
  select * into v_job from public.jobs where id = p_job_id;
  -- Lead before conversation, the order ingest_webhook and ai_record_reply take them in.
  perform 1 from public.leads
  where id = (select c.lead_id from public.conversations c where c.id = p_conversation_id)
  for update;
  select * into v_conv from public.conversations
  where id = p_conversation_id and tenant_id is not distinct from v_job.tenant_id
  for update;
  if p_failed_message_id is not null then
    select * into v_failed from public.messages
    where id = p_failed_message_id and conversation_id = p_conversation_id for update;
    -- The send job is dead, so nothing will settle a send still marked in flight.
    if v_failed.delivery_status = 'sending' and v_failed.platform_message_id is null then
      update public.messages set delivery_status = 'failed', failed_at = now(), error_code = 'send_unconfirmed',
        error_message = 'The send was cut off and never confirmed: check the chat before sending it again.'
      where id = v_failed.id
      returning * into v_failed;
    end if;
  end if;

  if v_conv.id is null then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'conversation_missing');
  elsif v_conv.status not in ('active', 'pending') then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'conversation_' || v_conv.status);
  elsif v_conv.handled_by = 'human' or v_conv.escalated_at is not null then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'with_a_person');
  elsif v_failed.id is not null and v_failed.delivery_status in ('sent', 'delivered', 'read', 'played') then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'reply_confirmed');
  elsif v_failed.id is not null and exists (select 1 from public.messages m
      where m.conversation_id = v_conv.id and m.direction = 'outbound' and m.created_at > v_failed.created_at
        and m.delivery_status in ('queued', 'sending', 'sent', 'delivered', 'read', 'played')) then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'answered_since');
  else
    v_latest := internal.latest_inbound(v_conv.id);
    if p_failed_message_id is null and (v_latest.id is null or internal.latest_inbound_answered(v_conv.id, v_latest)) then
      v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'already_answered');
    else
      if p_failed_message_id is null then
        -- The AI never answered: the customer gets the fallback message, as on a last failed attempt.
        select nullif(btrim(a.fallback_message), '') into v_fallback from public.ai_tenant_context a
        where a.tenant_id = v_conv.tenant_id;
      end if;
      if v_fallback is not null then
        insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
          text, delivery_status)
        values (v_conv.tenant_id, v_conv.id, v_conv.lead_id, v_conv.channel, 'outbound', 'system', 'text',
          left(v_fallback, internal.channel_text_limit(v_conv.channel)), 'queued')
        returning * into v_msg;
        v_follow_ups := jsonb_build_array(jsonb_build_object('job_type', 'send_' || v_conv.channel,
          'tenant_id', v_conv.tenant_id, 'payload', jsonb_build_object('message_id', v_msg.id),
          'dedupe_key', 'send:' || v_msg.id, 'priority', 10));
      end if;
      update public.conversations set handled_by = 'human', status = 'pending', escalated_at = now(),
        escalation_reason = left(coalesce(nullif(btrim(p_reason), ''), 'A job failed'), 500),
        last_message_at = case when v_msg.id is null then last_message_at else now() end
      where id = v_conv.id;
      v_result := jsonb_build_object('outcome', 'escalated', 'fallback_message_id', v_msg.id);
    end if;
  end if;
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result, v_follow_ups);
  return v_result;
end $$;

revoke all on function internal.is_uuid(text) from public;
revoke all on function internal.enqueue_escalation_for_dead_letter() from public;
revoke all on function public.escalate_unanswered(uuid, text, integer, uuid, uuid, text)
  from public, anon, authenticated;
grant execute on function public.escalate_unanswered(uuid, text, integer, uuid, uuid, text) to service_role;
