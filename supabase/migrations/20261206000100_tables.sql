-- Squashed on 2026-12-07 (see README.md beside this file): the schema internal, every table
-- with its columns, constraints and indexes, row level security on, table grants, and
-- Supabase Realtime membership. Policies and triggers come with the functions they call
-- (helpers, jobs).

create schema if not exists internal;
revoke all on schema internal from public;
grant usage on schema internal to service_role;

create table public.tenants (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  timezone text not null default 'America/Mexico_City',
  locale text not null default 'es-MX',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.branches (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  address text,
  phone text,
  created_at timestamptz not null default now(),
  unique (tenant_id, name)
);

create table public.tenant_members (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'agent')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
create index tenant_members_user_idx on public.tenant_members (user_id);

create table public.channel_connections (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  mode text not null default 'sandbox' check (mode in ('live', 'sandbox')),
  status text not null default 'connected'
    check (status in ('connected', 'disconnected', 'needs_reauth', 'error')),
  ai_enabled boolean not null default true,
  display_name text,
  -- Account ids the platforms put in webhook bodies; each belongs to exactly one tenant.
  phone_number_id text,
  business_account_id text,
  display_phone_number text,
  page_id text,
  instagram_account_id text,
  tiktok_business_id text,
  -- Secrets: AES-256-GCM ciphertext ("v1:iv:tag:data"), never selectable by staff roles.
  access_token_encrypted text,
  webhook_secret_encrypted text,
  -- Last four characters, so the dashboard can show "••••abcd".
  access_token_hint text,
  webhook_secret_hint text,
  verify_token text,
  last_error text,
  last_webhook_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, channel)
);
create unique index channel_connections_phone_number_id_key
  on public.channel_connections (phone_number_id) where phone_number_id is not null;
create unique index channel_connections_page_id_key
  on public.channel_connections (channel, page_id) where page_id is not null;
create unique index channel_connections_instagram_account_id_key
  on public.channel_connections (instagram_account_id) where instagram_account_id is not null;
create unique index channel_connections_tiktok_business_id_key
  on public.channel_connections (tiktok_business_id) where tiktok_business_id is not null;

create table public.ai_tenant_context (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  system_prompt text not null default '',
  business_hours jsonb not null default '{}'::jsonb,
  response_style text not null default 'friendly',
  temperature numeric(3, 2) not null default 0.7 check (temperature between 0 and 1),
  max_tokens integer not null default 600 check (max_tokens between 64 and 8192),
  model text,
  escalation_keywords text[] not null default '{}',
  auto_escalate_after_messages integer check (auto_escalate_after_messages > 0),
  fallback_message text not null
    default 'Gracias por escribirnos. Una persona de nuestro equipo te responderá muy pronto.',
  knowledge jsonb not null default '{"services": [], "faqs": []}'::jsonb,
  updated_at timestamptz not null default now()
);

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text,
  profile_picture_url text,
  origin_channel text not null check (origin_channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  phone text,
  email text,
  score integer not null default 50 check (score between 0 and 100),
  classification text not null default 'warm' check (classification in ('hot', 'warm', 'cold')),
  profile_fetched_at timestamptz,
  last_message_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index leads_tenant_idx on public.leads (tenant_id, last_message_at desc);

create table public.lead_identities (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  external_id text not null,
  phone text,
  username text,
  created_at timestamptz not null default now(),
  unique (tenant_id, channel, external_id)
);
create index lead_identities_lead_idx on public.lead_identities (lead_id);

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  branch_id uuid references public.branches (id) on delete set null,
  lead_id uuid not null references public.leads (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  status text not null default 'active' check (status in ('active', 'pending', 'resolved', 'closed')),
  handled_by text not null default 'ai' check (handled_by in ('ai', 'human')),
  escalated_at timestamptz,
  escalation_reason text,
  -- Where replies go when it is not the lead's id (TikTok: conversation_id).
  external_thread_id text,
  last_inbound_at timestamptz,
  last_message_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One open conversation per lead and channel.
create unique index conversations_open_key
  on public.conversations (tenant_id, lead_id, channel) where status in ('active', 'pending');
create index conversations_inbox_idx on public.conversations (tenant_id, status, last_message_at desc);

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'tiktok')),
  direction text not null check (direction in ('inbound', 'outbound')),
  sender text not null check (sender in ('lead', 'ai', 'human', 'system')),
  message_type text not null default 'text',
  text text,
  media jsonb,
  raw_payload jsonb,
  platform_message_id text,
  reply_to_platform_message_id text,
  -- How an AI message was produced: 'claude' or 'offline' (the FAQ/fallback responder).
  generated_by text check (generated_by in ('claude', 'offline')),
  sent_by_user_id uuid,
  delivery_status text not null default 'received'
    check (delivery_status in ('received', 'queued', 'sending', 'sent', 'delivered', 'read', 'played', 'failed', 'deleted')),
  platform_timestamp timestamptz,
  sent_at timestamptz,
  delivered_at timestamptz,
  read_at timestamptz,
  failed_at timestamptz,
  error_code text,
  error_message text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- How many times a send was started, and when the last one began (a send left in
  -- 'sending' may or may not have reached the platform).
  send_attempts integer not null default 0 check (send_attempts >= 0),
  send_started_at timestamptz
);
create unique index messages_platform_id_key
  on public.messages (tenant_id, channel, platform_message_id) where platform_message_id is not null;
create index messages_conversation_idx on public.messages (conversation_id, created_at);
-- The count reads the customer's outbound messages of one channel by the time the send counts
-- from. messages is only indexed by conversation (and platform id), so without this index every
-- send would scan the table; the index holds outbound rows only, ordered by that same time.
create index messages_outbound_lead_channel_sent_idx
  on public.messages (lead_id, channel, (coalesce(sent_at, created_at)))
  where direction = 'outbound';

create table public.lead_score_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  message_id uuid references public.messages (id) on delete set null,
  delta integer not null,
  score_before integer not null,
  score_after integer not null,
  classification_after text not null check (classification_after in ('hot', 'warm', 'cold')),
  signals text[] not null default '{}',
  reason text,
  created_at timestamptz not null default now()
);
create index lead_score_events_lead_idx on public.lead_score_events (lead_id, created_at);

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references public.tenants (id) on delete cascade,
  job_type text not null check (job_type ~ '^[a-z][a-z0-9_]{1,62}$'),
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'processing', 'completed', 'failed')),
  -- Higher runs first.
  priority integer not null default 0,
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts >= 1),
  scheduled_for timestamptz not null default now(),
  started_at timestamptz,
  completed_at timestamptz,
  error_message text,
  result jsonb,
  locked_until timestamptz,
  locked_by text,
  dedupe_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- A second enqueue with the same key while one is pending is a no-op.
create unique index jobs_pending_dedupe_key on public.jobs (dedupe_key) where status = 'pending' and dedupe_key is not null;
create index jobs_due_idx on public.jobs (priority desc, scheduled_for) where status = 'pending';
create index jobs_lease_idx on public.jobs (locked_until) where status = 'processing';
create index jobs_tenant_status_idx on public.jobs (tenant_id, status);
-- Claiming one tenant's due jobs (the after() path) must not scan other tenants' backlog.
create index jobs_tenant_due_idx on public.jobs (tenant_id, priority desc, scheduled_for)
  where status = 'pending';
-- The purge walks each table from its oldest expired row; the existing indexes lead with
-- tenant_id. Plain (not concurrent) index builds: migrations run in a transaction.
create index jobs_finished_idx on public.jobs (status, completed_at) where status in ('completed', 'failed');

create table public.webhook_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references public.tenants (id) on delete cascade,
  tenant_slug text,
  channel text not null,
  outcome text not null check (outcome in (
    'accepted', 'duplicate', 'bad_signature', 'bad_request', 'unknown_tenant', 'no_connection',
    'forbidden_account', 'payload_too_large', 'secret_missing', 'verification_ok',
    'verification_failed', 'error')),
  http_status integer not null,
  body_bytes integer,
  event_count integer not null default 0,
  stored_count integer not null default 0,
  duration_ms numeric(10, 3),
  detail text,
  received_at timestamptz not null default now()
);
create index webhook_events_tenant_idx on public.webhook_events (tenant_id, received_at desc);
create index webhook_events_received_idx on public.webhook_events (received_at);

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

do $$
declare
  t text;
begin
  foreach t in array array['tenants', 'branches', 'tenant_members', 'channel_connections',
    'ai_tenant_context', 'leads', 'lead_identities', 'lead_score_events', 'conversations',
    'messages', 'jobs', 'webhook_events', 'pending_message_statuses',
    'outbox_messages']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from anon, authenticated', t);
    execute format('grant select, insert, update, delete on table public.%I to service_role', t);
  end loop;
end $$;

-- Staff read access. Column list on channel_connections leaves the ciphertexts out.
grant select on public.tenants, public.branches, public.tenant_members, public.ai_tenant_context,
  public.leads, public.lead_identities, public.lead_score_events, public.conversations,
  public.messages, public.jobs, public.webhook_events, public.outbox_messages to authenticated;

grant select (id, tenant_id, channel, mode, status, ai_enabled, display_name, phone_number_id,
  business_account_id, display_phone_number, page_id, instagram_account_id, tiktok_business_id,
  access_token_hint, webhook_secret_hint, verify_token, last_error, last_webhook_at, created_at,
  updated_at) on public.channel_connections to authenticated;

do $$
declare
  t text;
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    return;
  end if;
  foreach t in array array['messages', 'conversations'] loop
    if not exists (
      select 1 from pg_publication_tables
      where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = t
    ) then
      execute format('alter publication supabase_realtime add table public.%I', t);
    end if;
  end loop;
end $$;
