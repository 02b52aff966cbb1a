-- Booking in the conversation (issue 15 §2). The AI message records the appointment tools
-- Claude called while composing it (name, input, outcome), for staff to see; written by
-- ai_record_reply in its one call, from p_reply's tool_calls. appointment_catalog_for_ai lists
-- the tenant's bookable services (active, at a branch where an active resource does them):
-- empty means the AI is offered no tools.
alter table public.messages add column ai_tool_calls jsonb
  check (ai_tool_calls is null or jsonb_typeof(ai_tool_calls) = 'array');

create or replace function public.appointment_catalog_for_ai(p_tenant_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('service_id', s.id, 'service_name', s.name,
      'duration_minutes', s.duration_minutes, 'price_min', s.price_min, 'price_max', s.price_max,
      'currency', s.currency,
      'branches', (select jsonb_agg(jsonb_build_object('branch_id', b.id, 'branch_name', b.name,
          'address', b.address, 'timezone', b.timezone) order by b.name)
        from public.branches b
        join public.service_branches sb on sb.branch_id = b.id and sb.service_id = s.id
        where exists (select 1 from public.resources r
          join public.resource_services rs on rs.resource_id = r.id and rs.service_id = s.id
          where r.branch_id = b.id and r.active)))
    order by s.name), '[]'::jsonb)
  from public.services s
  where s.tenant_id = p_tenant_id and s.active
    and exists (select 1 from public.service_branches sb
      join public.resources r on r.branch_id = sb.branch_id and r.active
      join public.resource_services rs on rs.resource_id = r.id and rs.service_id = s.id
      where sb.service_id = s.id)
$$;
revoke all on function public.appointment_catalog_for_ai(uuid) from public, anon, authenticated;
grant execute on function public.appointment_catalog_for_ai(uuid) to service_role;
comment on function public.appointment_catalog_for_ai(uuid) is
  '@returns { service_id: string; service_name: string; duration_minutes: number; price_min: number | null; price_max: number | null; currency: string; branches: { branch_id: string; branch_name: string; address: string | null; timezone: string }[] }[]';

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
        text, generated_by, delivery_status, ai_tool_calls)
      values (v_conv.tenant_id, v_conv.id, v_conv.lead_id, v_conv.channel, 'outbound', v_sender, 'text', v_text,
        v_generated_by, 'queued', v_tool_calls)
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

-- The conversation view shows staff each AI message's tool calls.
CREATE OR REPLACE FUNCTION public.dashboard_conversation(p_tenant_id uuid, p_conversation_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_conversation public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_conversation from public.conversations c
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id;
  if v_conversation.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'conversation', to_jsonb(v_conversation) - 'tenant_id' - 'branch_id',
    'lead', (select jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score,
        'classification', l.classification, 'origin_channel', l.origin_channel)
      from public.leads l where l.id = v_conversation.lead_id),
    'messages', (
      select coalesce(jsonb_agg(to_jsonb(x) order by x.created_at, x.id), '[]'::jsonb)
      from (
        select m.id, m.direction, m.sender, m.message_type, m.text, m.media, m.generated_by,
          m.ai_tool_calls, m.delivery_status, m.error_code, m.error_message, m.created_at, m.sent_at, m.delivered_at,
          m.read_at, m.failed_at,
          (select u.email from auth.users u where u.id = m.sent_by_user_id) as sent_by_email
        from public.messages m where m.conversation_id = v_conversation.id and m.tenant_id = p_tenant_id
        order by m.created_at desc, m.id desc limit 200
      ) x));
end $function$;
comment on function public.dashboard_conversation(p_tenant_id uuid, p_conversation_id uuid) is '@returns { conversation: { id: string; lead_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; escalation_reason: string | null; external_thread_id: string | null; last_inbound_at: string | null; last_message_at: string | null; created_at: string; updated_at: string }; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok'' }; messages: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; media: { [key: string]: Json | undefined } | null; generated_by: ''claude'' | ''offline'' | null; ai_tool_calls: { name: string; outcome: string; appointment_id: string | null; is_error: boolean }[] | null; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; error_code: string | null; error_message: string | null; created_at: string; sent_at: string | null; delivered_at: string | null; read_at: string | null; failed_at: string | null; sent_by_email: string | null }[] }';
