-- Appointment reminders, the customer's button replies, and the day-after thank-you (issue 15 §3).
--
-- * Per tenant: reminder offsets (default 24 h and 2 h before), the thank-you switch and review
--   link, follow-up steps (next migration) — reminder_settings.
-- * appointment_reminders: one row per (appointment, kind, offset, start). A trigger on
--   appointments writes the rows and their appointment_reminder jobs when an appointment is
--   booked or moved, and withdraws them when it is moved, cancelled, completed or missed: a
--   moved appointment gets fresh rows for its new start, and a reminder already queued but not
--   yet taken by its send job is deleted with the cancellation. The unique key is what makes a
--   reminder go out at most once, whatever the job retries do.
-- * The job reads the facts (appointment_reminder_facts), decides in TypeScript (the channel's
--   reply window, the approved `recordatorio_cita` template) and records the outcome while
--   completing itself (appointment_reminder_record), which checks again that the appointment is
--   live and at the same start.
-- * A tap on a reminder's Confirmar / Cambiar / Cancelar (choice id `appt:<id>:<action>`: WhatsApp
--   button or list reply, template quick-reply payload, Messenger/Instagram quick reply, or "1",
--   "2", "3" answering the numbered text) is handled by a trigger on the customer's message:
--   confirm and cancel change the appointment for that lead only, answer once per (appointment,
--   action, start), and the message gets no AI reply; change is left to the AI's booking tools.

create table public.reminder_settings (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  reminder_offsets_minutes integer[] not null default '{1440,120}'
    check (cardinality(reminder_offsets_minutes) <= 5
      and 0 < all (reminder_offsets_minutes) and 20160 >= all (reminder_offsets_minutes)),
  thank_you_enabled boolean not null default false,
  review_url text check (review_url is null or (review_url ~ '^https://' and char_length(review_url) <= 500)),
  follow_ups_enabled boolean not null default false,
  follow_up_hours integer[] not null default '{24,72,168}'
    check (cardinality(follow_up_hours) between 1 and 5
      and 0 < all (follow_up_hours) and 720 >= all (follow_up_hours)),
  updated_at timestamptz not null default now()
);
alter table public.reminder_settings enable row level security;
create policy reminder_settings_member_read on public.reminder_settings for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
revoke all on table public.reminder_settings from public, anon, authenticated;
grant select on table public.reminder_settings to authenticated;
grant select, insert, update, delete on table public.reminder_settings to service_role;

create table public.appointment_reminders (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  appointment_id uuid not null references public.appointments (id) on delete cascade,
  kind text not null check (kind in ('reminder', 'thank_you')),
  -- Minutes before the start (reminders); 0 for the thank-you.
  offset_minutes integer not null check (offset_minutes >= 0),
  -- The appointment's start this row was made for: a move makes new rows.
  starts_at timestamptz not null,
  due_at timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'sent', 'not_sent', 'withdrawn')),
  -- Why it was not sent or withdrawn (a code; the dashboard says it in words).
  reason text check (char_length(reason) <= 100),
  conversation_id uuid references public.conversations (id) on delete set null,
  message_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (appointment_id, kind, offset_minutes, starts_at)
);
create index appointment_reminders_tenant_idx on public.appointment_reminders (tenant_id, due_at);
create index appointment_reminders_message_idx on public.appointment_reminders (message_id) where message_id is not null;
create index appointment_reminders_conversation_idx on public.appointment_reminders (conversation_id)
  where conversation_id is not null;
create trigger appointment_reminders_touch before update on public.appointment_reminders
  for each row execute function public.touch_updated_at();
alter table public.appointment_reminders enable row level security;
create policy appointment_reminders_member_read on public.appointment_reminders for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
revoke all on table public.appointment_reminders from public, anon, authenticated;
grant select on table public.appointment_reminders to authenticated;
grant select, insert, update, delete on table public.appointment_reminders to service_role;

-- A customer's tap on a reminder choice, and what it did. One row per tapping message; the
-- answer (confirmation_message_id) goes once per (appointment, action, start).
create table public.appointment_reply_taps (
  message_id uuid primary key references public.messages (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  appointment_id uuid not null references public.appointments (id) on delete cascade,
  action text not null check (action in ('confirm', 'change', 'cancel')),
  outcome text not null check (char_length(outcome) <= 40),
  starts_at timestamptz not null,
  confirmation_message_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index appointment_reply_taps_answer_key on public.appointment_reply_taps
  (appointment_id, action, starts_at) where confirmation_message_id is not null;
create index appointment_reply_taps_appointment_idx on public.appointment_reply_taps (appointment_id);
create index appointment_reply_taps_tenant_idx on public.appointment_reply_taps (tenant_id);
create index appointment_reply_taps_confirmation_idx on public.appointment_reply_taps (confirmation_message_id)
  where confirmation_message_id is not null;
alter table public.appointment_reply_taps enable row level security;
create policy appointment_reply_taps_member_read on public.appointment_reply_taps for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
revoke all on table public.appointment_reply_taps from public, anon, authenticated;
grant select on table public.appointment_reply_taps to authenticated;
grant select, insert, update, delete on table public.appointment_reply_taps to service_role;

-- "martes 15 de diciembre" and "10:30" in a zone, for texts written in SQL.
create or replace function internal.spanish_day(p_at timestamptz, p_zone text) returns text
language sql immutable set search_path = '' as $$
  select (array['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'])
      [extract(dow from p_at at time zone p_zone)::integer + 1]
    || ' ' || extract(day from p_at at time zone p_zone)::integer || ' de '
    || (array['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre',
        'octubre', 'noviembre', 'diciembre'])[extract(month from p_at at time zone p_zone)::integer]
$$;
revoke all on function internal.spanish_day(timestamptz, text) from public, anon, authenticated, service_role;

create or replace function internal.reminder_settings_of(p_tenant_id uuid) returns public.reminder_settings
language sql stable set search_path = '' as $$
  select coalesce(
    (select s from public.reminder_settings s where s.tenant_id = p_tenant_id),
    row(p_tenant_id, '{1440,120}'::integer[], false, null::text, false, '{24,72,168}'::integer[], now())::public.reminder_settings)
$$;
revoke all on function internal.reminder_settings_of(uuid) from public, anon, authenticated, service_role;

-- Withdraws what is still to go out for an appointment (all of it, or only what was made for
-- another start): scheduled rows, their pending jobs, and reminders queued but not yet taken by
-- their send job (the message row is deleted; a send already under way cannot be stopped).
create or replace function internal.withdraw_appointment_reminders(p_appointment_id uuid, p_keep_start timestamptz,
  p_reason text)
returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  with gone as (
    update public.appointment_reminders r set status = 'withdrawn', reason = p_reason
    where r.appointment_id = p_appointment_id
      -- The thank-you stays for a completed visit; marked missed or cancelled, it goes too.
      and (r.kind = 'reminder' or p_reason not in ('completed', 'moved'))
      and (p_keep_start is null or r.starts_at <> p_keep_start)
      and (r.status = 'scheduled' or (r.status = 'sent' and exists (select 1 from public.messages m
        where m.id = r.message_id and m.delivery_status = 'queued')))
    returning r.id, r.message_id
  ), jobs as (
    delete from public.jobs j using gone
    where j.status = 'pending' and j.dedupe_key = 'appointment_reminder:' || gone.id
  ), messages as (
    delete from public.messages m using gone
    where m.id = gone.message_id and m.delivery_status = 'queued'
  )
  select count(*) into v_count from gone;
  return v_count;
end $$;
revoke all on function internal.withdraw_appointment_reminders(uuid, timestamptz, text) from public, anon, authenticated, service_role;

-- One reminder (or thank-you) row and its job, unless that row already exists.
create or replace function internal.schedule_appointment_reminder(p_appt public.appointments, p_kind text,
  p_offset integer, p_due timestamptz)
returns void
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into public.appointment_reminders (tenant_id, appointment_id, kind, offset_minutes, starts_at, due_at)
  values (p_appt.tenant_id, p_appt.id, p_kind, p_offset, lower(p_appt.period), p_due)
  on conflict (appointment_id, kind, offset_minutes, starts_at) do nothing
  returning id into v_id;
  if v_id is not null then
    perform internal.enqueue_job('appointment_reminder', jsonb_build_object('reminder_id', v_id),
      p_appt.tenant_id, 5, 'appointment_reminder:' || v_id, p_due);
  end if;
end $$;
revoke all on function internal.schedule_appointment_reminder(public.appointments, text, integer, timestamptz)
  from public, anon, authenticated, service_role;

-- Booked or moved: reminders at each offset still ahead; moved, cancelled, completed or missed:
-- withdraw; completed: the day-after thank-you at 10:00 in the branch's zone, when switched on.
create or replace function internal.reminders_on_appointment_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.reminder_settings := internal.reminder_settings_of(new.tenant_id);
  v_offset integer;
  v_zone text;
begin
  if new.status in ('requested', 'confirmed') then
    if tg_op = 'UPDATE' and lower(old.period) <> lower(new.period) then
      perform internal.withdraw_appointment_reminders(new.id, lower(new.period), 'moved');
    end if;
    foreach v_offset in array v_settings.reminder_offsets_minutes loop
      if lower(new.period) - make_interval(mins => v_offset) > now() then
        perform internal.schedule_appointment_reminder(new, 'reminder', v_offset,
          lower(new.period) - make_interval(mins => v_offset));
      end if;
    end loop;
  elsif tg_op = 'INSERT' or old.status is distinct from new.status then
    perform internal.withdraw_appointment_reminders(new.id, null, new.status);
    if new.status = 'completed' and v_settings.thank_you_enabled then
      select b.timezone into v_zone from public.branches b where b.id = new.branch_id;
      perform internal.schedule_appointment_reminder(new, 'thank_you', 0, greatest(now(),
        (((lower(new.period) at time zone v_zone)::date + 1) + time '10:00') at time zone v_zone));
    end if;
  end if;
  return null;
end $$;
revoke all on function internal.reminders_on_appointment_change() from public, anon, authenticated, service_role;

create trigger appointments_reminders after insert or update of period, status on public.appointments
  for each row execute function internal.reminders_on_appointment_change();

-- The conversation a reminder goes to: the lead's one where they wrote last (open ones first).
create or replace function internal.reminder_conversation(p_lead_id uuid) returns public.conversations
language sql stable set search_path = '' as $$
  select c from public.conversations c
  where c.lead_id = p_lead_id
  order by (c.status in ('active', 'pending')) desc, c.last_inbound_at desc nulls last, c.created_at desc
  limit 1
$$;
revoke all on function internal.reminder_conversation(uuid) from public, anon, authenticated, service_role;

-- What the appointment_reminder job needs to decide, in one call.
create or replace function public.appointment_reminder_facts(p_reminder_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_rem public.appointment_reminders;
  v_conv public.conversations;
  v_settings public.reminder_settings;
begin
  select * into v_rem from public.appointment_reminders r where r.id = p_reminder_id;
  if not found then
    return null;
  end if;
  v_settings := internal.reminder_settings_of(v_rem.tenant_id);
  v_conv := internal.reminder_conversation((select a.lead_id from public.appointments a where a.id = v_rem.appointment_id));
  return jsonb_build_object(
    'reminder', jsonb_build_object('id', v_rem.id, 'tenant_id', v_rem.tenant_id, 'kind', v_rem.kind,
      'offset_minutes', v_rem.offset_minutes, 'starts_at', v_rem.starts_at, 'status', v_rem.status),
    'appointment', internal.sched_appointment_json(v_rem.appointment_id),
    'review_url', v_settings.review_url,
    'conversation', case when v_conv.id is null then null else jsonb_build_object('id', v_conv.id,
      'channel', v_conv.channel, 'last_inbound_at', v_conv.last_inbound_at) end,
    'connection', (select jsonb_build_object('status', k.status) from public.channel_connections k
      where k.tenant_id = v_rem.tenant_id and k.channel = v_conv.channel),
    'replies_last_24h', (select count(*)::integer from public.messages m
      where m.lead_id = v_conv.lead_id and m.channel = v_conv.channel and m.direction = 'outbound'
        and m.tenant_id = v_conv.tenant_id
        and m.delivery_status in ('sending', 'sent', 'delivered', 'read', 'played')
        and coalesce(m.sent_at, m.created_at) > now() - interval '24 hours'),
    -- Outside the window only a WhatsApp template may go: the approved one for this kind.
    'templates_apply', v_conv.channel = 'whatsapp',
    'template', case when v_conv.channel = 'whatsapp' and v_rem.kind = 'reminder' then (
      select jsonb_build_object('name', t.name, 'language', t.language,
        'parameter_format', t.parameter_format, 'components', t.components)
      from public.whatsapp_templates t
      where t.tenant_id = v_rem.tenant_id and t.name = 'recordatorio_cita' and t.status = 'approved'
      order by (t.language like 'es%') desc, t.updated_at desc limit 1) end);
end $$;
revoke all on function public.appointment_reminder_facts(uuid) from public, anon, authenticated;
grant execute on function public.appointment_reminder_facts(uuid) to service_role;
comment on function public.appointment_reminder_facts(uuid) is
  '@returns { reminder: { id: string; tenant_id: string; kind: ''reminder'' | ''thank_you''; offset_minutes: number; starts_at: string; status: ''scheduled'' | ''sent'' | ''not_sent'' | ''withdrawn'' }; appointment: { id: string; lead_id: string; lead_name: string | null; branch_id: string; branch_name: string; branch_address: string | null; branch_maps_url: string | null; timezone: string; service_id: string; service_name: string; resource_id: string; resource_name: string; unit: number; starts_at: string; ends_at: string; local_start: string; weekday: string; party_size: number; status: ''requested'' | ''confirmed'' | ''cancelled'' | ''completed'' | ''no_show''; source: ''ai'' | ''staff'' | ''api''; notes: string | null; created_at: string; updated_at: string }; review_url: string | null; conversation: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; last_inbound_at: string | null } | null; connection: { status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error'' } | null; replies_last_24h: number; templates_apply: boolean | null; template: { name: string; language: string; parameter_format: ''positional'' | ''named''; components: Record<string, unknown>[] } | null } | null';

-- An outbound system message and its send job (reminders, follow-ups, tap answers).
create or replace function internal.system_message_write(p_conv public.conversations, p_text text, p_content jsonb)
returns uuid
language plpgsql set search_path = '' as $$
declare
  v_msg_id uuid;
begin
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, content, delivery_status)
  values (p_conv.tenant_id, p_conv.id, p_conv.lead_id, p_conv.channel, 'outbound', 'system', 'text',
    left(p_text, internal.channel_text_limit(p_conv.channel)),
    case when jsonb_typeof(p_content) = 'object' then p_content end, 'queued')
  returning id into v_msg_id;
  update public.conversations set last_message_at = now() where id = p_conv.id;
  perform internal.enqueue_job('send_' || p_conv.channel, jsonb_build_object('message_id', v_msg_id),
    p_conv.tenant_id, 10, 'send:' || v_msg_id);
  return v_msg_id;
end $$;
revoke all on function internal.system_message_write(public.conversations, text, jsonb) from public, anon, authenticated, service_role;

-- Records the job's decision and completes it, in one transaction. p_outcome:
--   { "send": { "conversation_id", "text", "content" } }  or  { "not_sent": "<reason code>" }.
-- The reminder goes only if it is still scheduled, and (reminders) the appointment is still
-- live and at the start the row was made for; otherwise nothing is written.
create or replace function public.appointment_reminder_record(p_job_id uuid, p_locked_by text, p_attempts integer,
  p_reminder_id uuid, p_outcome jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_rem public.appointment_reminders;
  v_appt public.appointments;
  v_conv public.conversations;
  v_msg_id uuid;
  v_result jsonb;
  v_text text := nullif(btrim(coalesce(p_outcome #>> '{send,text}', '')), '');
begin
  if jsonb_typeof(p_outcome) is distinct from 'object'
    or ((p_outcome ? 'send') = (p_outcome ? 'not_sent')) then
    raise exception 'outcome is { send } or { not_sent }' using errcode = 'PT400';
  end if;
  if p_outcome ? 'not_sent' and (jsonb_typeof(p_outcome -> 'not_sent') <> 'string'
    or char_length(p_outcome ->> 'not_sent') not between 1 and 100) then
    raise exception 'not_sent is a reason code' using errcode = 'PT400';
  end if;
  if p_outcome ? 'send' and (v_text is null or char_length(v_text) > 4096) then
    raise exception 'a reminder needs text of at most 4096 characters' using errcode = 'PT400';
  end if;
  select * into v_rem from public.appointment_reminders r
  where r.id = p_reminder_id and r.tenant_id = (select j.tenant_id from public.jobs j where j.id = p_job_id)
  for update;
  select * into v_appt from public.appointments a where a.id = v_rem.appointment_id for share;
  if v_rem.id is null then
    v_result := jsonb_build_object('outcome', 'skipped', 'reason', 'reminder_missing');
  elsif v_rem.status <> 'scheduled' then
    v_result := jsonb_build_object('outcome', 'skipped', 'reason', 'already_' || v_rem.status);
  elsif (v_rem.kind = 'reminder' and (v_appt.status not in ('requested', 'confirmed')
    or lower(v_appt.period) <> v_rem.starts_at)) or (v_rem.kind = 'thank_you' and v_appt.status <> 'completed') then
    update public.appointment_reminders set status = 'withdrawn',
      reason = case when v_appt.status in ('requested', 'confirmed') then 'moved' else v_appt.status end
    where id = v_rem.id;
    v_result := jsonb_build_object('outcome', 'skipped', 'reason', 'appointment_changed');
  elsif p_outcome ? 'not_sent' then
    update public.appointment_reminders set status = 'not_sent', reason = p_outcome ->> 'not_sent',
      conversation_id = (internal.reminder_conversation(v_appt.lead_id)).id
    where id = v_rem.id;
    v_result := jsonb_build_object('outcome', 'not_sent', 'reason', p_outcome ->> 'not_sent');
  else
    select * into v_conv from public.conversations c
    where c.id = (p_outcome #>> '{send,conversation_id}')::uuid and c.lead_id = v_appt.lead_id;
    if v_conv.id is null then
      raise exception 'that conversation is not the appointment lead''s' using errcode = 'PT400';
    end if;
    v_msg_id := internal.system_message_write(v_conv, v_text, p_outcome #> '{send,content}');
    update public.appointment_reminders set status = 'sent', reason = null, message_id = v_msg_id,
      conversation_id = v_conv.id
    where id = v_rem.id;
    v_result := jsonb_build_object('outcome', 'sent', 'message_id', v_msg_id);
  end if;
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result);
  return v_result;
end $$;
revoke all on function public.appointment_reminder_record(uuid, text, integer, uuid, jsonb) from public, anon, authenticated;
grant execute on function public.appointment_reminder_record(uuid, text, integer, uuid, jsonb) to service_role;
comment on function public.appointment_reminder_record(uuid, text, integer, uuid, jsonb) is
  '@returns { outcome: ''skipped''; reason: string } | { outcome: ''not_sent''; reason: string } | { outcome: ''sent''; message_id: string }';

-- The choice a customer's message picked: a tapped id, or the digit answering the numbered text
-- of the reminder just before it.
create or replace function internal.tapped_choice_id(p_msg public.messages) returns text
language plpgsql stable set search_path = '' as $$
declare
  v_digit integer;
  v_content jsonb;
begin
  if p_msg.message_type in ('button_reply', 'list_reply', 'button', 'quick_reply') then
    return coalesce(p_msg.raw_payload #>> '{interactive,button_reply,id}',
      p_msg.raw_payload #>> '{interactive,list_reply,id}',
      p_msg.raw_payload #>> '{button,payload}',
      p_msg.raw_payload #>> '{message,quick_reply,payload}');
  end if;
  if p_msg.message_type = 'text' and p_msg.text ~ '^\s*[1-9]\s*\.?\s*$' then
    v_digit := substring(p_msg.text from '[1-9]')::integer;
    select m.content into v_content from public.messages m
    where m.conversation_id = p_msg.conversation_id and m.direction = 'outbound' and m.id <> p_msg.id
      and m.created_at <= p_msg.created_at
    order by m.created_at desc, m.id desc limit 1;
    if v_content ->> 'kind' = 'choices' and exists (select 1 from public.appointment_reminders r
      where r.message_id = (select m.id from public.messages m
        where m.conversation_id = p_msg.conversation_id and m.direction = 'outbound' and m.id <> p_msg.id
          and m.created_at <= p_msg.created_at
        order by m.created_at desc, m.id desc limit 1)) then
      return v_content #>> array['choices', (v_digit - 1)::text, 'id'];
    end if;
  end if;
  return null;
end $$;
revoke all on function internal.tapped_choice_id(public.messages) from public, anon, authenticated, service_role;

-- On a customer's message: a reminder tap changes the appointment (for this lead only) and is
-- answered once per (appointment, action, start).
create or replace function internal.appointment_tap_on_inbound() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_choice text := internal.tapped_choice_id(new);
  v_match text[];
  v_action text;
  v_appt public.appointments;
  v_result jsonb;
  v_conv public.conversations;
  v_zone text;
  v_when text;
  v_answer text;
  v_tap_inserted boolean;
begin
  v_match := regexp_match(coalesce(v_choice, ''), '^appt:([0-9a-f-]{36}):(confirm|change|cancel)$');
  if v_match is null then
    return null;
  end if;
  v_action := v_match[2];
  select * into v_appt from public.appointments a
  where a.id = v_match[1]::uuid and a.tenant_id = new.tenant_id and a.lead_id = new.lead_id;
  if v_appt.id is null then
    return null;
  end if;
  if v_action = 'change' then
    insert into public.appointment_reply_taps (message_id, tenant_id, appointment_id, action, outcome, starts_at)
    values (new.id, new.tenant_id, v_appt.id, 'change', 'handed_to_ai', lower(v_appt.period))
    on conflict (message_id) do nothing;
    return null;
  end if;
  v_result := internal.sched_set_status(new.tenant_id, new.lead_id, v_appt.id,
    case v_action when 'confirm' then 'confirmed' else 'cancelled' end, 'ai',
    case v_action when 'cancel' then 'El cliente canceló desde el recordatorio' end);
  insert into public.appointment_reply_taps (message_id, tenant_id, appointment_id, action, outcome, starts_at)
  values (new.id, new.tenant_id, v_appt.id, v_action, v_result ->> 'outcome', lower(v_appt.period))
  on conflict (message_id) do nothing
  returning true into v_tap_inserted;
  if not coalesce(v_tap_inserted, false) or v_result ->> 'outcome' not in ('updated', 'unchanged') then
    return null;
  end if;
  if exists (select 1 from public.appointment_reply_taps t where t.appointment_id = v_appt.id
    and t.action = v_action and t.starts_at = lower(v_appt.period) and t.confirmation_message_id is not null) then
    return null;
  end if;
  select b.timezone into v_zone from public.branches b where b.id = v_appt.branch_id;
  v_when := internal.spanish_day(lower(v_appt.period), v_zone) || ' a las '
    || to_char(lower(v_appt.period) at time zone v_zone, 'HH24:MI');
  v_answer := case v_action
    when 'confirm' then '¡Gracias! Tu cita del ' || v_when || ' quedó confirmada. Te esperamos.'
    else 'Listo, cancelamos tu cita del ' || v_when || '. Si quieres agendar otra, escríbenos por aquí.' end;
  select * into v_conv from public.conversations c where c.id = new.conversation_id;
  update public.appointment_reply_taps set confirmation_message_id = internal.system_message_write(v_conv, v_answer, null)
  where message_id = new.id;
  return null;
end $$;
revoke all on function internal.appointment_tap_on_inbound() from public, anon, authenticated, service_role;

create trigger messages_appointment_taps after insert on public.messages
  for each row when (new.direction = 'inbound' and new.sender = 'lead'
    and (new.message_type in ('button_reply', 'list_reply', 'button', 'quick_reply')
      or (new.message_type = 'text' and new.text ~ '^\s*[1-9]\s*\.?\s*$')))
  execute function internal.appointment_tap_on_inbound();

-- A confirm or cancel tap was answered without the AI: it gets no AI job. (Redefines the
-- function of the inbound migrations; a change tap still goes to the AI's booking tools.)
create or replace function internal.enqueue_ai_response(p_tenant_id uuid, p_conversation_id uuid, p_message_id uuid)
returns void
language sql set search_path = '' as $$
  insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key)
  select p_tenant_id, 'ai_response',
    jsonb_build_object('conversation_id', p_conversation_id, 'message_id', p_message_id), 10,
    'ai_response:' || p_conversation_id
  where not exists (select 1 from public.appointment_reply_taps t
    where t.message_id = p_message_id and t.action in ('confirm', 'cancel'))
  on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
  do update set payload = excluded.payload
$$;
revoke all on function internal.enqueue_ai_response(uuid, uuid, uuid) from public, anon, authenticated, service_role;

-- Reminders are not answers: the AI still answers a customer message a reminder followed.
-- (Redefines the function of 20261209600000_auto_messages.sql.)
create or replace function internal.latest_inbound_answered(p_conversation_id uuid, p_latest_inbound public.messages)
returns boolean
language sql stable set search_path = '' as $$
  select p_latest_inbound.id is not null and exists (
    select 1 from public.messages m
    where m.conversation_id = p_conversation_id and m.direction = 'outbound'
      and (m.delivery_status <> 'failed' or m.error_code = 'send_unconfirmed')
      and (m.created_at, m.id) > (p_latest_inbound.created_at, p_latest_inbound.id)
      and not exists (select 1 from public.auto_message_sends s where s.message_id = m.id)
      and not exists (select 1 from public.appointment_reminders r where r.message_id = m.id))
$$;
revoke all on function internal.latest_inbound_answered(uuid, public.messages) from public, anon, authenticated, service_role;
