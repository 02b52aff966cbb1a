-- Attention (issue 18 §1): what each member has read, what needs a person, and who was told.
--
-- conversation_reads: one read marker per (conversation, member), moved when the member opens it;
--   unread = the customer's messages after it.
-- notification_preferences: per member and business: push, email, sound (a missing row = all on).
-- push_subscriptions: a browser's Web Push subscription, sealed (AES-256-GCM with ENCRYPTION_KEY)
--   by the app before it gets here; only the sha256 of the endpoint is readable, for uniqueness.
--   Staff never read this table (service role only).
-- attention_events: one row per thing that needs someone's attention (an escalation, a new HOT
--   lead); event_key is unique, so the same escalation recorded twice is one event.
-- notification_deliveries: one row per (event, member, channel), unique: each becomes exactly
--   one deliver_notification job, and a retried job finds the row already sent.

create table public.conversation_reads (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  last_read_at timestamptz not null default now(),
  primary key (conversation_id, user_id)
);
create index conversation_reads_member_idx on public.conversation_reads (tenant_id, user_id);

create table public.notification_preferences (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  push_enabled boolean not null default true,
  email_enabled boolean not null default true,
  sound_enabled boolean not null default true,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);

create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  endpoint_digest text not null check (endpoint_digest ~ '^[0-9a-f]{64}$'),
  sealed_subscription text not null check (length(sealed_subscription) between 1 and 4000),
  created_at timestamptz not null default now(),
  unique (tenant_id, user_id, endpoint_digest)
);

create table public.attention_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  kind text not null check (kind in ('escalation', 'hot_lead')),
  event_key text not null unique check (length(event_key) between 1 and 200),
  conversation_id uuid references public.conversations (id) on delete cascade,
  lead_id uuid references public.leads (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index attention_events_tenant_idx on public.attention_events (tenant_id, created_at desc);

create table public.notification_deliveries (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  event_id uuid not null references public.attention_events (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  channel text not null check (channel in ('push', 'email')),
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped')),
  detail text check (length(detail) <= 200),
  -- Push: the subscriptions already reached, so a retry after a partial failure skips them.
  pushed_subscription_ids uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (event_id, user_id, channel)
);
create index notification_deliveries_tenant_idx on public.notification_deliveries (tenant_id, created_at);

create trigger notification_deliveries_touch before update on public.notification_deliveries
  for each row execute function public.touch_updated_at();

alter table public.conversation_reads enable row level security;
alter table public.notification_preferences enable row level security;
alter table public.push_subscriptions enable row level security;
alter table public.attention_events enable row level security;
alter table public.notification_deliveries enable row level security;

-- A member reads their own markers and preferences; events are the business's.
create policy conversation_reads_own_read on public.conversation_reads for select to authenticated
  using (user_id = (select auth.uid()) and (select public.is_tenant_member(tenant_id)));
create policy notification_preferences_own_read on public.notification_preferences for select
  to authenticated using (user_id = (select auth.uid()) and (select public.is_tenant_member(tenant_id)));
create policy attention_events_member_read on public.attention_events for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));

revoke all on public.conversation_reads, public.notification_preferences, public.push_subscriptions,
  public.attention_events, public.notification_deliveries from public, anon, authenticated;
grant select on public.conversation_reads, public.notification_preferences, public.attention_events
  to authenticated;
grant select, insert, update, delete on public.conversation_reads, public.notification_preferences,
  public.push_subscriptions, public.attention_events, public.notification_deliveries to service_role;

-- Realtime: Supabase's Realtime does not check RLS for DELETE events (the old row's id goes to
-- every subscriber of the table), so the publication carries inserts and updates only. Leads join
-- it so the leads pages and the inbox's HOT badge update live.
do $$
declare
  t text;
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    return;
  end if;
  alter publication supabase_realtime set (publish = 'insert, update');
  foreach t in array array['messages', 'conversations', 'leads'] loop
    if not exists (
      select 1 from pg_publication_tables
      where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = t
    ) then
      execute format('alter publication supabase_realtime add table public.%I', t);
    end if;
  end loop;
end $$;
