-- Squashed on 2026-12-07 (see README.md): the AI reply. Context for Claude, recording a reply
-- with its score and escalation, signal weights and classification.

create or replace function internal.lead_signal_weight(p_signal text) returns integer
language sql immutable set search_path = '' as $$
  select case p_signal
    when 'interested' then 10 when 'urgent' then 15 when 'budget_mentioned' then 20
    when 'decision_maker' then 15 when 'comparing' then 5 when 'not_interested' then -20
    when 'spam' then -50
  end
$$;
revoke all on function internal.lead_signal_weight(text) from public;

create or replace function internal.lead_classification(p_score integer) returns text
language sql immutable set search_path = '' as $$
  select case when p_score >= 70 then 'hot' when p_score >= 40 then 'warm' else 'cold' end
$$;
revoke all on function internal.lead_classification(integer) from public;

create or replace function internal.latest_inbound(p_conversation_id uuid) returns public.messages
language sql stable set search_path = '' as $$
  select * from public.messages m
  where m.conversation_id = p_conversation_id and m.direction = 'inbound'
  order by m.created_at desc, m.id desc limit 1
$$;
revoke all on function internal.latest_inbound(uuid) from public;

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
revoke all on function internal.latest_inbound_answered(uuid, public.messages) from public;

-- ai_record_reply took the conversation's lock and then the lead's, while ingest_webhook takes the
-- lead's and then the conversation's: a message arriving while its person's previous message was
-- being answered could deadlock the two (40P01; nothing lost, but a 500 or a retry). Now the lead
-- is locked first, as ingest does. Also, the signals of one customer message are scored once: when
-- a platform refused the first reply and the AI answers the same message again, the lead's score
-- no longer moves twice.
-- p_reply: {text, sender 'ai'|'system', generated_by 'claude'|'offline'|null, signals[], intent,
-- escalate, escalation_reason}. Re-checks under the conversation lock that the reply is still
-- wanted (no newer customer message, no human took over), then writes it all and finishes the
-- job through the queue, so a lost lease rolls every row back.
create or replace function public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer,
  p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
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
begin
  select array(select distinct s from jsonb_array_elements_text(coalesce(p_reply -> 'signals', '[]'::jsonb)) s order by s)
    into v_signals;
  if exists (select 1 from unnest(v_signals) s where internal.lead_signal_weight(s) is null) then
    raise exception 'unknown lead signal in %', v_signals using errcode = 'PT400';
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
        text, generated_by, delivery_status)
      values (v_conv.tenant_id, v_conv.id, v_conv.lead_id, v_conv.channel, 'outbound', v_sender, 'text', v_text,
        v_generated_by, 'queued')
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
end $$;
revoke all on function public.ai_record_reply(uuid, text, integer, uuid, uuid, jsonb) from public, anon, authenticated;
grant execute on function public.ai_record_reply(uuid, text, integer, uuid, uuid, jsonb) to service_role;

create or replace function public.ai_load_context(p_conversation_id uuid, p_history_limit integer default 20)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_latest public.messages;
  v_result jsonb;
begin
  select * into v_conv from public.conversations where id = p_conversation_id;
  if not found then
    return jsonb_build_object('found', false);
  end if;
  v_latest := internal.latest_inbound(v_conv.id);
  select jsonb_build_object(
    'found', true,
    'now', now(),
    'tenant', jsonb_build_object('id', t.id, 'name', t.name, 'timezone', t.timezone, 'locale', t.locale),
    'ai', case when a.tenant_id is null then null else to_jsonb(a) - 'tenant_id' - 'updated_at' end,
    'conversation', jsonb_build_object('id', v_conv.id, 'channel', v_conv.channel, 'status', v_conv.status,
      'handled_by', v_conv.handled_by, 'escalated_at', v_conv.escalated_at, 'last_inbound_at', v_conv.last_inbound_at),
    'lead', jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score, 'classification', l.classification,
      'origin_channel', l.origin_channel, 'created_at', l.created_at),
    'connection', case when c.id is null then null
      else jsonb_build_object('mode', c.mode, 'status', c.status, 'ai_enabled', c.ai_enabled) end,
    'latest_inbound', case when v_latest.id is null then null
      else jsonb_build_object('id', v_latest.id, 'created_at', v_latest.created_at) end,
    'answered', internal.latest_inbound_answered(v_conv.id, v_latest),
    'inbound_count', (select count(*) from public.messages m
      where m.conversation_id = v_conv.id and m.direction = 'inbound'),
    'history', coalesce((
      select jsonb_agg(jsonb_build_object('id', h.id, 'direction', h.direction, 'sender', h.sender,
        'message_type', h.message_type, 'text', h.text, 'created_at', h.created_at,
        'deleted', h.delivery_status = 'deleted') order by h.created_at, h.id)
      from (
        select * from public.messages m
        where m.conversation_id = v_conv.id and not (m.direction = 'outbound' and m.delivery_status = 'failed')
        order by m.created_at desc, m.id desc
        limit greatest(1, least(coalesce(p_history_limit, 20), 100))
      ) h), '[]'::jsonb))
  into v_result
  from public.tenants t
  join public.leads l on l.id = v_conv.lead_id
  left join public.ai_tenant_context a on a.tenant_id = t.id
  left join public.channel_connections c on c.tenant_id = t.id and c.channel = v_conv.channel
  where t.id = v_conv.tenant_id;
  return v_result;
end $$;
revoke all on function public.ai_load_context(uuid, integer) from public, anon, authenticated;
grant execute on function public.ai_load_context(uuid, integer) to service_role;
