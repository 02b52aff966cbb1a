-- Follow-ups for leads who stopped answering (issue 15 §3), and the staff side of reminders.
--
-- * When follow-ups are on (reminder_settings.follow_ups_enabled), every AI or staff message
--   starts a chain for its conversation (not the hand-over notice of an escalation: the
--   customer is then waiting for us): step 1 at follow_up_hours[1] after it, step n at
--   follow_up_hours[n] after the same message. A newer AI/staff message restarts the chain from
--   itself; any customer message stops it; an opt-out ("ya no", "no gracias", "baja", "stop",
--   accents and case aside) also keeps the lead out of every later chain. The follow-ups
--   themselves are system messages, so they never restart a chain.
-- * One pending lead_follow_up job per conversation (dedupe key); each step is a lead_follow_ups
--   row, unique per (conversation, anchor message, step): a retry never sends a step twice.
-- * The last step also turns the lead COLD, with a score event that says why.

create table public.lead_follow_ups (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  -- Our message the customer did not answer.
  anchor_message_id uuid not null references public.messages (id) on delete cascade,
  step integer not null check (step between 1 and 5),
  due_at timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'sent', 'not_sent', 'stopped')),
  reason text check (char_length(reason) <= 100),
  message_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (conversation_id, anchor_message_id, step)
);
create index lead_follow_ups_tenant_idx on public.lead_follow_ups (tenant_id, due_at);
create index lead_follow_ups_anchor_idx on public.lead_follow_ups (anchor_message_id);
create index lead_follow_ups_message_idx on public.lead_follow_ups (message_id) where message_id is not null;
create trigger lead_follow_ups_touch before update on public.lead_follow_ups
  for each row execute function public.touch_updated_at();

-- A customer said they want no more messages, in this conversation (it follows the lead on merge).
create table public.follow_up_opt_outs (
  conversation_id uuid primary key references public.conversations (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  message_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now()
);
create index follow_up_opt_outs_tenant_idx on public.follow_up_opt_outs (tenant_id);
create index follow_up_opt_outs_message_idx on public.follow_up_opt_outs (message_id) where message_id is not null;

do $$
declare
  t text;
begin
  foreach t in array array['lead_follow_ups', 'follow_up_opt_outs'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from public, anon, authenticated', t);
    execute format('grant select on table public.%I to authenticated', t);
    execute format('grant select, insert, update, delete on table public.%I to service_role', t);
    execute format('create policy %I on public.%I for select to authenticated using ((select public.is_tenant_member(tenant_id)))',
      t || '_member_read', t);
  end loop;
end $$;

create or replace function internal.follow_up_is_opt_out(p_text text) returns boolean
language sql immutable set search_path = '' as $$
  select btrim(regexp_replace(internal.search_fold(p_text), '[^a-z0-9 ]+', ' ', 'g'))
    ~ '^(ya no|no gracias|baja|stop|alto)( |$)'
$$;
revoke all on function internal.follow_up_is_opt_out(text) from public, anon, authenticated, service_role;

create or replace function internal.follow_up_opted_out(p_lead_id uuid) returns boolean
language sql stable set search_path = '' as $$
  select exists (select 1 from public.follow_up_opt_outs o
    join public.conversations c on c.id = o.conversation_id where c.lead_id = p_lead_id)
$$;
revoke all on function internal.follow_up_opted_out(uuid) from public, anon, authenticated, service_role;

-- One step's row and the conversation's single pending job (a newer chain replaces the job).
create or replace function internal.follow_up_schedule(p_conv public.conversations, p_anchor public.messages,
  p_step integer, p_due timestamptz)
returns void
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into public.lead_follow_ups (tenant_id, conversation_id, anchor_message_id, step, due_at)
  values (p_conv.tenant_id, p_conv.id, p_anchor.id, p_step, p_due)
  on conflict (conversation_id, anchor_message_id, step) do nothing
  returning id into v_id;
  if v_id is null then
    return;
  end if;
  insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key, scheduled_for)
  values (p_conv.tenant_id, 'lead_follow_up', jsonb_build_object('follow_up_id', v_id), 0,
    'lead_follow_up:' || p_conv.id, p_due)
  on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
  do update set payload = excluded.payload, scheduled_for = excluded.scheduled_for;
end $$;
revoke all on function internal.follow_up_schedule(public.conversations, public.messages, integer, timestamptz)
  from public, anon, authenticated, service_role;

-- Stops what is scheduled for a conversation (a reply, an opt-out, a newer chain).
create or replace function internal.follow_up_stop(p_conversation_id uuid, p_reason text) returns void
language sql set search_path = '' as $$
  update public.lead_follow_ups f set status = 'stopped', reason = p_reason
  where f.conversation_id = p_conversation_id and f.status = 'scheduled';
  delete from public.jobs j
  where j.status = 'pending' and j.dedupe_key = 'lead_follow_up:' || p_conversation_id;
$$;
revoke all on function internal.follow_up_stop(uuid, text) from public, anon, authenticated, service_role;

-- Our AI or staff message starts a chain; a customer message stops it (and may opt out).
create or replace function internal.follow_up_on_message() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.reminder_settings;
  v_conv public.conversations;
begin
  if new.direction = 'inbound' then
    if exists (select 1 from public.lead_follow_ups f where f.conversation_id = new.conversation_id
      and f.status = 'scheduled') then
      perform internal.follow_up_stop(new.conversation_id, 'replied');
    end if;
    if internal.follow_up_is_opt_out(new.text) then
      insert into public.follow_up_opt_outs (conversation_id, tenant_id, message_id)
      values (new.conversation_id, new.tenant_id, new.id)
      on conflict (conversation_id) do nothing;
    end if;
    return null;
  end if;
  v_settings := internal.reminder_settings_of(new.tenant_id);
  if not v_settings.follow_ups_enabled or internal.follow_up_opted_out(new.lead_id) then
    return null;
  end if;
  select * into v_conv from public.conversations c where c.id = new.conversation_id;
  perform internal.follow_up_stop(new.conversation_id, 'replaced');
  perform internal.follow_up_schedule(v_conv, new, 1,
    new.created_at + make_interval(hours => v_settings.follow_up_hours[1]));
  return null;
end $$;
revoke all on function internal.follow_up_on_message() from public, anon, authenticated, service_role;

create trigger messages_follow_ups after insert on public.messages
  for each row when ((new.direction = 'inbound' and new.sender = 'lead')
    or (new.direction = 'outbound' and new.sender in ('ai', 'human')))
  execute function internal.follow_up_on_message();

-- What the lead_follow_up job needs to decide, in one call.
create or replace function public.follow_up_facts(p_follow_up_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_f public.lead_follow_ups;
  v_conv public.conversations;
  v_settings public.reminder_settings;
begin
  select * into v_f from public.lead_follow_ups f where f.id = p_follow_up_id;
  if not found then
    return null;
  end if;
  select * into v_conv from public.conversations c where c.id = v_f.conversation_id;
  v_settings := internal.reminder_settings_of(v_f.tenant_id);
  return jsonb_build_object(
    'follow_up', jsonb_build_object('id', v_f.id, 'tenant_id', v_f.tenant_id, 'step', v_f.step,
      'status', v_f.status, 'steps', cardinality(v_settings.follow_up_hours)),
    'lead', (select jsonb_build_object('id', l.id, 'name', l.name) from public.leads l where l.id = v_conv.lead_id),
    'tenant_name', (select t.name from public.tenants t where t.id = v_f.tenant_id),
    'conversation', jsonb_build_object('id', v_conv.id, 'channel', v_conv.channel,
      'last_inbound_at', v_conv.last_inbound_at),
    'connection', (select jsonb_build_object('status', k.status) from public.channel_connections k
      where k.tenant_id = v_f.tenant_id and k.channel = v_conv.channel),
    'replies_last_24h', (select count(*)::integer from public.messages m
      where m.lead_id = v_conv.lead_id and m.channel = v_conv.channel and m.direction = 'outbound'
        and m.tenant_id = v_conv.tenant_id
        and m.delivery_status in ('sending', 'sent', 'delivered', 'read', 'played')
        and coalesce(m.sent_at, m.created_at) > now() - interval '24 hours'),
    'templates_apply', v_conv.channel = 'whatsapp',
    'template', case when v_conv.channel = 'whatsapp' then (
      select jsonb_build_object('name', t.name, 'language', t.language,
        'parameter_format', t.parameter_format, 'components', t.components)
      from public.whatsapp_templates t
      where t.tenant_id = v_f.tenant_id and t.name = 'seguimiento' and t.status = 'approved'
      order by (t.language like 'es%') desc, t.updated_at desc limit 1) end);
end $$;
revoke all on function public.follow_up_facts(uuid) from public, anon, authenticated;
grant execute on function public.follow_up_facts(uuid) to service_role;
comment on function public.follow_up_facts(uuid) is
  '@returns { follow_up: { id: string; tenant_id: string; step: number; status: ''scheduled'' | ''sent'' | ''not_sent'' | ''stopped''; steps: number }; lead: { id: string; name: string | null }; tenant_name: string; conversation: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; last_inbound_at: string | null }; connection: { status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error'' } | null; replies_last_24h: number; templates_apply: boolean; template: { name: string; language: string; parameter_format: ''positional'' | ''named''; components: Record<string, unknown>[] } | null } | null';

-- Records one step and completes the job: the message (or why not), the next step, and after
-- the last one the lead's turn to COLD. p_outcome: { "send": { "text", "content" } } or
-- { "not_sent": "<reason code>" }. A reply or opt-out since the chain began stops it instead.
create or replace function public.follow_up_record(p_job_id uuid, p_locked_by text, p_attempts integer,
  p_follow_up_id uuid, p_outcome jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_f public.lead_follow_ups;
  v_conv public.conversations;
  v_anchor public.messages;
  v_lead public.leads;
  v_settings public.reminder_settings;
  v_msg_id uuid;
  v_after integer;
  v_result jsonb;
  v_text text := nullif(btrim(coalesce(p_outcome #>> '{send,text}', '')), '');
begin
  if jsonb_typeof(p_outcome) is distinct from 'object' or ((p_outcome ? 'send') = (p_outcome ? 'not_sent'))
    or (p_outcome ? 'send' and (v_text is null or char_length(v_text) > 4096))
    or (p_outcome ? 'not_sent' and char_length(coalesce(p_outcome ->> 'not_sent', '')) not between 1 and 100) then
    raise exception 'outcome is { send: { text } } or { not_sent: reason }' using errcode = 'PT400';
  end if;
  -- Lead before conversation, the order ingest locks them in.
  select l.* into v_lead from public.leads l
  where l.id = (select c.lead_id from public.conversations c join public.lead_follow_ups f on f.conversation_id = c.id
    where f.id = p_follow_up_id)
  for update;
  select * into v_f from public.lead_follow_ups f
  where f.id = p_follow_up_id and f.tenant_id = (select j.tenant_id from public.jobs j where j.id = p_job_id)
  for update;
  select * into v_conv from public.conversations c where c.id = v_f.conversation_id;
  select * into v_anchor from public.messages m where m.id = v_f.anchor_message_id;
  v_settings := internal.reminder_settings_of(v_f.tenant_id);
  if v_f.id is null then
    v_result := jsonb_build_object('outcome', 'skipped', 'reason', 'follow_up_missing');
  elsif v_f.status <> 'scheduled' then
    v_result := jsonb_build_object('outcome', 'skipped', 'reason', 'already_' || v_f.status);
  elsif v_conv.last_inbound_at > v_anchor.created_at or internal.follow_up_opted_out(v_conv.lead_id) then
    update public.lead_follow_ups set status = 'stopped',
      reason = case when internal.follow_up_opted_out(v_conv.lead_id) then 'opt_out' else 'replied' end
    where id = v_f.id;
    v_result := jsonb_build_object('outcome', 'stopped');
  else
    if p_outcome ? 'send' then
      v_msg_id := internal.system_message_write(v_conv, v_text, p_outcome #> '{send,content}');
      update public.lead_follow_ups set status = 'sent', message_id = v_msg_id where id = v_f.id;
      v_result := jsonb_build_object('outcome', 'sent', 'message_id', v_msg_id);
    else
      update public.lead_follow_ups set status = 'not_sent', reason = p_outcome ->> 'not_sent' where id = v_f.id;
      v_result := jsonb_build_object('outcome', 'not_sent', 'reason', p_outcome ->> 'not_sent');
    end if;
    if v_f.step < cardinality(v_settings.follow_up_hours) then
      perform internal.follow_up_schedule(v_conv, v_anchor, v_f.step + 1,
        greatest(now(), v_anchor.created_at + make_interval(hours => v_settings.follow_up_hours[v_f.step + 1])));
    elsif v_lead.classification <> 'cold' then
      v_after := least(v_lead.score, 39);
      update public.leads set score = v_after, classification = 'cold' where id = v_lead.id;
      insert into public.lead_score_events (tenant_id, lead_id, message_id, delta, score_before, score_after,
        classification_after, signals, reason)
      values (v_lead.tenant_id, v_lead.id, null, v_after - v_lead.score, v_lead.score, v_after, 'cold', '{}',
        'Sin respuesta tras ' || v_f.step || ' seguimientos');
      v_result := v_result || jsonb_build_object('lead_cold', true);
    end if;
  end if;
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result);
  return v_result;
end $$;
revoke all on function public.follow_up_record(uuid, text, integer, uuid, jsonb) from public, anon, authenticated;
grant execute on function public.follow_up_record(uuid, text, integer, uuid, jsonb) to service_role;
comment on function public.follow_up_record(uuid, text, integer, uuid, jsonb) is
  '@returns { outcome: ''skipped''; reason: string } | { outcome: ''stopped'' } | { outcome: ''sent''; message_id: string; lead_cold?: boolean } | { outcome: ''not_sent''; reason: string; lead_cold?: boolean }';

-- Staff: the settings (any member reads, admins save).
create or replace function public.dashboard_reminder_settings(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_s public.reminder_settings;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  v_s := internal.reminder_settings_of(p_tenant_id);
  return jsonb_build_object('reminder_offsets_minutes', to_jsonb(v_s.reminder_offsets_minutes),
    'thank_you_enabled', v_s.thank_you_enabled, 'review_url', v_s.review_url,
    'follow_ups_enabled', v_s.follow_ups_enabled, 'follow_up_hours', to_jsonb(v_s.follow_up_hours));
end $$;
revoke all on function public.dashboard_reminder_settings(uuid) from public, anon;
grant execute on function public.dashboard_reminder_settings(uuid) to authenticated, service_role;
comment on function public.dashboard_reminder_settings(uuid) is
  '@returns { reminder_offsets_minutes: number[]; thank_you_enabled: boolean; review_url: string | null; follow_ups_enabled: boolean; follow_up_hours: number[] }';

create or replace function public.dashboard_save_reminder_settings(p_tenant_id uuid, p_settings jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_offsets integer[];
  v_hours integer[];
  v_url text := nullif(btrim(coalesce(p_settings ->> 'review_url', '')), '');
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if jsonb_typeof(p_settings) is distinct from 'object'
    or jsonb_typeof(p_settings -> 'reminder_offsets_minutes') is distinct from 'array'
    or jsonb_typeof(p_settings -> 'follow_up_hours') is distinct from 'array'
    or jsonb_typeof(p_settings -> 'thank_you_enabled') is distinct from 'boolean'
    or jsonb_typeof(p_settings -> 'follow_ups_enabled') is distinct from 'boolean'
    or exists (select 1 from jsonb_array_elements(p_settings -> 'reminder_offsets_minutes') e
      where jsonb_typeof(e) <> 'number' or (e #>> '{}')::numeric not between 1 and 20160
        or (e #>> '{}')::numeric <> trunc((e #>> '{}')::numeric))
    or exists (select 1 from jsonb_array_elements(p_settings -> 'follow_up_hours') e
      where jsonb_typeof(e) <> 'number' or (e #>> '{}')::numeric not between 1 and 720
        or (e #>> '{}')::numeric <> trunc((e #>> '{}')::numeric)) then
    raise exception 'settings need reminder_offsets_minutes (1..20160), follow_up_hours (1..720) and the two switches'
      using errcode = 'PT400';
  end if;
  v_offsets := array(select distinct (e #>> '{}')::integer from jsonb_array_elements(p_settings -> 'reminder_offsets_minutes') e
    order by 1 desc);
  v_hours := array(select distinct (e #>> '{}')::integer from jsonb_array_elements(p_settings -> 'follow_up_hours') e
    order by 1);
  if cardinality(v_offsets) > 5 or cardinality(v_hours) not between 1 and 5 then
    raise exception 'at most 5 reminders and 1 to 5 follow-up steps' using errcode = 'PT400';
  end if;
  if v_url is not null and (v_url !~ '^https://' or char_length(v_url) > 500) then
    raise exception 'the review link must start with https:// (at most 500 characters)' using errcode = 'PT400';
  end if;
  insert into public.reminder_settings (tenant_id, reminder_offsets_minutes, thank_you_enabled, review_url,
    follow_ups_enabled, follow_up_hours)
  values (p_tenant_id, v_offsets, (p_settings ->> 'thank_you_enabled')::boolean, v_url,
    (p_settings ->> 'follow_ups_enabled')::boolean, v_hours)
  on conflict (tenant_id) do update set reminder_offsets_minutes = excluded.reminder_offsets_minutes,
    thank_you_enabled = excluded.thank_you_enabled, review_url = excluded.review_url,
    follow_ups_enabled = excluded.follow_ups_enabled, follow_up_hours = excluded.follow_up_hours,
    updated_at = now();
  return public.dashboard_reminder_settings(p_tenant_id);
end $$;
revoke all on function public.dashboard_save_reminder_settings(uuid, jsonb) from public, anon;
grant execute on function public.dashboard_save_reminder_settings(uuid, jsonb) to authenticated, service_role;
comment on function public.dashboard_save_reminder_settings(uuid, jsonb) is
  '@returns { reminder_offsets_minutes: number[]; thank_you_enabled: boolean; review_url: string | null; follow_ups_enabled: boolean; follow_up_hours: number[] }';

-- Staff: the reminders of the appointments in a range, for the calendar's cards.
create or replace function public.dashboard_appointment_reminders(p_tenant_id uuid, p_appointment_ids uuid[])
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if cardinality(p_appointment_ids) > 500 then
    raise exception 'at most 500 appointments' using errcode = 'PT400';
  end if;
  return coalesce((select jsonb_agg(jsonb_build_object('id', r.id, 'appointment_id', r.appointment_id,
      'kind', r.kind, 'offset_minutes', r.offset_minutes, 'due_at', r.due_at, 'status', r.status,
      'reason', r.reason, 'message_status', m.delivery_status) order by r.appointment_id, r.due_at)
    from public.appointment_reminders r
    left join public.messages m on m.id = r.message_id
    where r.tenant_id = p_tenant_id and r.appointment_id = any(p_appointment_ids)
      and r.status <> 'withdrawn'), '[]'::jsonb);
end $$;
revoke all on function public.dashboard_appointment_reminders(uuid, uuid[]) from public, anon;
grant execute on function public.dashboard_appointment_reminders(uuid, uuid[]) to authenticated, service_role;
comment on function public.dashboard_appointment_reminders(uuid, uuid[]) is
  '@returns { id: string; appointment_id: string; kind: ''reminder'' | ''thank_you''; offset_minutes: number; due_at: string; status: ''scheduled'' | ''sent'' | ''not_sent'' | ''withdrawn''; reason: string | null; message_status: string | null }[]';
