-- Issue 13 §3: a staff member may call dashboard_update_ai_settings straight through Supabase's
-- Data API with their JWT, skipping the app's zod schema (src/ai/ai-settings-schema.ts). The SQL
-- now enforces the same limits itself, so that path is no more powerful than the dashboard: types,
-- lengths, ranges and allowed keys, each refusal a 400 naming the setting.

create or replace function internal.ai_setting_refused(p_key text, p_rule text) returns void
language plpgsql immutable set search_path = '' as $$
begin
  raise exception 'AI setting %: %', p_key, p_rule using errcode = 'PT400';
end $$;
revoke all on function internal.ai_setting_refused(text, text) from public, anon, authenticated, service_role;

-- A json string of at most p_max characters (at least p_min).
create or replace function internal.json_text_within(p_value jsonb, p_min integer, p_max integer) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(p_value) = 'string' and char_length(p_value #>> '{}') between p_min and p_max
$$;
revoke all on function internal.json_text_within(jsonb, integer, integer) from public, anon, authenticated, service_role;

-- Every element of a json array is an object whose keys are allowed and whose values are strings
-- within their limits (p_limits: key -> [min, max]; keys with min > 0 are required).
create or replace function internal.json_records_within(p_value jsonb, p_max_items integer, p_limits jsonb)
returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(p_value) = 'array' and jsonb_array_length(p_value) <= p_max_items
    and not exists (
      select 1 from jsonb_array_elements(p_value) item
      where jsonb_typeof(item) <> 'object'
        or exists (select 1 from jsonb_object_keys(item) k where not p_limits ? k)
        or exists (
          select 1 from jsonb_each(p_limits) l
          where (item ? l.key and not internal.json_text_within(item -> l.key, (l.value ->> 0)::integer,
                   (l.value ->> 1)::integer))
             or (not item ? l.key and (l.value ->> 0)::integer > 0)))
$$;
revoke all on function internal.json_records_within(jsonb, integer, jsonb) from public, anon, authenticated, service_role;

create or replace function internal.check_ai_settings_patch(p_patch jsonb) returns void
language plpgsql immutable set search_path = '' as $$
declare
  v jsonb;
begin
  if p_patch ? 'system_prompt' and not internal.json_text_within(p_patch -> 'system_prompt', 0, 20000) then
    perform internal.ai_setting_refused('system_prompt', 'text of at most 20000 characters');
  end if;
  if p_patch ? 'response_style' and not internal.json_text_within(p_patch -> 'response_style', 0, 500) then
    perform internal.ai_setting_refused('response_style', 'text of at most 500 characters');
  end if;
  v := p_patch -> 'model';
  if p_patch ? 'model' and not (internal.json_text_within(v, 0, 100) and (v #>> '{}') ~ '^[A-Za-z0-9._:-]*$') then
    perform internal.ai_setting_refused('model', 'a model name (letters, digits, . _ : -), at most 100 characters');
  end if;
  v := p_patch -> 'max_tokens';
  if p_patch ? 'max_tokens' and not (jsonb_typeof(v) = 'number' and (v #>> '{}')::numeric between 64 and 8192
      and (v #>> '{}')::numeric = trunc((v #>> '{}')::numeric)) then
    perform internal.ai_setting_refused('max_tokens', 'a whole number from 64 to 8192');
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

create or replace function public.dashboard_update_ai_settings(p_tenant_id uuid, p_patch jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
declare
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'max_tokens', 'model',
    'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge'];
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
    knowledge = coalesce(p_patch -> 'knowledge', a.knowledge)
  where a.tenant_id = p_tenant_id;
  return (select to_jsonb(a) - 'tenant_id' from public.ai_tenant_context a where a.tenant_id = p_tenant_id);
end $$;

create or replace function public.admin_update_ai_context(p_tenant_slug text, p_patch jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_allowed text[] := array['system_prompt', 'business_hours', 'response_style', 'temperature', 'max_tokens',
    'model', 'escalation_keywords', 'auto_escalate_after_messages', 'fallback_message', 'knowledge'];
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
    knowledge = coalesce(p_patch -> 'knowledge', a.knowledge)
  where a.tenant_id = v_tenant_id;
  return public.admin_get_ai_context(p_tenant_slug);
end $$;
