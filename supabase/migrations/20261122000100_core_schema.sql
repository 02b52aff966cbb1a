-- Core schema: tenants and staff, channel connections, AI context, leads, conversations,
-- messages, jobs and the webhook delivery log. RLS policies and grants live in the next file.

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
  updated_at timestamptz not null default now()
);
create unique index messages_platform_id_key
  on public.messages (tenant_id, channel, platform_message_id) where platform_message_id is not null;
create index messages_conversation_idx on public.messages (conversation_id, created_at);

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

-- Keep updated_at honest without every function remembering it.
create or replace function public.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;

create trigger tenants_touch before update on public.tenants
  for each row execute function public.touch_updated_at();
create trigger channel_connections_touch before update on public.channel_connections
  for each row execute function public.touch_updated_at();
create trigger ai_tenant_context_touch before update on public.ai_tenant_context
  for each row execute function public.touch_updated_at();
create trigger leads_touch before update on public.leads
  for each row execute function public.touch_updated_at();
create trigger conversations_touch before update on public.conversations
  for each row execute function public.touch_updated_at();
create trigger messages_touch before update on public.messages
  for each row execute function public.touch_updated_at();
create trigger jobs_touch before update on public.jobs
  for each row execute function public.touch_updated_at();
