-- The AI's reply may carry choices (issue 16 §2): `p_reply.content`, already checked against the
-- channel's limits by the job, is stored on the message for the sender to render.
CREATE OR REPLACE FUNCTION public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_conv public.conversations;
  v_latest public.messages;
  v_msg public.messages;
  v_lead public.leads;
  v_text text := nullif(btrim(coalesce(p_reply ->> 'text', '')), '');
  v_sender text := coalesce(p_reply ->> 'sender', 'ai');
  v_generated_by text := p_reply ->> 'generated_by';
  v_escalate boolean := coalesce((p_reply ->> 'escalate')::boolean, false);
  v_signals text[];
  v_delta integer := 0;
  v_after integer;
  v_result jsonb;
  v_follow_ups jsonb := '[]'::jsonb;
  v_tool_calls jsonb := nullif(p_reply -> 'tool_calls', 'null'::jsonb);
begin
  if v_tool_calls is not null and (jsonb_typeof(v_tool_calls) <> 'array' or jsonb_array_length(v_tool_calls) > 20) then
    raise exception 'tool_calls must be a list of at most 20 calls' using errcode = 'PT400';
  end if;
  select array(select distinct s from jsonb_array_elements_text(coalesce(p_reply -> 'signals', '[]'::jsonb)) s order by s)
    into v_signals;
  if exists (select 1 from unnest(v_signals) s where internal.lead_signal_weight(s) is null) then
    raise exception 'unknown lead signal in %', v_signals using errcode = 'PT400';
  end if;
  -- A complaint or a request for a person never raises the score, whatever words it used
  -- ("quiero poner una queja" is not interest); negative signals still count.
  if p_reply ->> 'intent' in ('complaint', 'human_request') then
    v_signals := array(select s from unnest(v_signals) s where internal.lead_signal_weight(s) <= 0);
  end if;
  if v_sender not in ('ai', 'system') then
    raise exception 'sender must be ai or system' using errcode = 'PT400';
  end if;

  -- Lead before conversation, the order ingest_webhook locks them in.
  select * into v_lead from public.leads
  where id = (select c.lead_id from public.conversations c where c.id = p_conversation_id)
  for update;
  select * into v_conv from public.conversations where id = p_conversation_id for update;
  if not found then
    v_result := jsonb_build_object('outcome', 'skipped', 'reason', 'conversation_missing');
  else
    v_latest := internal.latest_inbound(v_conv.id);
    if v_latest.id is distinct from p_latest_inbound_id then
      v_result := jsonb_build_object('outcome', 'discarded', 'reason', 'stale');
    elsif v_conv.handled_by = 'human' then
      v_result := jsonb_build_object('outcome', 'discarded', 'reason', 'human_handled');
    elsif v_conv.escalated_at is not null then
      v_result := jsonb_build_object('outcome', 'discarded', 'reason', 'escalated');
    elsif v_conv.status in ('resolved', 'closed') then
      v_result := jsonb_build_object('outcome', 'discarded', 'reason', 'conversation_' || v_conv.status);
    elsif internal.latest_inbound_answered(v_conv.id, v_latest) then
      v_result := jsonb_build_object('outcome', 'discarded', 'reason', 'already_answered');
    elsif v_text is null then
      raise exception 'a reply needs text' using errcode = 'PT400';
    elsif char_length(v_text) > internal.channel_text_limit(v_conv.channel) then
      raise exception 'reply longer than the % limit', v_conv.channel using errcode = 'PT400';
    else
      insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
        text, generated_by, delivery_status, ai_tool_calls, content)
      values (v_conv.tenant_id, v_conv.id, v_conv.lead_id, v_conv.channel, 'outbound', v_sender, 'text', v_text,
        v_generated_by, 'queued', v_tool_calls,
        case when jsonb_typeof(p_reply -> 'content') = 'object' then p_reply -> 'content' end)
      returning * into v_msg;

      v_after := v_lead.score;
      if cardinality(v_signals) > 0 and not exists (select 1 from public.lead_score_events e
        where e.lead_id = v_lead.id and e.message_id = v_latest.id) then
        select coalesce(sum(internal.lead_signal_weight(s)), 0) into v_delta from unnest(v_signals) s;
        v_after := greatest(0, least(100, v_lead.score + v_delta));
        update public.leads set score = v_after, classification = internal.lead_classification(v_after)
        where id = v_lead.id;
        insert into public.lead_score_events (tenant_id, lead_id, message_id, delta, score_before, score_after,
          classification_after, signals, reason)
        values (v_conv.tenant_id, v_lead.id, v_latest.id, v_after - v_lead.score, v_lead.score, v_after,
          internal.lead_classification(v_after), v_signals, left(coalesce(p_reply ->> 'intent', v_generated_by), 200));
      end if;

      if v_escalate then
        update public.conversations set handled_by = 'human', status = 'pending', escalated_at = now(),
          escalation_reason = left(coalesce(nullif(p_reply ->> 'escalation_reason', ''), 'escalated'), 500),
          last_message_at = now()
        where id = v_conv.id;
      else
        update public.conversations set last_message_at = now() where id = v_conv.id;
      end if;

      v_follow_ups := jsonb_build_array(jsonb_build_object('job_type', 'send_' || v_conv.channel,
        'tenant_id', v_conv.tenant_id, 'payload', jsonb_build_object('message_id', v_msg.id),
        'dedupe_key', 'send:' || v_msg.id, 'priority', 10));
      v_result := jsonb_build_object('outcome', 'replied', 'message_id', v_msg.id, 'sender', v_sender,
        'generated_by', v_generated_by, 'signals', to_jsonb(v_signals), 'score_before', v_lead.score,
        'score_after', v_after, 'classification', internal.lead_classification(v_after),
        'escalated', v_escalate, 'intent', p_reply ->> 'intent');
    end if;
  end if;
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result, v_follow_ups);
  return v_result;
end $function$;
revoke all on function public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb) from public, anon, authenticated;
grant execute on function public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb) to service_role;
comment on function public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb) is '@returns { outcome: ''skipped'' | ''discarded''; reason: string } | { outcome: ''replied''; message_id: string; sender: ''ai'' | ''system''; generated_by: string | null; signals: string[]; score_before: number; score_after: number; classification: ''hot'' | ''warm'' | ''cold''; escalated: boolean; intent: string | null }';
