-- Issue 16's two catalogues, created together so the parts built on them share one shape.

-- A WhatsApp Business Account's message templates, as Meta lists them
-- (GET /{waba_id}/message_templates) and keeps them current (template webhooks). One row per
-- name + language: Meta treats each pair as its own template.
create table public.whatsapp_templates (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  waba_id text not null check (length(waba_id) between 1 and 64),
  -- Meta's id (a number in webhooks; kept as text). Null until Meta has answered a creation.
  template_id text check (length(template_id) <= 64),
  name text not null check (name ~ '^[a-z0-9_]+$' and length(name) <= 512),
  language text not null check (language ~ '^[a-z]{2,3}(_[A-Z]{2})?$'),
  category text not null check (category in ('marketing', 'utility', 'authentication')),
  status text not null check (status in ('pending', 'approved', 'rejected', 'paused', 'disabled',
    'flagged', 'in_appeal', 'pending_deletion', 'deleted', 'archived', 'limit_exceeded', 'locked')),
  parameter_format text not null default 'positional' check (parameter_format in ('positional', 'named')),
  components jsonb not null default '[]' check (jsonb_typeof(components) = 'array'),
  quality_score text check (quality_score in ('green', 'yellow', 'red', 'unknown')),
  rejection_reason text check (length(rejection_reason) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, waba_id, name, language)
);
create index whatsapp_templates_template_id_idx on public.whatsapp_templates (template_id)
  where template_id is not null;

create trigger whatsapp_templates_touch before update on public.whatsapp_templates
  for each row execute function public.touch_updated_at();

-- A file a message carries, in or out. The bytes live in storage (Supabase Storage's private
-- bucket, or DATA_DIR/media locally) under `<tenant_id>/<id>`; this row says what it is and
-- whether it could be fetched.
create table public.media_files (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  message_id uuid not null references public.messages (id) on delete cascade,
  direction text not null check (direction in ('inbound', 'outbound')),
  kind text not null check (kind in ('image', 'audio', 'video', 'document', 'sticker')),
  mime_type text check (length(mime_type) <= 200),
  byte_size bigint check (byte_size >= 0),
  sha256 text check (length(sha256) <= 128),
  filename text check (length(filename) <= 500),
  -- Where the platform keeps it: a WhatsApp media id, or an attachment URL that expires.
  platform_media_id text check (length(platform_media_id) <= 500),
  source_url text check (length(source_url) <= 4000),
  storage_path text check (length(storage_path) <= 500),
  status text not null default 'pending' check (status in ('pending', 'stored', 'unavailable', 'refused')),
  -- Why it is unavailable or refused, in words staff can read.
  failure_reason text check (length(failure_reason) <= 500),
  transcript text check (length(transcript) <= 20000),
  transcript_status text check (transcript_status in ('pending', 'done', 'failed', 'skipped')),
  attempts integer not null default 0 check (attempts >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index media_files_message_idx on public.media_files (message_id);
create index media_files_tenant_idx on public.media_files (tenant_id, created_at);

create trigger media_files_touch before update on public.media_files
  for each row execute function public.touch_updated_at();

alter table public.whatsapp_templates enable row level security;
alter table public.media_files enable row level security;

create policy whatsapp_templates_member_read on public.whatsapp_templates for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy media_files_member_read on public.media_files for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));

revoke all on public.whatsapp_templates, public.media_files from public, anon, authenticated;
grant select on public.whatsapp_templates, public.media_files to authenticated;
grant select, insert, update, delete on public.whatsapp_templates, public.media_files to service_role;
