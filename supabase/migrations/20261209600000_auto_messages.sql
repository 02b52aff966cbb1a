-- Greeting and away messages (issue 18 §2). Per tenant: a greeting for a customer's first message
-- in a conversation, and an away message when they write while the business is closed; each
-- channel connection may turn both off (channel_connections.auto_messages).
--
-- How they meet the AI reply:
-- * The greeting is written by a trigger in the same transaction as the customer's first message,
--   so it always comes before the AI's reply. It is not an answer: internal.latest_inbound_answered
--   ignores automatic messages, so the AI still answers that message.
-- * The away message goes only when the AI will not answer (AI off for the channel, or the
--   conversation is with a person): when the AI answers, it already says when the business opens
--   (src/ai/closed-fallback.ts). Business hours live in TypeScript (src/ai/next-opening.ts), so a
--   trigger queues an auto_away job and the job decides, checks the channel's reply window and
--   records it with auto_away_record.
-- * At most once per conversation per closed period: auto_message_sends is unique on
--   (conversation, kind, period) — the greeting's period is 'first', the away message's is the
--   moment the business opens next. Retries and redeliveries never send twice.

create table public.auto_message_settings (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  greeting_enabled boolean not null default false,
  greeting_text text not null default '' check (char_length(greeting_text) <= 1000),
  away_enabled boolean not null default false,
  away_text text not null default '' check (char_length(away_text) <= 1000),
  updated_at timestamptz not null default now()
);
alter table public.auto_message_settings enable row level security;
revoke all on table public.auto_message_settings from anon, authenticated;
grant select, insert, update, delete on table public.auto_message_settings to service_role;

alter table public.channel_connections add column auto_messages boolean not null default true;
grant select (auto_messages) on public.channel_connections to authenticated;

create table public.auto_message_sends (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  kind text not null check (kind in ('greeting', 'away')),
  period_key text not null check (char_length(period_key) between 1 and 100),
  message_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (conversation_id, kind, period_key)
);
create index auto_message_sends_message_idx on public.auto_message_sends (message_id);
create index auto_message_sends_tenant_idx on public.auto_message_sends (tenant_id);
alter table public.auto_message_sends enable row level security;
revoke all on table public.auto_message_sends from anon, authenticated;
grant select, insert, update, delete on table public.auto_message_sends to service_role;

-- An automatic message is not an answer to the customer: the AI still answers the message a
-- greeting followed. (Redefines the function of 20261206000500_ai.sql.)
create or replace function internal.latest_inbound_answered(p_conversation_id uuid, p_latest_inbound public.messages)
returns boolean
language sql stable set search_path = '' as $$
  select p_latest_inbound.id is not null and exists (
    select 1 from public.messages m
    where m.conversation_id = p_conversation_id and m.direction = 'outbound'
      and (m.delivery_status <> 'failed' or m.error_code = 'send_unconfirmed')
      and (m.created_at, m.id) > (p_latest_inbound.created_at, p_latest_inbound.id)
      and not exists (select 1 from public.auto_message_sends s where s.message_id = m.id))
$$;
revoke all on function internal.latest_inbound_answered(uuid, public.messages) from public, anon, authenticated, service_role;

-- Writes one automatic message (sender 'system', queued) and its send job, unless this
-- conversation already had this kind in this period. Returns the message id, or null.
create or replace function internal.auto_message_write(p_conv public.conversations, p_kind text,
  p_period_key text, p_text text, p_after timestamptz)
returns uuid
language plpgsql set search_path = '' as $$
declare
  v_send_id uuid;
  v_msg_id uuid;
begin
  insert into public.auto_message_sends (tenant_id, conversation_id, kind, period_key)
  values (p_conv.tenant_id, p_conv.id, p_kind, p_period_key)
  on conflict (conversation_id, kind, period_key) do nothing
  returning id into v_send_id;
  if v_send_id is null then
    return null;
  end if;
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, delivery_status, created_at, updated_at)
  values (p_conv.tenant_id, p_conv.id, p_conv.lead_id, p_conv.channel, 'outbound', 'system', 'text',
    left(p_text, internal.channel_text_limit(p_conv.channel)), 'queued',
    greatest(clock_timestamp(), p_after + interval '1 millisecond'), clock_timestamp())
  returning id into v_msg_id;
  update public.auto_message_sends set message_id = v_msg_id where id = v_send_id;
  update public.conversations set last_message_at = now() where id = p_conv.id;
  perform internal.enqueue_job('send_' || p_conv.channel, jsonb_build_object('message_id', v_msg_id),
    p_conv.tenant_id, 10, 'send:' || v_msg_id);
  return v_msg_id;
end $$;
revoke all on function internal.auto_message_write(public.conversations, text, text, text, timestamptz) from public, anon, authenticated, service_role;

create or replace function internal.auto_greeting_text(p_tenant public.tenants, p_text text) returns text
language sql immutable set search_path = '' as $$
  select coalesce(nullif(btrim(p_text), ''), case when p_tenant.locale like 'en%'
    then 'Hello! Thanks for writing to ' || p_tenant.name || '. We will answer you in a moment.'
    else '¡Hola! Gracias por escribir a ' || p_tenant.name || '. En un momento te respondemos.' end)
$$;
revoke all on function internal.auto_greeting_text(public.tenants, text) from public, anon, authenticated, service_role;

-- On every customer message: the greeting for the conversation's first one (the customer just
-- wrote, so the window is open unless the platform delivered an event older than a day; the
-- send job checks each channel's own window again), and an auto_away job when away messages
-- are on (one pending per conversation).
create or replace function internal.auto_messages_on_inbound() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.auto_message_settings;
  v_conv public.conversations;
  v_tenant public.tenants;
begin
  select * into v_settings from public.auto_message_settings s where s.tenant_id = new.tenant_id;
  if not found or not (v_settings.greeting_enabled or v_settings.away_enabled) then
    return null;
  end if;
  if exists (select 1 from public.channel_connections c
    where c.tenant_id = new.tenant_id and c.channel = new.channel and not c.auto_messages) then
    return null;
  end if;
  select * into v_conv from public.conversations c where c.id = new.conversation_id;
  if v_settings.greeting_enabled
    and coalesce(new.platform_timestamp, now()) > now() - interval '24 hours'
    and not exists (select 1 from public.messages m where m.conversation_id = new.conversation_id
      and m.direction = 'inbound' and m.id <> new.id) then
    select * into v_tenant from public.tenants t where t.id = new.tenant_id;
    perform internal.auto_message_write(v_conv, 'greeting', 'first',
      internal.auto_greeting_text(v_tenant, v_settings.greeting_text), new.created_at);
  end if;
  if v_settings.away_enabled then
    perform internal.enqueue_job('auto_away', jsonb_build_object('conversation_id', new.conversation_id),
      new.tenant_id, 20, 'auto_away:' || new.conversation_id);
  end if;
  return null;
end $$;
revoke all on function internal.auto_messages_on_inbound() from public, anon, authenticated, service_role;

create trigger messages_auto_messages after insert on public.messages
  for each row when (new.direction = 'inbound' and new.sender = 'lead')
  execute function internal.auto_messages_on_inbound();

-- What the auto_away job needs to decide, in one call.
create or replace function public.auto_away_facts(p_conversation_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'tenant', jsonb_build_object('id', t.id, 'name', t.name, 'timezone', t.timezone, 'locale', t.locale),
    'settings', jsonb_build_object('away_enabled', coalesce(s.away_enabled, false),
      'away_text', coalesce(s.away_text, '')),
    'business_hours', coalesce(a.business_hours, '{}'::jsonb),
    'conversation', jsonb_build_object('id', c.id, 'channel', c.channel, 'status', c.status,
      'handled_by', c.handled_by, 'escalated_at', c.escalated_at, 'last_inbound_at', c.last_inbound_at),
    'connection', case when k.id is null then null else jsonb_build_object('status', k.status,
      'ai_enabled', k.ai_enabled, 'auto_messages', k.auto_messages) end,
    'replies_last_24h', (select count(*)::integer from public.messages m
      where m.lead_id = c.lead_id and m.channel = c.channel and m.direction = 'outbound'
        and m.tenant_id = c.tenant_id
        and m.delivery_status in ('sending', 'sent', 'delivered', 'read', 'played')
        and coalesce(m.sent_at, m.created_at) > now() - interval '24 hours'))
  from public.conversations c
  join public.tenants t on t.id = c.tenant_id
  left join public.auto_message_settings s on s.tenant_id = c.tenant_id
  left join public.ai_tenant_context a on a.tenant_id = c.tenant_id
  left join public.channel_connections k on k.tenant_id = c.tenant_id and k.channel = c.channel
  where c.id = p_conversation_id
$$;
revoke all on function public.auto_away_facts(uuid) from public, anon, authenticated;
grant execute on function public.auto_away_facts(uuid) to service_role;
comment on function public.auto_away_facts(uuid) is
  '@returns { tenant: { id: string; name: string; timezone: string; locale: string }; settings: { away_enabled: boolean; away_text: string }; business_hours: unknown; conversation: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; last_inbound_at: string | null }; connection: { status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; auto_messages: boolean } | null; replies_last_24h: number } | null';

-- Records the away message for this closed period (once) and completes the auto_away job, in
-- one transaction.
create or replace function public.auto_away_record(p_job_id uuid, p_locked_by text, p_attempts integer,
  p_conversation_id uuid, p_period_key text, p_text text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_msg_id uuid;
  v_result jsonb;
  v_text text := nullif(btrim(coalesce(p_text, '')), '');
begin
  if v_text is null or char_length(v_text) > 2000 then
    raise exception 'an away message needs text of at most 2000 characters' using errcode = 'PT400';
  end if;
  if p_period_key is null or char_length(p_period_key) not between 1 and 100 then
    raise exception 'period key of 1 to 100 characters' using errcode = 'PT400';
  end if;
  select * into v_conv from public.conversations c
  where c.id = p_conversation_id
    and c.tenant_id = (select j.tenant_id from public.jobs j where j.id = p_job_id)
  for update;
  if not found then
    v_result := jsonb_build_object('outcome', 'skipped', 'reason', 'conversation_missing');
  else
    v_msg_id := internal.auto_message_write(v_conv, 'away', p_period_key, v_text,
      coalesce(v_conv.last_inbound_at, now()));
    v_result := case when v_msg_id is null
      then jsonb_build_object('outcome', 'skipped', 'reason', 'already_sent')
      else jsonb_build_object('outcome', 'sent', 'message_id', v_msg_id) end;
  end if;
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result);
  return v_result;
end $$;
revoke all on function public.auto_away_record(uuid, text, integer, uuid, text, text) from public, anon, authenticated;
grant execute on function public.auto_away_record(uuid, text, integer, uuid, text, text) to service_role;
comment on function public.auto_away_record(uuid, text, integer, uuid, text, text) is
  '@returns { outcome: ''skipped''; reason: ''conversation_missing'' | ''already_sent'' } | { outcome: ''sent''; message_id: string }';

-- The AI page's "Mensajes automáticos": the tenant's settings and each connection's switch.
create or replace function public.dashboard_auto_messages(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return jsonb_build_object(
    'greeting_enabled', coalesce(s.greeting_enabled, false),
    'greeting_text', coalesce(s.greeting_text, ''),
    'away_enabled', coalesce(s.away_enabled, false),
    'away_text', coalesce(s.away_text, ''),
    'channels', coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'channel', c.channel,
        'display_name', c.display_name, 'auto_messages', c.auto_messages) order by c.channel)
      from public.channel_connections c where c.tenant_id = p_tenant_id), '[]'::jsonb))
  from (select 1) one
  left join public.auto_message_settings s on s.tenant_id = p_tenant_id;
end $$;
revoke all on function public.dashboard_auto_messages(uuid) from public, anon;
grant execute on function public.dashboard_auto_messages(uuid) to authenticated, service_role;
comment on function public.dashboard_auto_messages(uuid) is
  '@returns { greeting_enabled: boolean; greeting_text: string; away_enabled: boolean; away_text: string; channels: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; display_name: string | null; auto_messages: boolean }[] }';

-- Saves the settings and the per-channel switches in one transaction (admins only). p_channels:
-- { "<connection id>": true | false }; ids of other tenants are refused.
create or replace function public.dashboard_save_auto_messages(p_tenant_id uuid, p_settings jsonb, p_channels jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_greeting text := coalesce(p_settings ->> 'greeting_text', '');
  v_away text := coalesce(p_settings ->> 'away_text', '');
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if jsonb_typeof(p_settings) is distinct from 'object'
    or jsonb_typeof(p_settings -> 'greeting_enabled') is distinct from 'boolean'
    or jsonb_typeof(p_settings -> 'away_enabled') is distinct from 'boolean' then
    raise exception 'settings need greeting_enabled and away_enabled' using errcode = 'PT400';
  end if;
  if char_length(v_greeting) > 1000 or char_length(v_away) > 1000 then
    raise exception 'automatic messages of at most 1000 characters' using errcode = 'PT400';
  end if;
  if jsonb_typeof(coalesce(p_channels, '{}'::jsonb)) <> 'object'
    or exists (select 1 from jsonb_each(coalesce(p_channels, '{}'::jsonb)) e
      where jsonb_typeof(e.value) <> 'boolean' or e.key !~ '^[0-9a-f-]{36}$'
        or not exists (select 1 from public.channel_connections c
          where c.id = e.key::uuid and c.tenant_id = p_tenant_id)) then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  insert into public.auto_message_settings (tenant_id, greeting_enabled, greeting_text, away_enabled, away_text)
  values (p_tenant_id, (p_settings ->> 'greeting_enabled')::boolean, v_greeting,
    (p_settings ->> 'away_enabled')::boolean, v_away)
  on conflict (tenant_id) do update set greeting_enabled = excluded.greeting_enabled,
    greeting_text = excluded.greeting_text, away_enabled = excluded.away_enabled,
    away_text = excluded.away_text, updated_at = now();
  update public.channel_connections c set auto_messages = (e.value)::boolean
  from jsonb_each(coalesce(p_channels, '{}'::jsonb)) e
  where c.id = e.key::uuid and c.tenant_id = p_tenant_id;
  return public.dashboard_auto_messages(p_tenant_id);
end $$;
revoke all on function public.dashboard_save_auto_messages(uuid, jsonb, jsonb) from public, anon;
grant execute on function public.dashboard_save_auto_messages(uuid, jsonb, jsonb) to authenticated, service_role;
comment on function public.dashboard_save_auto_messages(uuid, jsonb, jsonb) is
  '@returns { greeting_enabled: boolean; greeting_text: string; away_enabled: boolean; away_text: string; channels: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; display_name: string | null; auto_messages: boolean }[] }';
