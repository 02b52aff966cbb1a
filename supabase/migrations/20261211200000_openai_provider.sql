-- Issue 17 §3, OpenAI as a second provider: the tenant chooses Claude (anthropic) or OpenAI for
-- its AI, a model from that provider's allowlist, and whether the job may answer with the other
-- provider when the chosen one is down. Usage is recorded per provider; the overview sums it per
-- provider. The message says which provider wrote it (generated_by 'openai').

alter table public.ai_tenant_context
  add column ai_provider text not null default 'anthropic' check (ai_provider in ('anthropic', 'openai')),
  -- Off by default: a deployment with OPENAI_API_KEY only for voice notes changes nothing.
  add column ai_provider_fallback boolean not null default false;

alter table internal.ai_model_allowlist drop constraint ai_model_allowlist_provider_check;
alter table internal.ai_model_allowlist add constraint ai_model_allowlist_provider_check
  check (provider in ('anthropic', 'openai'));
-- The default of OPENAI_MODELS; the app replaces it with the configured list when it starts.
insert into internal.ai_model_allowlist (provider, model) values
  ('openai', 'gpt-6.2-luna'), ('openai', 'gpt-6.1-terra'), ('openai', 'gpt-6.1-sol');

alter table public.ai_usage drop constraint ai_usage_provider_check;
alter table public.ai_usage add constraint ai_usage_provider_check check (provider in ('anthropic', 'openai'));

alter table public.messages drop constraint messages_generated_by_check;
alter table public.messages add constraint messages_generated_by_check
  check (generated_by in ('claude', 'openai', 'offline'));

create or replace function internal.ai_usage_valid(p_usage jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(p_usage) = 'object'
    and p_usage ->> 'provider' in ('anthropic', 'openai')
    and coalesce(char_length(p_usage ->> 'model'), 0) between 1 and 100
    and not exists (
      select 1 from unnest(array['input_tokens', 'output_tokens', 'cache_creation_input_tokens',
        'cache_read_input_tokens']) k
      where (p_usage ? k or k in ('input_tokens', 'output_tokens'))
        and not (jsonb_typeof(p_usage -> k) = 'number' and (p_usage ->> k)::numeric between 0 and 2000000000
          and (p_usage ->> k)::numeric = trunc((p_usage ->> k)::numeric)))
$$;
revoke all on function internal.ai_usage_valid(jsonb) from public, anon, authenticated, service_role;

create or replace function public.ai_sync_model_allowlist(p_provider text, p_models text[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
begin
  if p_provider is null or p_provider not in ('anthropic', 'openai') then
    raise exception 'unknown AI provider' using errcode = 'PT400';
  end if;
  if coalesce(cardinality(p_models), 0) = 0 or cardinality(p_models) > 50
      or exists (select 1 from unnest(p_models) m where m is null or m !~ '^[A-Za-z0-9._:-]{1,100}$') then
    raise exception 'models must be 1 to 50 model names' using errcode = 'PT400';
  end if;
  delete from internal.ai_model_allowlist a where a.provider = p_provider and a.model <> all (p_models);
  insert into internal.ai_model_allowlist (provider, model)
  select p_provider, m from unnest(p_models) m on conflict do nothing;
  return jsonb_build_object('provider', p_provider,
    'models', (select to_jsonb(array_agg(a.model order by a.model)) from internal.ai_model_allowlist a
      where a.provider = p_provider));
end $$;
revoke all on function public.ai_sync_model_allowlist(text, text[]) from public, anon, authenticated;
grant execute on function public.ai_sync_model_allowlist(text, text[]) to service_role;
comment on function public.ai_sync_model_allowlist(text, text[]) is '@returns { provider: string; models: string[] }';

-- The settings' limits (20261210700000) with the model looked up in any provider's list here;
-- whether it belongs to the tenant's provider is checked on the saved row
-- (internal.check_ai_model_of_provider), where the provider is known.
create or replace function internal.check_ai_settings_patch(p_patch jsonb) returns void
language plpgsql stable set search_path = '' as $$
declare
  v jsonb;
begin
  if p_patch ? 'system_prompt' and not internal.json_text_within(p_patch -> 'system_prompt', 0, 8000) then
    perform internal.ai_setting_refused('system_prompt', 'text of at most 8000 characters');
  end if;
  if p_patch ? 'response_style' and not internal.json_text_within(p_patch -> 'response_style', 0, 500) then
    perform internal.ai_setting_refused('response_style', 'text of at most 500 characters');
  end if;
  v := p_patch -> 'model';
  if p_patch ? 'model' and not (internal.json_text_within(v, 0, 100) and (v #>> '{}') ~ '^[A-Za-z0-9._:-]*$') then
    perform internal.ai_setting_refused('model', 'a model name (letters, digits, . _ : -), at most 100 characters');
  end if;
  if p_patch ? 'model' and (v #>> '{}') <> '' and not exists (select 1 from internal.ai_model_allowlist m
      where m.model = (v #>> '{}')) then
    perform internal.ai_setting_refused('model', 'a model from the allowed list');
  end if;
  v := p_patch -> 'max_tokens';
  if p_patch ? 'max_tokens' and not (jsonb_typeof(v) = 'number' and (v #>> '{}')::numeric between 64 and 4096
      and (v #>> '{}')::numeric = trunc((v #>> '{}')::numeric)) then
    perform internal.ai_setting_refused('max_tokens', 'a whole number from 64 to 4096');
  end if;
  v := p_patch -> 'temperature';
  if p_patch ? 'temperature' and not (jsonb_typeof(v) = 'number' and (v #>> '{}')::numeric between 0 and 1) then
    perform internal.ai_setting_refused('temperature', 'a number from 0 to 1');
  end if;
  if p_patch ? 'fallback_message' and not internal.json_text_within(p_patch -> 'fallback_message', 1, 1000) then
    perform internal.ai_setting_refused('fallback_message', 'text of 1 to 1000 characters');
  end if;
  v := p_patch -> 'escalation_keywords';
  if p_patch ? 'escalation_keywords' and not (jsonb_typeof(v) = 'array' and jsonb_array_length(v) <= 100
      and not exists (select 1 from jsonb_array_elements(v) k where not internal.json_text_within(k, 1, 100))) then
    perform internal.ai_setting_refused('escalation_keywords', 'at most 100 words of 1 to 100 characters');
  end if;
  v := p_patch -> 'auto_escalate_after_messages';
  if p_patch ? 'auto_escalate_after_messages' and not (jsonb_typeof(v) = 'null' or (jsonb_typeof(v) = 'number'
      and (v #>> '{}')::numeric between 1 and 1000 and (v #>> '{}')::numeric = trunc((v #>> '{}')::numeric))) then
    perform internal.ai_setting_refused('auto_escalate_after_messages', 'empty, or a whole number from 1 to 1000');
  end if;
  v := p_patch -> 'business_hours';
  if p_patch ? 'business_hours' and not (jsonb_typeof(v) = 'object' and octet_length(v::text) <= 20000
      and not exists (select 1 from jsonb_object_keys(v) k where k not in ('timezone', 'weekly', 'notes'))
      and (not v ? 'timezone' or internal.json_text_within(v -> 'timezone', 1, 64))
      and (not v ? 'notes' or internal.json_text_within(v -> 'notes', 0, 500))
      and (not v ? 'weekly' or jsonb_typeof(v -> 'weekly') = 'object')) then
    perform internal.ai_setting_refused('business_hours', 'timezone, weekly hours and notes of at most 500 characters');
  end if;
  v := p_patch -> 'knowledge';
  if p_patch ? 'knowledge' and not (jsonb_typeof(v) = 'object'
      and not exists (select 1 from jsonb_object_keys(v) k where k not in ('services', 'faqs'))
      and internal.json_records_within(coalesce(v -> 'services', '[]'), 200,
        '{"name": [1, 200], "price": [0, 100], "duration": [0, 100], "description": [0, 1000]}')
      and internal.json_records_within(coalesce(v -> 'faqs', '[]'), 200,
        '{"question": [1, 500], "answer": [1, 2000]}')) then
    perform internal.ai_setting_refused('knowledge',
      'at most 200 services (name up to 200 characters, price and duration 100, description 1000) and 200 questions (500) with answers (2000)');
  end if;
end $$;
revoke all on function internal.check_ai_settings_patch(jsonb) from public, anon, authenticated, service_role;

create or replace function internal.check_ai_provider_patch(p_patch jsonb) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if p_patch ? 'ai_provider' and coalesce(p_patch ->> 'ai_provider', '') not in ('anthropic', 'openai') then
    perform internal.ai_setting_refused('ai_provider', 'anthropic or openai');
  end if;
  if p_patch ? 'ai_provider_fallback' and jsonb_typeof(p_patch -> 'ai_provider_fallback') <> 'boolean' then
    perform internal.ai_setting_refused('ai_provider_fallback', 'true or false');
  end if;
end $$;
revoke all on function internal.check_ai_provider_patch(jsonb) from public, anon, authenticated, service_role;

-- After an update: a chosen model must be on the allowlist of the tenant's provider (a Claude
-- model with OpenAI chosen is refused, and the whole update with it).
create or replace function internal.check_ai_model_of_provider(p_tenant_id uuid) returns void
language plpgsql stable set search_path = '' as $$
declare
  v_ai public.ai_tenant_context;
begin
  select * into v_ai from public.ai_tenant_context a where a.tenant_id = p_tenant_id;
  if v_ai.model is not null and not exists (select 1 from internal.ai_model_allowlist m
      where m.provider = v_ai.ai_provider and m.model = v_ai.model) then
    perform internal.ai_setting_refused('model', 'a model from the allowed list of the chosen provider');
  end if;
end $$;
revoke all on function internal.check_ai_model_of_provider(uuid) from public, anon, authenticated, service_role;

CREATE OR REPLACE FUNCTION public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'max_tokens', 'model',
    'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge',
    'media_turn_byte_budget', 'voice_without_transcript', 'ai_provider', 'ai_provider_fallback'];
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
  perform internal.check_ai_provider_patch(p_patch);
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
    voice_without_transcript = coalesce(p_patch ->> 'voice_without_transcript', a.voice_without_transcript),
    ai_provider = coalesce(p_patch ->> 'ai_provider', a.ai_provider),
    ai_provider_fallback = coalesce((p_patch ->> 'ai_provider_fallback')::boolean, a.ai_provider_fallback)
  where a.tenant_id = p_tenant_id;
  perform internal.check_ai_model_of_provider(p_tenant_id);
  return (select to_jsonb(a) - 'tenant_id' from public.ai_tenant_context a where a.tenant_id = p_tenant_id);
end $function$;
revoke all on function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) from public, anon;
grant execute on function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) to authenticated, service_role;
comment on function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb) is '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; media_turn_byte_budget: number; voice_without_transcript: ''ask_to_write'' | ''hand_over''; ai_provider: ''anthropic'' | ''openai''; ai_provider_fallback: boolean; updated_at: string }';
comment on function public.dashboard_ai_settings(p_tenant_id uuid) is '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; media_turn_byte_budget: number; voice_without_transcript: ''ask_to_write'' | ''hand_over''; ai_provider: ''anthropic'' | ''openai''; ai_provider_fallback: boolean; updated_at: string } | null';
comment on function public.ai_load_context(p_conversation_id uuid, p_history_limit integer) is '@returns { found: false } | { found: true; now: string; tenant: { id: string; name: string; timezone: string; locale: string }; ai: { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; media_turn_byte_budget: number; voice_without_transcript: ''ask_to_write'' | ''hand_over''; ai_provider: ''anthropic'' | ''openai''; ai_provider_fallback: boolean; } | null; conversation: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; last_inbound_at: string | null }; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; created_at: string }; connection: { mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean } | null; latest_inbound: { id: string; created_at: string } | null; answered: boolean; inbound_count: number; history: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; created_at: string; deleted: boolean; media: { id: string; kind: ''image'' | ''audio'' | ''video'' | ''document'' | ''sticker''; mime_type: string | null; byte_size: number | null; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused''; storage_path: string | null; filename: string | null; transcript: string | null; transcript_status: ''pending'' | ''done'' | ''failed'' | ''skipped'' | null }[] }[] }';

create or replace function public.admin_update_ai_context(p_tenant_slug text, p_patch jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'temperature', 'max_tokens',
    'model', 'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge',
    'ai_provider', 'ai_provider_fallback'];
  v_unknown text;
begin
  if p_patch is null or jsonb_typeof(p_patch) <> 'object' then
    raise exception 'patch must be an object' using errcode = 'PT400';
  end if;
  select k into v_unknown from jsonb_object_keys(p_patch) k where k <> all (v_allowed) limit 1;
  if v_unknown is not null then
    raise exception 'unknown AI setting %', v_unknown using errcode = 'PT400';
  end if;
  perform internal.check_ai_settings_patch(p_patch);
  perform internal.check_ai_provider_patch(p_patch);
  insert into public.ai_tenant_context (tenant_id) values (v_tenant_id) on conflict (tenant_id) do nothing;
  update public.ai_tenant_context a set
    system_prompt = coalesce(p_patch ->> 'system_prompt', a.system_prompt),
    business_hours = coalesce(p_patch -> 'business_hours', a.business_hours),
    response_style = coalesce(p_patch ->> 'response_style', a.response_style),
    temperature = coalesce((p_patch ->> 'temperature')::numeric, a.temperature),
    max_tokens = coalesce((p_patch ->> 'max_tokens')::integer, a.max_tokens),
    model = case when p_patch ? 'model' then nullif(p_patch ->> 'model', '') else a.model end,
    escalation_keywords = case when p_patch ? 'escalation_keywords'
      then array(select jsonb_array_elements_text(p_patch -> 'escalation_keywords')) else a.escalation_keywords end,
    auto_escalate_after_messages = case when p_patch ? 'auto_escalate_after_messages'
      then (p_patch ->> 'auto_escalate_after_messages')::integer else a.auto_escalate_after_messages end,
    fallback_message = coalesce(p_patch ->> 'fallback_message', a.fallback_message),
    knowledge = coalesce(p_patch -> 'knowledge', a.knowledge),
    ai_provider = coalesce(p_patch ->> 'ai_provider', a.ai_provider),
    ai_provider_fallback = coalesce((p_patch ->> 'ai_provider_fallback')::boolean, a.ai_provider_fallback)
  where a.tenant_id = v_tenant_id;
  perform internal.check_ai_model_of_provider(v_tenant_id);
  return public.admin_get_ai_context(p_tenant_slug);
end $$;
revoke all on function public.admin_update_ai_context(text, jsonb) from public, anon, authenticated;
grant execute on function public.admin_update_ai_context(text, jsonb) to service_role;

-- The overview's card, with this month's tokens and answers per provider.
create or replace function public.dashboard_ai_spend(p_tenant_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $$
declare
  v_tz text;
  v_month_start timestamptz;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select t.timezone into v_tz from public.tenants t where t.id = p_tenant_id;
  v_month_start := date_trunc('month', now() at time zone v_tz) at time zone v_tz;
  return jsonb_build_object(
    'month_start', v_month_start,
    'monthly_token_budget', (select a.monthly_token_budget from public.ai_tenant_context a
      where a.tenant_id = p_tenant_id),
    'tokens_this_month', internal.ai_tokens_this_month(p_tenant_id, v_month_start),
    'answers_this_month', (select count(*) from public.ai_usage u
      where u.tenant_id = p_tenant_id and u.created_at >= v_month_start),
    'by_provider', coalesce((select jsonb_agg(jsonb_build_object('provider', p.provider, 'tokens', p.tokens,
        'answers', p.answers) order by p.provider)
      from (select u.provider, sum(u.input_tokens::bigint + u.output_tokens + u.cache_creation_input_tokens
          + u.cache_read_input_tokens)::bigint tokens, count(*) answers
        from public.ai_usage u where u.tenant_id = p_tenant_id and u.created_at >= v_month_start
        group by u.provider) p), '[]'::jsonb));
end $$;
revoke all on function public.dashboard_ai_spend(uuid) from public, anon;
grant execute on function public.dashboard_ai_spend(uuid) to authenticated, service_role;
comment on function public.dashboard_ai_spend(uuid) is '@returns { month_start: string; monthly_token_budget: number | null; tokens_this_month: number; answers_this_month: number; by_provider: { provider: ''anthropic'' | ''openai''; tokens: number; answers: number }[] }';
