-- Test traffic (issue 18 §5). "Enviar prueba firmada" and the simulator deliver signed messages
-- through our real webhook route, so they created leads that counted in the overview, were
-- escalated and could not be deleted. Both only work on a connection in sandbox mode (replies go
-- to the local outbox, never to a person), so the flag is that connection's mode, read by SQL at
-- ingest: staff set it, nothing a customer writes can. A conversation opened on a sandbox
-- connection is test traffic, so are its messages, and so is a lead first seen in it.
alter table public.leads add column is_test boolean not null default false;
alter table public.conversations add column is_test boolean not null default false;
alter table public.messages add column is_test boolean not null default false;

create or replace function internal.mark_test_conversation() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.is_test := new.is_test or exists (
    select 1 from public.channel_connections cc
    where cc.tenant_id = new.tenant_id and cc.channel = new.channel and cc.mode = 'sandbox');
  return new;
end $$;
revoke all on function internal.mark_test_conversation() from public, anon, authenticated, service_role;
create trigger conversations_mark_test before insert on public.conversations
  for each row execute function internal.mark_test_conversation();

-- A lead created in the same transaction as its first conversation (webhook ingest creates both
-- in one call) is a test lead when that conversation is. A lead staff created earlier (a booking
-- by phone) stays a real one even if someone then writes to it from the simulator.
create or replace function internal.mark_test_lead() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.is_test then
    update public.leads l set is_test = true
    where l.id = new.lead_id and l.created_at = now() and not l.is_test;
  end if;
  return null;
end $$;
revoke all on function internal.mark_test_lead() from public, anon, authenticated, service_role;
create trigger conversations_mark_test_lead after insert on public.conversations
  for each row execute function internal.mark_test_lead();

-- Messages inherit their conversation's flag. The same trigger stamps an AI message with the
-- seconds since the customer message it follows (the reports' response time), one index probe
-- at write time instead of one per reply at every report read.
alter table public.messages add column reply_seconds numeric
  check (reply_seconds is null or reply_seconds >= 0);

create or replace function internal.stamp_message_facts() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_prev timestamptz;
begin
  select c.is_test into new.is_test from public.conversations c where c.id = new.conversation_id;
  new.is_test := coalesce(new.is_test, false);
  if new.sender = 'ai' then
    select i.created_at into v_prev from public.messages i
    where i.conversation_id = new.conversation_id and i.direction = 'inbound' and i.created_at <= new.created_at
    order by i.created_at desc limit 1;
    new.reply_seconds := round(extract(epoch from new.created_at - v_prev)::numeric, 1);
  end if;
  return new;
end $$;
revoke all on function internal.stamp_message_facts() from public, anon, authenticated, service_role;
create trigger messages_stamp_facts before insert on public.messages
  for each row execute function internal.stamp_message_facts();

update public.messages m set reply_seconds = (
  select round(extract(epoch from m.created_at - i.created_at)::numeric, 1) from public.messages i
  where i.conversation_id = m.conversation_id and i.direction = 'inbound' and i.created_at <= m.created_at
  order by i.created_at desc limit 1)
where m.sender = 'ai';

-- Staff delete their own tenant's test traffic: only rows marked test, in one transaction.
-- A test lead goes with its test conversations (and any booking made in them); a test lead that
-- somehow gained a real conversation is kept.
create or replace function public.dashboard_delete_test_traffic(p_tenant_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_messages bigint;
  v_conversations bigint;
  v_leads bigint;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  delete from public.messages m where m.tenant_id = p_tenant_id and m.is_test;
  get diagnostics v_messages = row_count;
  delete from public.conversations c where c.tenant_id = p_tenant_id and c.is_test
    and not exists (select 1 from public.messages m where m.conversation_id = c.id);
  get diagnostics v_conversations = row_count;
  delete from public.leads l where l.tenant_id = p_tenant_id and l.is_test
    and not exists (select 1 from public.conversations c where c.lead_id = l.id);
  get diagnostics v_leads = row_count;
  return jsonb_build_object('messages', v_messages, 'conversations', v_conversations, 'leads', v_leads);
end $$;
revoke all on function public.dashboard_delete_test_traffic(uuid) from public, anon;
grant execute on function public.dashboard_delete_test_traffic(uuid) to authenticated, service_role;
comment on function public.dashboard_delete_test_traffic(uuid) is
  '@returns { messages: number; conversations: number; leads: number }';
