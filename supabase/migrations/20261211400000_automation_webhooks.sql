-- Outbound webhooks for automations (issue 17 §4): a business's own workflow (n8n, Make, Zapier)
-- is told when something happens, and may answer customers instead of the AI.
--
-- webhook_endpoints: where to POST (https; plain http only to localhost in local mode, checked by
--   the app), the signing secret sealed by the app (AES-256-GCM, ENCRYPTION_KEY, AAD = tenant +
--   endpoint), the events it wants, on or off. Staff never read the sealed secret.
-- webhook_deliveries: one row per (endpoint, event), unique: each becomes one deliver_webhook job;
--   a retried job finds the row already delivered. The payload is kept as sent (the same body and
--   event id on every attempt and on a manual resend); only a short snippet of the receiver's
--   answer is kept.
-- Events are recorded by triggers in the transaction that makes the change, so a change without its
-- event (or an event without its change) cannot be committed. An event's id is derived from what
-- happened (md5 of tenant, type and the change's own key), so recording it twice is one event.

create table public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  url text not null check (url ~ '^https?://' and length(url) between 10 and 2000),
  description text check (description is null or length(description) <= 200),
  secret_encrypted text not null check (length(secret_encrypted) between 1 and 1000),
  secret_hint text not null default '' check (length(secret_hint) <= 8),
  events text[] not null check (cardinality(events) between 1 and 20 and events <@ array[
    'message.received', 'message.sent', 'conversation.escalated', 'conversation.closed',
    'lead.score_changed', 'appointment.created', 'appointment.updated', 'appointment.cancelled',
    'ai.reply_requested']),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create index webhook_endpoints_active_idx on public.webhook_endpoints (tenant_id) where active;

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  endpoint_id uuid not null,
  event_id uuid not null,
  event_type text not null check (length(event_type) between 1 and 60),
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  last_status_code integer,
  last_error text check (last_error is null or length(last_error) <= 300),
  next_attempt_at timestamptz default now(),
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, endpoint_id) references public.webhook_endpoints (tenant_id, id) on delete cascade,
  unique (endpoint_id, event_id)
);
create index webhook_deliveries_tenant_idx on public.webhook_deliveries (tenant_id, created_at desc);

create trigger webhook_endpoints_touch before update on public.webhook_endpoints
  for each row execute function public.touch_updated_at();
create trigger webhook_deliveries_touch before update on public.webhook_deliveries
  for each row execute function public.touch_updated_at();

alter table public.webhook_endpoints enable row level security;
alter table public.webhook_deliveries enable row level security;
-- Admins read the log; the endpoints (with their sealed secret) only through dashboard functions.
create policy webhook_deliveries_admin_read on public.webhook_deliveries for select to authenticated
  using ((select public.is_tenant_member(tenant_id, 'admin')));

revoke all on public.webhook_endpoints, public.webhook_deliveries from public, anon, authenticated;
grant select on public.webhook_deliveries to authenticated;
grant select, insert, update, delete on public.webhook_endpoints, public.webhook_deliveries to service_role;

-- "AI through my workflow": the ai_response job asks the business's workflow (ai.reply_requested)
-- instead of calling the model; the workflow answers through /api/v1.
alter table public.ai_tenant_context add column reply_through_workflow boolean not null default false;

-- Whether any active endpoint of the business wants this event: the triggers' cheap first check.
create or replace function internal.automation_wanted(p_tenant_id uuid, p_type text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.webhook_endpoints e
    where e.tenant_id = p_tenant_id and e.active and p_type = any (e.events))
$$;
revoke all on function internal.automation_wanted(uuid, text) from public, anon, authenticated, service_role;

-- Records one event for every active endpoint that wants it, in the caller's transaction: one
-- delivery row each, with one deliver_webhook job. Returns the event id (null when nobody wants it).
create or replace function internal.automation_emit(p_tenant_id uuid, p_type text, p_event_key text, p_data jsonb)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_event_id uuid := md5(p_tenant_id::text || ':' || p_type || ':' || p_event_key)::uuid;
  v_delivery record;
  v_any boolean := false;
begin
  for v_delivery in
    insert into public.webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
    select p_tenant_id, e.id, v_event_id, p_type, jsonb_build_object('id', v_event_id, 'type', p_type,
      'created_at', now(), 'tenant_id', p_tenant_id, 'data', p_data)
    from public.webhook_endpoints e
    where e.tenant_id = p_tenant_id and e.active and p_type = any (e.events)
    on conflict (endpoint_id, event_id) do nothing
    returning id
  loop
    v_any := true;
    perform internal.enqueue_job('deliver_webhook', jsonb_build_object('delivery_id', v_delivery.id),
      p_tenant_id, 3, 'deliver_webhook:' || v_delivery.id::text, null, 8);
  end loop;
  return case when v_any then v_event_id end;
end $$;
revoke all on function internal.automation_emit(uuid, text, text, jsonb) from public, anon, authenticated, service_role;

-- The message as a workflow sees it (no raw platform payload).
create or replace function internal.automation_message_json(p_message public.messages) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', p_message.id, 'conversation_id', p_message.conversation_id,
    'lead_id', p_message.lead_id, 'channel', p_message.channel, 'direction', p_message.direction,
    'sender', p_message.sender, 'type', p_message.message_type, 'text', p_message.text,
    'has_media', p_message.media is not null, 'created_at', p_message.created_at,
    'sent_at', p_message.sent_at, 'test', p_message.is_test)
$$;
revoke all on function internal.automation_message_json(public.messages) from public, anon, authenticated, service_role;

create or replace function internal.automation_lead_json(p_lead_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', l.id, 'name', l.name, 'phone', l.phone, 'email', l.email,
    'score', l.score, 'classification', l.classification, 'stage', l.stage,
    'origin_channel', l.origin_channel)
  from public.leads l where l.id = p_lead_id
$$;
revoke all on function internal.automation_lead_json(uuid) from public, anon, authenticated, service_role;

create or replace function internal.automation_conversation_json(p_conversation public.conversations) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', p_conversation.id, 'lead_id', p_conversation.lead_id,
    'channel', p_conversation.channel, 'status', p_conversation.status,
    'handled_by', p_conversation.handled_by, 'escalated_at', p_conversation.escalated_at,
    'escalation_reason', p_conversation.escalation_reason, 'test', p_conversation.is_test)
$$;
revoke all on function internal.automation_conversation_json(public.conversations) from public, anon, authenticated, service_role;

-- message.received: a customer's message stored (once: the insert happens once per platform id).
create or replace function internal.automation_on_inbound_message() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if internal.automation_wanted(new.tenant_id, 'message.received') then
    perform internal.automation_emit(new.tenant_id, 'message.received', new.id::text, jsonb_build_object(
      'message', internal.automation_message_json(new), 'lead', internal.automation_lead_json(new.lead_id)));
  end if;
  return null;
end $$;
revoke all on function internal.automation_on_inbound_message() from public, anon, authenticated, service_role;

create trigger messages_automation_received after insert on public.messages
  for each row when (new.direction = 'inbound' and new.sender = 'lead')
  execute function internal.automation_on_inbound_message();

-- message.sent: a reply (AI, staff, automatic) accepted by the platform for the first time.
create or replace function internal.automation_on_sent_message() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if internal.automation_wanted(new.tenant_id, 'message.sent') then
    perform internal.automation_emit(new.tenant_id, 'message.sent', new.id::text,
      jsonb_build_object('message', internal.automation_message_json(new)));
  end if;
  return null;
end $$;
revoke all on function internal.automation_on_sent_message() from public, anon, authenticated, service_role;

create trigger messages_automation_sent after update of sent_at on public.messages
  for each row when (new.direction = 'outbound' and old.sent_at is null and new.sent_at is not null)
  execute function internal.automation_on_sent_message();

-- conversation.escalated (each new escalation time) and conversation.closed (resolved or closed).
create or replace function internal.automation_on_conversation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.escalated_at is not null and (tg_op = 'INSERT' or old.escalated_at is distinct from new.escalated_at)
    and internal.automation_wanted(new.tenant_id, 'conversation.escalated') then
    perform internal.automation_emit(new.tenant_id, 'conversation.escalated',
      new.id::text || ':' || (extract(epoch from new.escalated_at) * 1000000)::bigint::text,
      jsonb_build_object('conversation', internal.automation_conversation_json(new),
        'lead', internal.automation_lead_json(new.lead_id)));
  end if;
  if tg_op = 'UPDATE' and new.status in ('resolved', 'closed') and old.status not in ('resolved', 'closed')
    and internal.automation_wanted(new.tenant_id, 'conversation.closed') then
    perform internal.automation_emit(new.tenant_id, 'conversation.closed',
      new.id::text || ':' || (extract(epoch from now()) * 1000000)::bigint::text,
      jsonb_build_object('conversation', internal.automation_conversation_json(new),
        'lead', internal.automation_lead_json(new.lead_id)));
  end if;
  return null;
end $$;
revoke all on function internal.automation_on_conversation() from public, anon, authenticated, service_role;

create trigger conversations_automation after insert or update of escalated_at, status on public.conversations
  for each row execute function internal.automation_on_conversation();

-- lead.score_changed: each recorded score change (lead_score_events), with its signals.
create or replace function internal.automation_on_score_event() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if internal.automation_wanted(new.tenant_id, 'lead.score_changed') then
    perform internal.automation_emit(new.tenant_id, 'lead.score_changed', new.id::text, jsonb_build_object(
      'lead', internal.automation_lead_json(new.lead_id), 'score_before', new.score_before,
      'score_after', new.score_after, 'classification_after', new.classification_after,
      'signals', to_jsonb(new.signals), 'reason', new.reason, 'message_id', new.message_id));
  end if;
  return null;
end $$;
revoke all on function internal.automation_on_score_event() from public, anon, authenticated, service_role;

create trigger lead_score_events_automation after insert on public.lead_score_events
  for each row when (new.score_before <> new.score_after)
  execute function internal.automation_on_score_event();

-- appointment.created / .cancelled / .updated (rescheduled, confirmed, completed, no-show): each
-- appointment_events row, after the appointment itself is written.
create or replace function internal.automation_on_appointment_event() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_type text := case new.action when 'created' then 'appointment.created'
    when 'cancelled' then 'appointment.cancelled' else 'appointment.updated' end;
begin
  if internal.automation_wanted(new.tenant_id, v_type) then
    perform internal.automation_emit(new.tenant_id, v_type, new.id::text, (
      select jsonb_build_object('action', new.action, 'source', new.source,
        'appointment', jsonb_build_object('id', a.id, 'lead_id', a.lead_id, 'branch_id', a.branch_id,
          'service_id', a.service_id, 'service_name', s.name, 'resource_id', a.resource_id,
          'status', a.status, 'starts_at', lower(a.period), 'ends_at', upper(a.period),
          'party_size', a.party_size, 'source', a.source),
        'lead', internal.automation_lead_json(a.lead_id))
      from public.appointments a
      join public.services s on s.id = a.service_id
      where a.id = new.appointment_id));
  end if;
  return null;
end $$;
revoke all on function internal.automation_on_appointment_event() from public, anon, authenticated, service_role;

create trigger appointment_events_automation after insert on public.appointment_events
  for each row execute function internal.automation_on_appointment_event();

-- The ai_response job in "AI through my workflow" mode: emit ai.reply_requested for the newest
-- customer message (its id is the event's key, so a retried job asks once) and complete the job,
-- in one call. No endpoint wants the event: nothing changes, and the job answers with the AI
-- (never silence).
create or replace function public.automation_request_ai_reply(
  p_job_id uuid, p_locked_by text, p_attempts integer, p_conversation_id uuid, p_latest_inbound_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_event_id uuid;
  v_result jsonb;
begin
  select * into v_conv from public.conversations c where c.id = p_conversation_id;
  if v_conv.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if not internal.automation_wanted(v_conv.tenant_id, 'ai.reply_requested') then
    return jsonb_build_object('outcome', 'no_endpoint');
  end if;
  v_event_id := internal.automation_emit(v_conv.tenant_id, 'ai.reply_requested', p_latest_inbound_id::text,
    jsonb_build_object(
      'conversation', internal.automation_conversation_json(v_conv),
      'lead', internal.automation_lead_json(v_conv.lead_id),
      -- What the customer wrote since the last reply (oldest first, at most 20).
      'messages', coalesce((select jsonb_agg(internal.automation_message_json(m) order by m.created_at, m.id)
        from (select * from public.messages m
          where m.conversation_id = v_conv.id and m.direction = 'inbound'
            and m.created_at > coalesce((select max(o.created_at) from public.messages o
              where o.conversation_id = v_conv.id and o.direction = 'outbound'), '-infinity')
          order by m.created_at desc, m.id desc limit 20) m), '[]'::jsonb),
      'reply_with', jsonb_build_object('method', 'POST',
        'path', '/api/v1/conversations/' || v_conv.id::text || '/messages')));
  v_result := jsonb_build_object('outcome', 'requested',
    'event_id', coalesce(v_event_id, md5(v_conv.tenant_id::text || ':ai.reply_requested:' || p_latest_inbound_id::text)::uuid));
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result, '[]'::jsonb);
  return v_result;
end $$;
revoke all on function public.automation_request_ai_reply(uuid, text, integer, uuid, uuid) from public, anon, authenticated;
grant execute on function public.automation_request_ai_reply(uuid, text, integer, uuid, uuid) to service_role;
comment on function public.automation_request_ai_reply(uuid, text, integer, uuid, uuid) is
  '@returns { outcome: ''no_endpoint'' } | { outcome: ''requested''; event_id: string }';

-- What one deliver_webhook job needs.
create or replace function public.automation_delivery_load(p_delivery_id uuid)
returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', d.id, 'tenant_id', d.tenant_id, 'endpoint_id', d.endpoint_id,
    'url', e.url, 'secret_encrypted', e.secret_encrypted, 'active', e.active, 'status', d.status,
    'attempts', d.attempts, 'event_id', d.event_id, 'event_type', d.event_type, 'payload', d.payload)
  from public.webhook_deliveries d
  join public.webhook_endpoints e on e.id = d.endpoint_id
  where d.id = p_delivery_id
$$;
revoke all on function public.automation_delivery_load(uuid) from public, anon, authenticated;
grant execute on function public.automation_delivery_load(uuid) to service_role;
comment on function public.automation_delivery_load(uuid) is
  '@returns { id: string; tenant_id: string; endpoint_id: string; url: string; secret_encrypted: string; active: boolean; status: ''pending'' | ''delivered'' | ''failed''; attempts: number; event_id: string; event_type: string; payload: { [key: string]: unknown } } | null';

-- One attempt's outcome. Delivered is final (a later record changes nothing); a failure stays
-- pending with its next attempt, or becomes failed when no attempt is left.
create or replace function public.automation_delivery_record(
  p_delivery_id uuid, p_delivered boolean, p_status_code integer, p_error text,
  p_next_attempt_at timestamptz)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.webhook_deliveries;
begin
  update public.webhook_deliveries d set
    attempts = d.attempts + 1,
    last_status_code = p_status_code,
    last_error = case when p_delivered then null else left(coalesce(nullif(p_error, ''), 'failed'), 300) end,
    status = case when p_delivered then 'delivered' when p_next_attempt_at is null then 'failed' else 'pending' end,
    delivered_at = case when p_delivered then now() else d.delivered_at end,
    next_attempt_at = case when p_delivered then null else p_next_attempt_at end
  where d.id = p_delivery_id and d.status <> 'delivered'
  returning * into v_row;
  if v_row.id is null then
    select * into v_row from public.webhook_deliveries d where d.id = p_delivery_id;
    return jsonb_build_object('status', v_row.status, 'attempts', v_row.attempts, 'changed', false);
  end if;
  return jsonb_build_object('status', v_row.status, 'attempts', v_row.attempts, 'changed', true);
end $$;
revoke all on function public.automation_delivery_record(uuid, boolean, integer, text, timestamptz) from public, anon, authenticated;
grant execute on function public.automation_delivery_record(uuid, boolean, integer, text, timestamptz) to service_role;
comment on function public.automation_delivery_record(uuid, boolean, integer, text, timestamptz) is
  '@returns { status: ''pending'' | ''delivered'' | ''failed'' | null; attempts: number | null; changed: boolean }';

-- Dashboard (admins): the endpoints (never their sealed secret), the mode, and the delivery log.
create or replace function public.dashboard_automation_settings(p_tenant_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return jsonb_build_object(
    'reply_through_workflow', coalesce((select a.reply_through_workflow from public.ai_tenant_context a
      where a.tenant_id = p_tenant_id), false),
    'endpoints', coalesce((select jsonb_agg(jsonb_build_object('id', e.id, 'url', e.url,
        'description', e.description, 'events', to_jsonb(e.events), 'active', e.active,
        'secret_hint', e.secret_hint, 'created_at', e.created_at) order by e.created_at, e.id)
      from public.webhook_endpoints e where e.tenant_id = p_tenant_id), '[]'::jsonb),
    'deliveries', coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'endpoint_id', d.endpoint_id,
        'url', e.url, 'event_id', d.event_id, 'event_type', d.event_type, 'status', d.status,
        'attempts', d.attempts, 'last_status_code', d.last_status_code, 'last_error', d.last_error,
        'next_attempt_at', d.next_attempt_at, 'delivered_at', d.delivered_at, 'created_at', d.created_at)
        order by d.created_at desc, d.id)
      from (select * from public.webhook_deliveries x where x.tenant_id = p_tenant_id
        order by x.created_at desc, x.id limit 50) d
      join public.webhook_endpoints e on e.id = d.endpoint_id), '[]'::jsonb));
end $$;
revoke all on function public.dashboard_automation_settings(uuid) from public, anon;
grant execute on function public.dashboard_automation_settings(uuid) to authenticated, service_role;
comment on function public.dashboard_automation_settings(uuid) is
  '@returns { reply_through_workflow: boolean; endpoints: { id: string; url: string; description: string | null; events: string[]; active: boolean; secret_hint: string; created_at: string }[]; deliveries: { id: string; endpoint_id: string; url: string; event_id: string; event_type: string; status: ''pending'' | ''delivered'' | ''failed''; attempts: number; last_status_code: number | null; last_error: string | null; next_attempt_at: string | null; delivered_at: string | null; created_at: string }[] }';

create or replace function internal.automation_check_fields(p_url text, p_events text[], p_description text)
returns void
language plpgsql immutable set search_path = '' as $$
begin
  if p_url is null or p_url !~ '^https?://' or length(p_url) not between 10 and 2000 then
    raise exception 'invalid url' using errcode = 'PT400', hint = 'automation_bad_url';
  end if;
  if p_events is null or cardinality(p_events) = 0 or not (p_events <@ array['message.received', 'message.sent',
      'conversation.escalated', 'conversation.closed', 'lead.score_changed', 'appointment.created',
      'appointment.updated', 'appointment.cancelled', 'ai.reply_requested']) then
    raise exception 'choose at least one known event' using errcode = 'PT400', hint = 'automation_no_events';
  end if;
  if p_description is not null and length(p_description) > 200 then
    raise exception 'description too long' using errcode = 'PT400';
  end if;
end $$;
revoke all on function internal.automation_check_fields(text, text[], text) from public, anon, authenticated, service_role;

-- A new endpoint; its id is chosen by the app (the sealed secret's AAD names it). At most 10.
create or replace function public.dashboard_automation_create_endpoint(
  p_tenant_id uuid, p_endpoint_id uuid, p_url text, p_events text[], p_description text,
  p_secret_encrypted text, p_secret_hint text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  perform internal.automation_check_fields(p_url, p_events, p_description);
  if p_endpoint_id is null or p_secret_encrypted is null or length(p_secret_encrypted) not between 1 and 1000 then
    raise exception 'invalid endpoint' using errcode = 'PT400';
  end if;
  if (select count(*) from public.webhook_endpoints e where e.tenant_id = p_tenant_id) >= 10 then
    raise exception 'at most 10 endpoints' using errcode = 'PT409', hint = 'automation_too_many';
  end if;
  insert into public.webhook_endpoints (id, tenant_id, url, description, events, secret_encrypted, secret_hint)
  values (p_endpoint_id, p_tenant_id, p_url, nullif(btrim(p_description), ''),
    (select array_agg(distinct x order by x) from unnest(p_events) x), p_secret_encrypted, left(coalesce(p_secret_hint, ''), 8));
  return jsonb_build_object('id', p_endpoint_id);
end $$;
revoke all on function public.dashboard_automation_create_endpoint(uuid, uuid, text, text[], text, text, text) from public, anon;
grant execute on function public.dashboard_automation_create_endpoint(uuid, uuid, text, text[], text, text, text) to authenticated, service_role;
comment on function public.dashboard_automation_create_endpoint(uuid, uuid, text, text[], text, text, text) is
  '@returns { id: string }';

create or replace function public.dashboard_automation_update_endpoint(
  p_tenant_id uuid, p_endpoint_id uuid, p_url text, p_events text[], p_description text, p_active boolean)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  perform internal.automation_check_fields(p_url, p_events, p_description);
  update public.webhook_endpoints e set url = p_url, description = nullif(btrim(p_description), ''),
    events = (select array_agg(distinct x order by x) from unnest(p_events) x), active = coalesce(p_active, e.active)
  where e.id = p_endpoint_id and e.tenant_id = p_tenant_id;
  if not found then
    raise exception 'endpoint not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', p_endpoint_id);
end $$;
revoke all on function public.dashboard_automation_update_endpoint(uuid, uuid, text, text[], text, boolean) from public, anon;
grant execute on function public.dashboard_automation_update_endpoint(uuid, uuid, text, text[], text, boolean) to authenticated, service_role;
comment on function public.dashboard_automation_update_endpoint(uuid, uuid, text, text[], text, boolean) is
  '@returns { id: string }';

-- "Reenviar": the same delivery (same body, same event id) goes out again now, as a new attempt.
-- A job already waiting for it is made due instead of doubled.
create or replace function public.dashboard_automation_resend(p_tenant_id uuid, p_delivery_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_job jsonb;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  update public.webhook_deliveries d set status = 'pending', next_attempt_at = now()
  where d.id = p_delivery_id and d.tenant_id = p_tenant_id;
  if not found then
    raise exception 'delivery not found' using errcode = 'PT404';
  end if;
  v_job := internal.enqueue_job('deliver_webhook', jsonb_build_object('delivery_id', p_delivery_id, 'resend', true),
    p_tenant_id, 5, 'deliver_webhook:' || p_delivery_id::text, null, 8);
  update public.jobs j set scheduled_for = now() where j.id = (v_job ->> 'id')::uuid and j.status = 'pending';
  return jsonb_build_object('delivery_id', p_delivery_id, 'job_id', v_job ->> 'id');
end $$;
revoke all on function public.dashboard_automation_resend(uuid, uuid) from public, anon;
grant execute on function public.dashboard_automation_resend(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_automation_resend(uuid, uuid) is
  '@returns { delivery_id: string; job_id: string }';

-- The mode's switch. On only with an active endpoint that wants ai.reply_requested: otherwise
-- nobody would answer the customers.
create or replace function public.dashboard_automation_set_workflow_mode(p_tenant_id uuid, p_on boolean)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if p_on is null then
    raise exception 'on or off' using errcode = 'PT400';
  end if;
  if p_on and not internal.automation_wanted(p_tenant_id, 'ai.reply_requested') then
    raise exception 'no active endpoint receives ai.reply_requested' using errcode = 'PT409',
      hint = 'automation_no_ai_endpoint';
  end if;
  insert into public.ai_tenant_context as a (tenant_id, reply_through_workflow) values (p_tenant_id, p_on)
  on conflict (tenant_id) do update set reply_through_workflow = excluded.reply_through_workflow;
  return jsonb_build_object('reply_through_workflow', p_on);
end $$;
revoke all on function public.dashboard_automation_set_workflow_mode(uuid, boolean) from public, anon;
grant execute on function public.dashboard_automation_set_workflow_mode(uuid, boolean) to authenticated, service_role;
comment on function public.dashboard_automation_set_workflow_mode(uuid, boolean) is
  '@returns { reply_through_workflow: boolean }';
