-- Issue 16 §3, "the AI sees what the customer sent": the AI's context carries each history
-- message's files (kind, type, size, whether stored, where, transcript), two AI settings about
-- media (the byte budget of files sent to Claude per reply, and what to do with a voice note
-- that has no transcript), and the voice-note transcription's own small SQL surface.

alter table public.ai_tenant_context
  -- Bytes of images and PDFs sent to Claude with one reply: the newest files that fit go, older
  -- ones are described in words. 0 sends none. Default 8 MiB (below Claude's 32 MB request cap).
  add column media_turn_byte_budget integer not null default 8388608
    check (media_turn_byte_budget between 0 and 33554432),
  -- A voice note that could not be transcribed (no OpenAI key, or transcription failed): ask the
  -- customer to write, or hand the conversation to a person.
  add column voice_without_transcript text not null default 'ask_to_write'
    check (voice_without_transcript in ('ask_to_write', 'hand_over'));

create function internal.check_ai_media_settings_patch(p_patch jsonb) returns void
language plpgsql immutable set search_path = '' as $$
declare
  v jsonb := p_patch -> 'media_turn_byte_budget';
begin
  if p_patch ? 'media_turn_byte_budget' and not (jsonb_typeof(v) = 'number'
      and (v #>> '{}')::numeric between 0 and 33554432 and (v #>> '{}')::numeric = trunc((v #>> '{}')::numeric)) then
    perform internal.ai_setting_refused('media_turn_byte_budget', 'a whole number of bytes from 0 to 33554432');
  end if;
  if p_patch ? 'voice_without_transcript'
      and coalesce(p_patch ->> 'voice_without_transcript', '') not in ('ask_to_write', 'hand_over') then
    perform internal.ai_setting_refused('voice_without_transcript', 'ask_to_write or hand_over');
  end if;
end $$;
revoke all on function internal.check_ai_media_settings_patch(jsonb) from public, anon, authenticated, service_role;

CREATE OR REPLACE FUNCTION public.ai_load_context(p_conversation_id uuid, p_history_limit integer DEFAULT 20)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
        'deleted', h.delivery_status = 'deleted',
        'media', (select coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'kind', f.kind, 'mime_type', f.mime_type,
            'byte_size', f.byte_size, 'status', f.status, 'storage_path', f.storage_path, 'filename', f.filename,
            'transcript', f.transcript, 'transcript_status', f.transcript_status) order by f.created_at, f.id), '[]'::jsonb)
          from public.media_files f where f.message_id = h.id and f.tenant_id = v_conv.tenant_id))
        order by h.created_at, h.id)
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
end $function$;;
revoke all on function public.ai_load_context(p_conversation_id uuid, p_history_limit integer) from public, anon, authenticated;
grant execute on function public.ai_load_context(p_conversation_id uuid, p_history_limit integer) to service_role;
comment on function public.ai_load_context(p_conversation_id uuid, p_history_limit integer) is '@returns { found: false } | { found: true; now: string; tenant: { id: string; name: string; timezone: string; locale: string }; ai: { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; media_turn_byte_budget: number; voice_without_transcript: ''ask_to_write'' | ''hand_over''; } | null; conversation: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; last_inbound_at: string | null }; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; created_at: string }; connection: { mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean } | null; latest_inbound: { id: string; created_at: string } | null; answered: boolean; inbound_count: number; history: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; created_at: string; deleted: boolean; media: { id: string; kind: ''image'' | ''audio'' | ''video'' | ''document'' | ''sticker''; mime_type: string | null; byte_size: number | null; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused''; storage_path: string | null; filename: string | null; transcript: string | null; transcript_status: ''pending'' | ''done'' | ''failed'' | ''skipped'' | null }[] }[] }';

CREATE OR REPLACE FUNCTION public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'max_tokens', 'model',
    'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge',
    'media_turn_byte_budget', 'voice_without_transcript'];
  v_unknown text;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_patch is null or jsonb_typeof(p_patch) <> 'object' then
    raise exception 'patch must be an object' using errcode = 'PT400';
  end if;
  select k into v_unknown from jsonb_object_keys(p_patch) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown AI setting %', v_unknown using errcode = 'PT400';
  end if;
  perform internal.check_ai_settings_patch(p_patch);
  perform internal.check_ai_media_settings_patch(p_patch);
  insert into public.ai_tenant_context (tenant_id) values (p_tenant_id) on conflict (tenant_id) do nothing;
  update public.ai_tenant_context a set
    system_prompt = coalesce(p_patch ->> 'system_prompt', a.system_prompt),
    business_hours = coalesce(p_patch -> 'business_hours', a.business_hours),
    response_style = coalesce(p_patch ->> 'response_style', a.response_style),
    max_tokens = coalesce((p_patch ->> 'max_tokens')::integer, a.max_tokens),
    model = case when p_patch ? 'model' then nullif(p_patch ->> 'model', '') else a.model end,
    escalation_keywords = case when p_patch ? 'escalation_keywords'
      then array(select jsonb_array_elements_text(p_patch -> 'escalation_keywords')) else a.escalation_keywords end,
    auto_escalate_after_messages = case when p_patch ? 'auto_escalate_after_messages'
      then (p_patch ->> 'auto_escalate_after_messages')::integer else a.auto_escalate_after_messages end,
    fallback_message = coalesce(p_patch ->> 'fallback_message', a.fallback_message),
    knowledge = coalesce(p_patch -> 'knowledge', a.knowledge),
    media_turn_byte_budget = coalesce((p_patch ->> 'media_turn_byte_budget')::integer, a.media_turn_byte_budget),
    voice_without_transcript = coalesce(p_patch ->> 'voice_without_transcript', a.voice_without_transcript)
  where a.tenant_id = p_tenant_id;
  return (select to_jsonb(a) - 'tenant_id' from public.ai_tenant_context a where a.tenant_id = p_tenant_id);
end $function$;;
revoke all on function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) from public, anon;
grant execute on function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) to authenticated, service_role;
comment on function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) is '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; media_turn_byte_budget: number; voice_without_transcript: ''ask_to_write'' | ''hand_over''; updated_at: string }';

comment on function public.dashboard_ai_settings(p_tenant_id uuid) is '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; media_turn_byte_budget: number; voice_without_transcript: ''ask_to_write'' | ''hand_over''; updated_at: string } | null';
