-- Delivery statuses for inbound webhooks (issue 3). Statuses never move backwards; a status
-- for a platform id we do not know yet is kept in pending_message_statuses and applied when a
-- message with that id is recorded (by a webhook echo or by the sender's result).

create table public.pending_message_statuses (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  platform_message_id text not null,
  status text not null check (status in ('sent', 'delivered', 'read', 'played', 'failed', 'deleted')),
  status_at timestamptz,
  error_code text,
  error_message text,
  created_at timestamptz not null default now(),
  unique (tenant_id, channel, platform_message_id, status)
);
create index pending_message_statuses_created_idx on public.pending_message_statuses (created_at);

alter table public.pending_message_statuses enable row level security;
revoke all on table public.pending_message_statuses from anon, authenticated;
grant select, insert, update, delete on table public.pending_message_statuses to service_role;

-- Order of outbound delivery: queued < sending < sent < delivered < read < played.
-- 'failed' and 'deleted' are terminal and handled apart.
create or replace function internal.delivery_status_rank(p_status text) returns integer
language sql immutable set search_path = '' as $$
  select case p_status
    when 'received' then 0 when 'queued' then 1 when 'sending' then 2 when 'sent' then 3
    when 'delivered' then 4 when 'read' then 5 when 'played' then 6 end
$$;

-- Applies one platform status to the message with that platform id. Returns 'applied',
-- 'unchanged' (older, repeated or not applicable) or 'pending' (message unknown: kept for later).
create or replace function internal.apply_message_status(
  p_tenant_id uuid,
  p_channel text,
  p_platform_message_id text,
  p_status text,
  p_status_at timestamptz default null,
  p_error_code text default null,
  p_error_message text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
  v_at timestamptz := coalesce(p_status_at, now());
  v_rows integer;
begin
  if p_status not in ('sent', 'delivered', 'read', 'played', 'failed', 'deleted') then
    raise exception 'unknown delivery status %', p_status using errcode = 'PT400';
  end if;
  select * into v_msg from public.messages m
  where m.tenant_id = p_tenant_id and m.channel = p_channel and m.platform_message_id = p_platform_message_id
  for update;
  if not found then
    insert into public.pending_message_statuses
      (tenant_id, channel, platform_message_id, status, status_at, error_code, error_message)
    values (p_tenant_id, p_channel, p_platform_message_id, p_status, p_status_at, p_error_code, p_error_message)
    on conflict (tenant_id, channel, platform_message_id, status) do nothing;
    get diagnostics v_rows = row_count;
    return case when v_rows > 0 then 'pending' else 'unchanged' end;
  end if;

  if p_status = 'deleted' then
    -- The customer unsent it: keep the row (the thread stays readable) but drop its content.
    if v_msg.direction <> 'inbound' or v_msg.delivery_status = 'deleted' then
      return 'unchanged';
    end if;
    update public.messages set delivery_status = 'deleted', text = null, media = null, raw_payload = null
    where id = v_msg.id;
    return 'applied';
  end if;

  if v_msg.direction <> 'outbound' or v_msg.delivery_status in ('failed', 'deleted') then
    return 'unchanged';
  end if;

  if p_status = 'failed' then
    -- A failure after proof of delivery is inconsistent; the delivery wins.
    if v_msg.delivery_status not in ('queued', 'sending', 'sent') then
      return 'unchanged';
    end if;
    update public.messages set delivery_status = 'failed', failed_at = v_at,
      error_code = p_error_code, error_message = p_error_message
    where id = v_msg.id;
    return 'applied';
  end if;

  update public.messages m set
    delivery_status = case
      when internal.delivery_status_rank(p_status) > internal.delivery_status_rank(m.delivery_status)
      then p_status else m.delivery_status end,
    sent_at = case when p_status = 'sent' then coalesce(m.sent_at, v_at) else m.sent_at end,
    delivered_at = case when p_status = 'delivered' then coalesce(m.delivered_at, v_at) else m.delivered_at end,
    read_at = case when p_status in ('read', 'played') then coalesce(m.read_at, v_at) else m.read_at end
  where m.id = v_msg.id;
  return case
    when internal.delivery_status_rank(p_status) > internal.delivery_status_rank(v_msg.delivery_status)
    then 'applied' else 'unchanged' end;
end $$;

-- Call right after a message gets its platform id (insert, echo link, sender result): applies
-- the statuses that arrived before it, in delivery order, and forgets them. Returns how many.
create or replace function internal.apply_pending_statuses(
  p_tenant_id uuid,
  p_channel text,
  p_platform_message_id text
) returns integer
language plpgsql set search_path = '' as $$
declare
  v_row record;
  v_count integer := 0;
begin
  if p_platform_message_id is null then
    return 0;
  end if;
  for v_row in
    with taken as (
      delete from public.pending_message_statuses p
      where p.tenant_id = p_tenant_id and p.channel = p_channel and p.platform_message_id = p_platform_message_id
      returning p.status, p.status_at, p.error_code, p.error_message
    )
    select * from taken
    order by coalesce(internal.delivery_status_rank(taken.status), 99), taken.status_at nulls last
  loop
    if internal.apply_message_status(p_tenant_id, p_channel, p_platform_message_id, v_row.status,
      v_row.status_at, v_row.error_code, v_row.error_message) = 'applied' then
      v_count := v_count + 1;
    end if;
  end loop;
  return v_count;
end $$;

-- Gives our outbound message its platform id. If a webhook echo already stored that id as a
-- separate staff message (the echo raced the sender), that row was ours: it is removed and its
-- status carried over. Returns false when another real message owns the id.
create or replace function internal.attach_platform_message_id(
  p_tenant_id uuid,
  p_channel text,
  p_message_id uuid,
  p_platform_message_id text
) returns boolean
language plpgsql set search_path = '' as $$
declare
  v_other public.messages;
begin
  select * into v_other from public.messages m
  where m.tenant_id = p_tenant_id and m.channel = p_channel and m.platform_message_id = p_platform_message_id
    and m.id <> p_message_id
  for update;
  if found then
    if not internal.is_platform_echo_row(v_other) then
      return false;
    end if;
    delete from public.messages where id = v_other.id;
  end if;
  update public.messages m set platform_message_id = p_platform_message_id
  where m.id = p_message_id and m.tenant_id = p_tenant_id and m.channel = p_channel
    and m.direction = 'outbound'
    and (m.platform_message_id is null or m.platform_message_id = p_platform_message_id);
  if not found then
    return false;
  end if;
  if v_other.id is not null and v_other.delivery_status in ('sent', 'delivered', 'read', 'played') then
    perform internal.apply_message_status(p_tenant_id, p_channel, p_platform_message_id,
      v_other.delivery_status, coalesce(v_other.read_at, v_other.delivered_at, v_other.sent_at));
  end if;
  perform internal.apply_pending_statuses(p_tenant_id, p_channel, p_platform_message_id);
  return true;
end $$;

-- A row stored from a platform echo (staff typing in Meta's or TikTok's own apps): outbound,
-- sender human, no dashboard user, and it carries the platform payload.
create or replace function internal.is_platform_echo_row(p_message public.messages) returns boolean
language sql immutable set search_path = '' as $$
  select p_message.direction = 'outbound' and p_message.sender = 'human'
    and p_message.sent_by_user_id is null and p_message.raw_payload is not null
$$;

-- Messenger read/delivery watermarks and TikTok read receipts: every sent message of the
-- lead (or TikTok thread) up to the watermark moves forward. Returns how many moved.
create or replace function internal.apply_status_watermark(p_tenant_id uuid, p_channel text, p_event jsonb)
returns integer
language plpgsql set search_path = '' as $$
declare
  v_status text := p_event ->> 'status';
  v_watermark timestamptz := (p_event ->> 'watermark')::timestamptz;
  v_count integer;
begin
  if v_status not in ('delivered', 'read') or v_watermark is null then
    raise exception 'malformed watermark event' using errcode = 'PT400';
  end if;
  update public.messages m set
    delivery_status = v_status,
    delivered_at = case when v_status = 'delivered' then coalesce(m.delivered_at, v_watermark) else m.delivered_at end,
    read_at = case when v_status = 'read' then coalesce(m.read_at, v_watermark) else m.read_at end
  where m.tenant_id = p_tenant_id and m.channel = p_channel and m.direction = 'outbound'
    and m.delivery_status in ('sent', 'delivered')
    and internal.delivery_status_rank(v_status) > internal.delivery_status_rank(m.delivery_status)
    and coalesce(m.sent_at, m.created_at) <= v_watermark
    and m.conversation_id in (
      select c.id from public.conversations c
      where c.tenant_id = p_tenant_id and c.channel = p_channel
        and (
          (p_event ? 'external_thread_id' and c.external_thread_id = p_event ->> 'external_thread_id')
          or (p_event ? 'contact_external_id' and c.lead_id in (
            select i.lead_id from public.lead_identities i
            where i.tenant_id = p_tenant_id and i.channel = p_channel
              and i.external_id = p_event ->> 'contact_external_id'))
        ));
  get diagnostics v_count = row_count;
  return v_count;
end $$;

revoke all on function internal.delivery_status_rank(text) from public;
revoke all on function internal.apply_message_status(uuid, text, text, text, timestamptz, text, text) from public;
revoke all on function internal.apply_pending_statuses(uuid, text, text) from public;
revoke all on function internal.attach_platform_message_id(uuid, text, uuid, text) from public;
revoke all on function internal.is_platform_echo_row(public.messages) from public;
revoke all on function internal.apply_status_watermark(uuid, text, jsonb) from public;
