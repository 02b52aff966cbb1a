-- Issue 14 §5 (inbound fidelity) and the webhook half of §4.
--
-- - Edits (WhatsApp `edit`, Coexistence echo edits, Messenger/Instagram `message_edit`) update
--   the stored message's text; every version is kept in public.message_edits, one row per edit
--   (a redelivered edit is the same row). A late, older edit goes to the history without
--   overwriting a newer text. A customer's unsend drops the history with the text. An edit that
--   arrives before its message waits in public.pending_message_edits and is applied when the
--   message is stored (Meta does not guarantee order).
-- - WhatsApp phone_number_quality_update / account_update set the connection's quality_rating
--   and messaging_limit, never backwards in time.
-- - Messenger policy enforcement marks the connection blocked (and unblocked).
-- - user_changed_number links the new wa_id to the same lead.
-- - An event whose contact is the connection's own account never creates a lead.

create table public.message_edits (
  id uuid default gen_random_uuid() not null primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  message_id uuid not null references public.messages (id) on delete cascade,
  -- The platform's id of this edit (WhatsApp: the edit's wamid; Messenger: num_edit).
  edit_id text not null,
  -- The message's text before this edit was applied (null when a newer edit was already applied).
  previous_text text,
  -- This version's text and media.
  text text,
  media jsonb,
  edit_seq integer,
  edited_at timestamptz,
  applied boolean not null,
  created_at timestamptz default now() not null,
  unique (message_id, edit_id)
);
create index message_edits_tenant_idx on public.message_edits (tenant_id);
alter table public.message_edits enable row level security;
create policy message_edits_member_read on public.message_edits for select to authenticated
  using ((select public.is_tenant_member(message_edits.tenant_id) as is_tenant_member));
revoke all on table public.message_edits from public, anon;
grant select on table public.message_edits to authenticated;
grant select, insert, update, delete on table public.message_edits to service_role;

-- Edits whose message is not stored yet. Edits come minutes after their message (WhatsApp allows
-- 15), so one still waiting after a week belongs to a message sent before the channel was
-- connected: those are dropped as new ones arrive (apply_message_edit), no purge job needed.
create table public.pending_message_edits (
  id uuid default gen_random_uuid() not null primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  platform_message_id text not null,
  edit_id text not null,
  event jsonb not null,
  created_at timestamptz default now() not null,
  unique (tenant_id, channel, platform_message_id, edit_id)
);
create index pending_message_edits_created_idx on public.pending_message_edits (tenant_id, created_at);
alter table public.pending_message_edits enable row level security;
revoke all on table public.pending_message_edits from public, anon, authenticated;
grant select, insert, update, delete on table public.pending_message_edits to service_role;

-- An edit event: {platform_message_id, edit_id, direction, text, media, edited_at, edit_seq}.
-- 'applied' when it is new (its text is the message's if it is the newest edit), 'pending' when
-- its message is not stored yet, 'unchanged' for a redelivery, a deleted message, or the other
-- side's message.
create or replace function internal.apply_message_edit(p_conn public.channel_connections, p_event jsonb)
returns text
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
  v_at timestamptz := (p_event ->> 'edited_at')::timestamptz;
  v_seq integer := (p_event ->> 'edit_seq')::integer;
  v_edit_id uuid;
  v_newest boolean;
begin
  if p_event ->> 'platform_message_id' is null or p_event ->> 'edit_id' is null
    or p_event ->> 'direction' not in ('inbound', 'outbound') then
    raise exception 'malformed edit event' using errcode = 'PT400';
  end if;
  select * into v_msg from public.messages m
  where m.tenant_id = p_conn.tenant_id and m.channel = p_conn.channel
    and m.platform_message_id = p_event ->> 'platform_message_id'
  for update;
  if not found then
    delete from public.pending_message_edits p
    where p.tenant_id = p_conn.tenant_id and p.created_at < now() - interval '7 days';
    insert into public.pending_message_edits (tenant_id, channel, platform_message_id, edit_id, event)
    values (p_conn.tenant_id, p_conn.channel, p_event ->> 'platform_message_id', left(p_event ->> 'edit_id', 512),
      p_event)
    on conflict (tenant_id, channel, platform_message_id, edit_id) do nothing;
    return case when found then 'pending' else 'unchanged' end;
  end if;
  if v_msg.direction <> p_event ->> 'direction' or v_msg.delivery_status = 'deleted' then
    return 'unchanged';
  end if;
  -- Newest by the platform's edit number, then by time; ties go to the one applied last.
  v_newest := not exists (select 1 from public.message_edits e
    where e.message_id = v_msg.id and e.edit_id <> p_event ->> 'edit_id'
      and (coalesce(e.edit_seq, -1), coalesce(e.edited_at, '-infinity'))
        > (coalesce(v_seq, -1), coalesce(v_at, '-infinity')));
  insert into public.message_edits (tenant_id, message_id, edit_id, previous_text, text, media, edit_seq,
    edited_at, applied)
  values (p_conn.tenant_id, v_msg.id, left(p_event ->> 'edit_id', 512),
    case when v_newest then v_msg.text end, p_event ->> 'text', nullif(p_event -> 'media', 'null'::jsonb), v_seq,
    v_at, v_newest)
  on conflict (message_id, edit_id) do nothing
  returning id into v_edit_id;
  if v_edit_id is null then
    return 'unchanged';
  end if;
  if v_newest then
    update public.messages m set
      text = coalesce(nullif(p_event ->> 'text', ''), m.text),
      media = coalesce(nullif(p_event -> 'media', 'null'::jsonb), m.media)
    where m.id = v_msg.id;
  end if;
  return 'applied';
end $$;
revoke all on function internal.apply_message_edit(public.channel_connections, jsonb) from public;

-- The edits that waited for this message, oldest first.
create or replace function internal.apply_pending_edits(p_conn public.channel_connections, p_platform_message_id text)
returns integer
language plpgsql set search_path = '' as $$
declare
  v_event jsonb;
  v_count integer := 0;
begin
  for v_event in
    with taken as (
      delete from public.pending_message_edits p
      where p.tenant_id = p_conn.tenant_id and p.channel = p_conn.channel
        and p.platform_message_id = p_platform_message_id
      returning p.event
    )
    select t.event from taken t
    order by (t.event ->> 'edit_seq')::integer nulls first, (t.event ->> 'edited_at')::timestamptz nulls first
  loop
    if internal.apply_message_edit(p_conn, v_event) = 'applied' then
      v_count := v_count + 1;
    end if;
  end loop;
  return v_count;
end $$;
revoke all on function internal.apply_pending_edits(public.channel_connections, text) from public;

-- A customer who unsends a message takes its earlier versions with it.
create or replace function internal.drop_deleted_message_edits() returns trigger
language plpgsql set search_path = '' as $$
begin
  delete from public.message_edits e where e.message_id = new.id;
  return new;
end $$;
revoke all on function internal.drop_deleted_message_edits() from public;
create trigger messages_drop_edits_on_delete
  after update of delivery_status on public.messages
  for each row when (new.delivery_status = 'deleted' and old.delivery_status is distinct from 'deleted')
  execute function internal.drop_deleted_message_edits();

-- {quality_rating, messaging_limit, display_phone_number, at}: the WABA-level change applies to
-- this connection's number (when it names one), and only if it is not older than what is stored.
create or replace function internal.apply_connection_quality(p_conn public.channel_connections, p_event jsonb)
returns text
language plpgsql set search_path = '' as $$
declare
  v_at timestamptz := coalesce((p_event ->> 'at')::timestamptz, now());
  v_rating text := left(p_event ->> 'quality_rating', 64);
  v_limit text := left(p_event ->> 'messaging_limit', 64);
  v_rows integer;
begin
  if p_conn.channel <> 'whatsapp' or (v_rating is null and v_limit is null) then
    return 'unchanged';
  end if;
  if p_event ->> 'display_phone_number' is not null and p_conn.display_phone_number is not null
    and regexp_replace(p_conn.display_phone_number, '\D', '', 'g') <> p_event ->> 'display_phone_number' then
    return 'unchanged';
  end if;
  update public.channel_connections c set
    quality_rating = coalesce(v_rating, c.quality_rating),
    messaging_limit = coalesce(v_limit, c.messaging_limit),
    quality_updated_at = v_at
  where c.id = p_conn.id
    and (c.quality_updated_at is null or c.quality_updated_at < v_at
      or (c.quality_updated_at = v_at and (coalesce(v_rating, c.quality_rating) is distinct from c.quality_rating
        or coalesce(v_limit, c.messaging_limit) is distinct from c.messaging_limit)));
  get diagnostics v_rows = row_count;
  return case when v_rows > 0 then 'applied' else 'unchanged' end;
end $$;
revoke all on function internal.apply_connection_quality(public.channel_connections, jsonb) from public;

-- {action: block | unblock, reason, at}: a block marks the connection (newest reason wins); an
-- unblock clears a block that is not newer than itself.
create or replace function internal.apply_policy_enforcement(p_conn public.channel_connections, p_event jsonb)
returns text
language plpgsql set search_path = '' as $$
declare
  v_at timestamptz := coalesce((p_event ->> 'at')::timestamptz, now());
  v_rows integer;
begin
  if p_event ->> 'action' = 'block' then
    update public.channel_connections c set policy_blocked_at = v_at, policy_reason = left(p_event ->> 'reason', 2000)
    where c.id = p_conn.id and (c.policy_blocked_at is null or c.policy_blocked_at < v_at);
  elsif p_event ->> 'action' = 'unblock' then
    update public.channel_connections c set policy_blocked_at = null, policy_reason = null
    where c.id = p_conn.id and c.policy_blocked_at is not null and c.policy_blocked_at <= v_at;
  else
    raise exception 'malformed policy_enforcement event' using errcode = 'PT400';
  end if;
  get diagnostics v_rows = row_count;
  return case when v_rows > 0 then 'applied' else 'unchanged' end;
end $$;
revoke all on function internal.apply_policy_enforcement(public.channel_connections, jsonb) from public;

create or replace function internal.ingest_webhook_other_event(p_conn public.channel_connections, p_event jsonb)
returns text
language plpgsql set search_path = '' as $$
begin
  case p_event ->> 'kind'
    when 'edit' then return internal.apply_message_edit(p_conn, p_event);
    when 'connection_quality' then return internal.apply_connection_quality(p_conn, p_event);
    when 'policy_enforcement' then return internal.apply_policy_enforcement(p_conn, p_event);
    else raise exception 'unknown event kind' using errcode = 'PT400';
  end case;
end $$;
revoke all on function internal.ingest_webhook_other_event(public.channel_connections, jsonb) from public;

-- user_changed_number: the new id becomes the lead's newest identity (replies go there), unless
-- another lead already owns it (then both stay as they are: merging leads is staff's call).
create or replace function internal.link_changed_number(p_conn public.channel_connections, p_lead_id uuid,
  p_changed jsonb)
returns void
language plpgsql set search_path = '' as $$
declare
  v_new text := nullif(p_changed ->> 'external_id', '');
  v_phone text := nullif(p_changed ->> 'phone', '');
begin
  if v_new is null then
    return;
  end if;
  perform pg_advisory_xact_lock(hashtextextended(p_conn.tenant_id::text || '/' || p_conn.channel || '/' || v_new, 0));
  insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone, created_at)
  values (p_conn.tenant_id, p_lead_id, p_conn.channel, v_new, v_phone, clock_timestamp())
  on conflict do nothing;
  if found and v_phone is not null then
    update public.leads l set phone = v_phone where l.id = p_lead_id;
  end if;
end $$;
revoke all on function internal.link_changed_number(public.channel_connections, uuid, jsonb) from public;

-- Copied from supabase/schemas/inbound.sql; changed: the own-account backstop, the
-- user_changed_number link and the edits that waited for the message.
create or replace function internal.ingest_webhook_message(p_conn public.channel_connections, p_event jsonb)
returns jsonb
language plpgsql set search_path = '' as $function$
declare
  v_pid text := p_event ->> 'platform_message_id';
  v_direction text := p_event ->> 'direction';
  v_at timestamptz := coalesce((p_event ->> 'platform_timestamp')::timestamptz, now());
  v_lead jsonb;
  v_conversation jsonb;
  v_open_conversation uuid;
  v_own uuid;
  v_message_id uuid;
begin
  if v_pid is null or p_event #>> '{contact,external_id}' is null or v_direction not in ('inbound', 'outbound') then
    raise exception 'malformed message event' using errcode = 'PT400';
  end if;
  -- The business's own account (Page, Instagram account, TikTok business, WhatsApp number) is
  -- never a lead: the normalisers read such echoes the other way round; this is the backstop.
  if p_event #>> '{contact,external_id}' in (internal.connection_account_id(p_conn),
    nullif(regexp_replace(coalesce(p_conn.display_phone_number, ''), '\D', '', 'g'), '')) then
    return jsonb_build_object('result', 'own_account');
  end if;
  if exists (select 1 from public.messages m
    where m.tenant_id = p_conn.tenant_id and m.channel = p_conn.channel and m.platform_message_id = v_pid) then
    return jsonb_build_object('result', 'duplicate');
  end if;

  if v_direction = 'outbound' then
    select c.id into v_open_conversation from public.conversations c
    join public.lead_identities i on i.lead_id = c.lead_id
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel
      and i.external_id = p_event #>> '{contact,external_id}'
      and c.channel = p_conn.channel and c.status in ('active', 'pending');
    v_own := internal.find_own_send(p_conn, p_event, v_open_conversation);
    if v_own is not null then
      if internal.attach_platform_message_id(p_conn.tenant_id, p_conn.channel, v_own, v_pid) then
        perform internal.apply_message_status(p_conn.tenant_id, p_conn.channel, v_pid, 'sent', v_at);
        return jsonb_build_object('result', 'linked', 'message_id', v_own);
      end if;
      return jsonb_build_object('result', 'duplicate');
    end if;
  end if;

  v_lead := internal.resolve_webhook_lead(p_conn, p_event -> 'contact', v_at);
  if p_event #>> '{contact,changed_to,external_id}' is not null then
    perform internal.link_changed_number(p_conn, (v_lead ->> 'lead_id')::uuid, p_event #> '{contact,changed_to}');
  end if;
  v_conversation := internal.resolve_webhook_conversation(p_conn, (v_lead ->> 'lead_id')::uuid, p_event, v_at);
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, media, raw_payload, platform_message_id, reply_to_platform_message_id, delivery_status,
    platform_timestamp, sent_at, created_at, updated_at)
  values (p_conn.tenant_id, (v_conversation ->> 'conversation_id')::uuid, (v_lead ->> 'lead_id')::uuid,
    p_conn.channel, v_direction, p_event ->> 'sender', coalesce(p_event ->> 'message_type', 'text'),
    p_event ->> 'text', nullif(p_event -> 'media', 'null'::jsonb), nullif(p_event -> 'raw', 'null'::jsonb),
    v_pid, p_event ->> 'reply_to_platform_message_id',
    case when v_direction = 'inbound' then 'received' else 'sent' end,
    (p_event ->> 'platform_timestamp')::timestamptz,
    case when v_direction = 'outbound' then v_at end, clock_timestamp(), clock_timestamp())
  on conflict (tenant_id, channel, platform_message_id) where platform_message_id is not null do nothing
  returning id into v_message_id;
  if v_message_id is null then
    return jsonb_build_object('result', 'duplicate');
  end if;
  perform internal.apply_pending_statuses(p_conn.tenant_id, p_conn.channel, v_pid);
  perform internal.apply_pending_edits(p_conn, v_pid);
  return jsonb_build_object(
    'result', 'stored',
    'message_id', v_message_id,
    'conversation_id', v_conversation ->> 'conversation_id',
    'lead_created', (v_lead ->> 'created')::boolean,
    'conversation_created', (v_conversation ->> 'created')::boolean,
    'answerable', v_direction = 'inbound' and p_event ->> 'sender' = 'lead'
      and coalesce((p_event ->> 'answerable')::boolean, true));
end $function$;
revoke all on function internal.ingest_webhook_message(public.channel_connections, jsonb) from public;
