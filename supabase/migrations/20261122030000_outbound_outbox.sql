-- Outbound delivery bookkeeping (issue 5): how many times a send was started, when the last
-- one began (a send left in 'sending' may or may not have reached the platform), and the
-- local outbox that sandbox connections deliver to instead of a platform API.

alter table public.messages
  add column send_attempts integer not null default 0 check (send_attempts >= 0),
  add column send_started_at timestamptz;

create table public.outbox_messages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  message_id uuid not null unique references public.messages (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  recipient text not null,
  -- The JSON body the live API call would have carried (never a token).
  request jsonb not null,
  platform_message_id text not null unique,
  created_at timestamptz not null default now()
);
create index outbox_messages_tenant_idx on public.outbox_messages (tenant_id, created_at desc);

alter table public.outbox_messages enable row level security;
revoke all on table public.outbox_messages from anon, authenticated;
grant select, insert, update, delete on table public.outbox_messages to service_role;
grant select on table public.outbox_messages to authenticated;
create policy outbox_messages_member_read on public.outbox_messages for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
