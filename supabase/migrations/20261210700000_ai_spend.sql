-- Issue 19, "AI spend under control": models from an allowlist, a prompt and an answer of sane
-- length, usage recorded per AI answer, a monthly token budget per tenant and a daily cap of AI
-- turns per customer.

-- The models a tenant may choose, per provider. SQL must refuse a model itself (a staff member
-- can call dashboard_update_ai_settings with their JWT, skipping the form), so the list lives
-- here. Seeded with the default of ANTHROPIC_MODELS; the app replaces it with the configured list
-- when it starts (ai_sync_model_allowlist), so env stays the one place an operator edits.
create table internal.ai_model_allowlist (
  provider text not null check (provider in ('anthropic')),
  model text not null check (model ~ '^[A-Za-z0-9._:-]{1,100}$'),
  primary key (provider, model)
);
alter table internal.ai_model_allowlist enable row level security;
revoke all on table internal.ai_model_allowlist from public, anon, authenticated, service_role;
insert into internal.ai_model_allowlist (provider, model) values
  ('anthropic', 'claude-haiku-5-5'), ('anthropic', 'claude-sonnet-5-5'), ('anthropic', 'claude-haiku-4-5');

-- The operator's limits for a tenant. Null: the deployment's default (AI_MONTHLY_TOKEN_BUDGET,
-- AI_DAILY_TURNS_PER_CUSTOMER); 0: no limit.
alter table public.ai_tenant_context
  add column monthly_token_budget bigint check (monthly_token_budget >= 0),
  add column ai_turns_per_customer_per_day integer check (ai_turns_per_customer_per_day >= 0);

-- One row per answer Claude was paid for: the token counts the Messages API reports in `usage`
-- (input_tokens excludes the cached part; cache writes and reads are counted apart), summed over
-- the calls of one answer (tool rounds, a second try). message_id is null when the answer was
-- discarded (a newer customer message arrived): it was still paid for.
create table public.ai_usage (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  conversation_id uuid references public.conversations (id) on delete set null,
  message_id uuid references public.messages (id) on delete set null,
  provider text not null check (provider in ('anthropic')),
  model text not null check (char_length(model) between 1 and 100),
  input_tokens integer not null check (input_tokens >= 0),
  output_tokens integer not null check (output_tokens >= 0),
  cache_creation_input_tokens integer not null default 0 check (cache_creation_input_tokens >= 0),
  cache_read_input_tokens integer not null default 0 check (cache_read_input_tokens >= 0),
  created_at timestamptz not null default now()
);
alter table public.ai_usage enable row level security;
create index ai_usage_tenant_month on public.ai_usage (tenant_id, created_at)
  include (input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens);
create index ai_usage_conversation_day on public.ai_usage (conversation_id, created_at);
create index ai_usage_message on public.ai_usage (message_id) where message_id is not null;
create policy ai_usage_member_read on public.ai_usage for select to authenticated
  using ((select public.is_tenant_member(ai_usage.tenant_id)));

create or replace function internal.ai_usage_valid(p_usage jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(p_usage) = 'object'
    and p_usage ->> 'provider' = 'anthropic'
    and coalesce(char_length(p_usage ->> 'model'), 0) between 1 and 100
    and not exists (
      select 1 from unnest(array['input_tokens', 'output_tokens', 'cache_creation_input_tokens',
        'cache_read_input_tokens']) k
      where (p_usage ? k or k in ('input_tokens', 'output_tokens'))
        and not (jsonb_typeof(p_usage -> k) = 'number' and (p_usage ->> k)::numeric between 0 and 2000000000
          and (p_usage ->> k)::numeric = trunc((p_usage ->> k)::numeric)))
$$;
revoke all on function internal.ai_usage_valid(jsonb) from public, anon, authenticated, service_role;

-- Tokens of every kind a tenant used since the start of its current month (its own time zone).
create or replace function internal.ai_tokens_this_month(p_tenant_id uuid, p_month_start timestamptz)
returns bigint
language sql stable set search_path = '' as $$
  select coalesce(sum(u.input_tokens::bigint + u.output_tokens + u.cache_creation_input_tokens
    + u.cache_read_input_tokens), 0)::bigint
  from public.ai_usage u where u.tenant_id = p_tenant_id and u.created_at >= p_month_start
$$;
revoke all on function internal.ai_tokens_this_month(uuid, timestamptz) from public, anon, authenticated, service_role;

create or replace function public.ai_sync_model_allowlist(p_provider text, p_models text[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
begin
  if p_provider is distinct from 'anthropic' then
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

-- What the ai_response job checks before paying for Claude: the tenant's tokens this month and
-- its customer's AI turns today (both in the tenant's time zone), with the tenant's own limits
-- (null: the deployment's default decides).
create or replace function public.ai_spend_status(p_conversation_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $$
declare
  v_conv public.conversations;
  v_tz text;
  v_local timestamp;
  v_month_start timestamptz;
  v_day_start timestamptz;
  v_ai public.ai_tenant_context;
begin
  select * into v_conv from public.conversations c where c.id = p_conversation_id;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  select t.timezone into v_tz from public.tenants t where t.id = v_conv.tenant_id;
  v_local := now() at time zone v_tz;
  v_month_start := date_trunc('month', v_local) at time zone v_tz;
  v_day_start := date_trunc('day', v_local) at time zone v_tz;
  select * into v_ai from public.ai_tenant_context a where a.tenant_id = v_conv.tenant_id;
  return jsonb_build_object(
    'monthly_token_budget', v_ai.monthly_token_budget,
    'tokens_this_month', internal.ai_tokens_this_month(v_conv.tenant_id, v_month_start),
    'turns_per_customer_per_day', v_ai.ai_turns_per_customer_per_day,
    'customer_turns_today', (select count(*) from public.ai_usage u
      join public.conversations c on c.id = u.conversation_id
      where c.lead_id = v_conv.lead_id and c.tenant_id = v_conv.tenant_id and u.created_at >= v_day_start));
end $$;
revoke all on function public.ai_spend_status(uuid) from public, anon, authenticated;
grant execute on function public.ai_spend_status(uuid) to service_role;
comment on function public.ai_spend_status(uuid) is '@returns { monthly_token_budget: number | null; tokens_this_month: number; turns_per_customer_per_day: number | null; customer_turns_today: number }';

-- The overview's card: this month's tokens against the tenant's own budget (null: the default).
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
      where u.tenant_id = p_tenant_id and u.created_at >= v_month_start));
end $$;
revoke all on function public.dashboard_ai_spend(uuid) from public, anon;
grant execute on function public.dashboard_ai_spend(uuid) to authenticated, service_role;
comment on function public.dashboard_ai_spend(uuid) is '@returns { month_start: string; monthly_token_budget: number | null; tokens_this_month: number; answers_this_month: number }';

-- The operator sets a tenant's limits (the CLI, or SQL): the tenant's own admins cannot raise
-- the spend they are given.
create or replace function public.admin_set_ai_limits(p_tenant_slug text, p_monthly_token_budget bigint,
  p_turns_per_customer_per_day integer)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
begin
  if p_monthly_token_budget < 0 or p_turns_per_customer_per_day < 0 then
    raise exception 'limits are 0 (no limit) or more; empty keeps the default' using errcode = 'PT400';
  end if;
  insert into public.ai_tenant_context (tenant_id) values (v_tenant_id) on conflict (tenant_id) do nothing;
  update public.ai_tenant_context a set monthly_token_budget = p_monthly_token_budget,
    ai_turns_per_customer_per_day = p_turns_per_customer_per_day
  where a.tenant_id = v_tenant_id;
  return jsonb_build_object('monthly_token_budget', p_monthly_token_budget,
    'turns_per_customer_per_day', p_turns_per_customer_per_day);
end $$;
revoke all on function public.admin_set_ai_limits(text, bigint, integer) from public, anon, authenticated;
grant execute on function public.admin_set_ai_limits(text, bigint, integer) to service_role;
comment on function public.admin_set_ai_limits(text, bigint, integer) is '@returns { monthly_token_budget: number | null; turns_per_customer_per_day: number | null }';

-- The AI settings' limits (20261207270000) with a model from the allowlist, a prompt of at most
-- 8000 characters and answers of at most 4096 tokens (a chat reply plus its JSON; was 20000 and
-- 8192). Now stable: it reads the allowlist.
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
      where m.provider = 'anthropic' and m.model = (v #>> '{}')) then
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

-- ai_record_reply (latest: 20261210000200, content kept) also records the answer's usage
-- (p_reply.usage: provider, model and the Messages API's token counts) in the same transaction.
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
  v_usage jsonb := nullif(p_reply -> 'usage', 'null'::jsonb);
begin
  if v_usage is not null and not internal.ai_usage_valid(v_usage) then
    raise exception 'usage must name the provider and model and count tokens as whole numbers' using errcode = 'PT400';
  end if;
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
    -- The model was paid for whatever became of its answer (a stale one is discarded, yet its
    -- tokens were spent): usage is recorded in this same transaction, on the message if any.
    if v_usage is not null then
      insert into public.ai_usage (tenant_id, conversation_id, message_id, provider, model, input_tokens,
        output_tokens, cache_creation_input_tokens, cache_read_input_tokens)
      values (v_conv.tenant_id, v_conv.id, v_msg.id, v_usage ->> 'provider', v_usage ->> 'model',
        (v_usage ->> 'input_tokens')::integer, (v_usage ->> 'output_tokens')::integer,
        coalesce((v_usage ->> 'cache_creation_input_tokens')::integer, 0),
        coalesce((v_usage ->> 'cache_read_input_tokens')::integer, 0));
    end if;
  end if;
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result, v_follow_ups);
  return v_result;
end $function$;
revoke all on function public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb) from public, anon, authenticated;
grant execute on function public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb) to service_role;
comment on function public.ai_record_reply(p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid, p_reply jsonb) is '@returns { outcome: ''skipped'' | ''discarded''; reason: string } | { outcome: ''replied''; message_id: string; sender: ''ai'' | ''system''; generated_by: string | null; signals: string[]; score_before: number; score_after: number; classification: ''hot'' | ''warm'' | ''cold''; escalated: boolean; intent: string | null }';
