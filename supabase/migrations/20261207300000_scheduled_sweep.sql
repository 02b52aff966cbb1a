-- Issue 13: the minute sweep of /api/jobs/process runs as Supabase Cron (pg_cron + pg_net), because
-- Vercel Hobby refuses crons more frequent than daily. Plain PostgreSQL (tests, embedded, a
-- self-hosted server) has neither extension: there everything below but the sweep log stays idle
-- and the in-process scheduler (local mode, or SCHEDULER=internal) does the sweeping.
--
-- The app's URL and CRON_SECRET live in Supabase Vault and are read when each request is made:
-- neither appears in cron.job's command, in this file or in a log. `npm run cli -- deploy schedule
-- --url https://<app>` stores them and (re)schedules the job (public.admin_schedule_sweep).

-- One row per caller of the sweep, not one per run: doctor asks "seen in the last 10 minutes?"
-- and the table stays a handful of rows however long the app runs. Not a tenant's data, so it
-- lives in internal (outside the Data API), written and read only through the functions below.
create table internal.sweep_runs (
  source text primary key check (source in ('vercel_cron', 'supabase_cron', 'internal', 'other')),
  last_run_at timestamptz not null default now(),
  runs bigint not null default 1
);
alter table internal.sweep_runs enable row level security;
revoke all on internal.sweep_runs from public, anon, authenticated, service_role;

create or replace function public.record_sweep_run(p_source text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_source is null or p_source not in ('vercel_cron', 'supabase_cron', 'internal', 'other') then
    raise exception 'unknown sweep source' using errcode = 'PT400';
  end if;
  insert into internal.sweep_runs as r (source) values (p_source)
  on conflict (source) do update set last_run_at = now(), runs = r.runs + 1;
  return jsonb_build_object('source', p_source, 'recorded_at', now());
end $$;
revoke all on function public.record_sweep_run(text) from public, anon, authenticated;
grant execute on function public.record_sweep_run(text) to service_role;
comment on function public.record_sweep_run(text) is '@returns { source: string; recorded_at: string }';

-- What the cron job runs each minute. Reads the URL and secret from Vault at run time; does
-- nothing while either is missing (a push before `deploy schedule`), instead of failing each minute.
-- plpgsql resolves net.* and vault.* only when called, so this is created on plain PostgreSQL too.
create or replace function internal.request_sweep()
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_url text;
  v_secret text;
begin
  select s.decrypted_secret into v_url from vault.decrypted_secrets s where s.name = 'inbox_app_url';
  select s.decrypted_secret into v_secret from vault.decrypted_secrets s where s.name = 'inbox_cron_secret';
  if v_url is null or v_secret is null then
    return null;
  end if;
  -- pg_net queues the GET after commit; the route answers once the sweep is done (maxDuration 300 s).
  return net.http_get(
    url := v_url || '/api/jobs/process',
    headers := jsonb_build_object('Authorization', 'Bearer ' || v_secret, 'x-inbox-scheduler', 'supabase-cron'),
    timeout_milliseconds := 300000
  );
end $$;
revoke all on function internal.request_sweep() from public, anon, authenticated, service_role;

-- Which of the three pieces this database has (extensions installed, Vault present).
create or replace function internal.sweep_support()
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'pg_cron', exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron'),
    'pg_net', exists (select 1 from pg_catalog.pg_extension where extname = 'pg_net'),
    'vault', to_regclass('vault.decrypted_secrets') is not null,
    'pg_cron_available', exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron'),
    'pg_net_available', exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_net'));
$$;
revoke all on function internal.sweep_support() from public, anon, authenticated, service_role;

-- Enables pg_cron and pg_net where the server offers them (Supabase), then schedules the job;
-- cron.schedule with an existing name replaces that job, so this may run any number of times.
-- Returns false, changing nothing, where either extension cannot be had.
create or replace function internal.ensure_sweep_job()
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_support jsonb := internal.sweep_support();
begin
  if not ((v_support ->> 'pg_cron')::boolean or (v_support ->> 'pg_cron_available')::boolean)
     or not ((v_support ->> 'pg_net')::boolean or (v_support ->> 'pg_net_available')::boolean) then
    return false;
  end if;
  -- Where Supabase's guides install them: pg_cron in pg_catalog, pg_net in extensions.
  if not (v_support ->> 'pg_cron')::boolean then
    execute 'create extension if not exists pg_cron with schema pg_catalog';
  end if;
  if not (v_support ->> 'pg_net')::boolean then
    execute 'create schema if not exists extensions';
    execute 'create extension if not exists pg_net with schema extensions';
  end if;
  execute $sql$select cron.schedule('inbox-process-jobs', '* * * * *', 'select internal.request_sweep()')$sql$;
  return true;
end $$;
revoke all on function internal.ensure_sweep_job() from public, anon, authenticated, service_role;

-- Stores (or replaces) the URL and secret in Vault and schedules the job. Refuses, saying what
-- is missing, on a database without pg_cron, pg_net or Vault.
create or replace function public.admin_schedule_sweep(p_url text, p_secret text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_url text := rtrim(coalesce(p_url, ''), '/');
  v_support jsonb := internal.sweep_support();
  v_id uuid;
begin
  if v_url !~ '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' then
    raise exception 'the URL must be the app''s https origin, such as https://inbox.example.com (no path)'
      using errcode = 'PT400';
  end if;
  if p_secret is null or length(p_secret) < 16 then
    raise exception 'CRON_SECRET must be at least 16 characters' using errcode = 'PT400';
  end if;
  if not (v_support ->> 'vault')::boolean then
    raise exception 'Supabase Vault is missing on this database: the minute sweep needs a Supabase project. On plain PostgreSQL run the app with SCHEDULER=internal instead'
      using errcode = 'PT501';
  end if;
  if not internal.ensure_sweep_job() then
    raise exception 'pg_cron or pg_net is not available on this database: enable both (Supabase dashboard, Database > Extensions) or run the app with SCHEDULER=internal'
      using errcode = 'PT501';
  end if;
  select s.id into v_id from vault.secrets s where s.name = 'inbox_app_url';
  if v_id is null then
    perform vault.create_secret(v_url, 'inbox_app_url', 'Inbox AI: public URL the minute sweep calls');
  else
    perform vault.update_secret(v_id, v_url);
  end if;
  v_id := null;
  select s.id into v_id from vault.secrets s where s.name = 'inbox_cron_secret';
  if v_id is null then
    perform vault.create_secret(p_secret, 'inbox_cron_secret', 'Inbox AI: CRON_SECRET for /api/jobs/process');
  else
    perform vault.update_secret(v_id, p_secret);
  end if;
  return jsonb_build_object('scheduled', true, 'job_name', 'inbox-process-jobs', 'schedule', '* * * * *',
    'url', v_url || '/api/jobs/process');
end $$;
revoke all on function public.admin_schedule_sweep(text, text) from public, anon, authenticated;
grant execute on function public.admin_schedule_sweep(text, text) to service_role;
comment on function public.admin_schedule_sweep(text, text) is
  '@returns { scheduled: true; job_name: string; schedule: string; url: string }';

-- For `doctor`: what is scheduled and which callers were seen when. Never returns the secret.
create or replace function public.admin_sweep_status()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_support jsonb := internal.sweep_support();
  v_job jsonb;
  v_url text;
  v_secret_stored boolean := false;
begin
  if (v_support ->> 'pg_cron')::boolean then
    execute $sql$select jsonb_build_object('schedule', j.schedule, 'active', j.active)
      from cron.job j where j.jobname = 'inbox-process-jobs'$sql$ into v_job;
  end if;
  if (v_support ->> 'vault')::boolean then
    execute $sql$select max(s.decrypted_secret) filter (where s.name = 'inbox_app_url'),
        coalesce(bool_or(s.name = 'inbox_cron_secret'), false)
      from vault.decrypted_secrets s where s.name in ('inbox_app_url', 'inbox_cron_secret')$sql$
      into v_url, v_secret_stored;
  end if;
  return jsonb_build_object(
    'pg_cron', (v_support ->> 'pg_cron')::boolean,
    'pg_net', (v_support ->> 'pg_net')::boolean,
    'vault', (v_support ->> 'vault')::boolean,
    'job', v_job,
    'url', v_url,
    'secret_stored', v_secret_stored,
    'now', now(),
    'runs', coalesce((select jsonb_agg(jsonb_build_object('source', r.source, 'last_run_at', r.last_run_at,
      'runs', r.runs) order by r.last_run_at desc) from internal.sweep_runs r), '[]'::jsonb));
end $$;
revoke all on function public.admin_sweep_status() from public, anon, authenticated;
grant execute on function public.admin_sweep_status() to service_role;
comment on function public.admin_sweep_status() is
  '@returns { pg_cron: boolean; pg_net: boolean; vault: boolean; job: { schedule: string; active: boolean } | null; url: string | null; secret_stored: boolean; now: string; runs: { source: ''vercel_cron'' | ''supabase_cron'' | ''internal'' | ''other''; last_run_at: string; runs: number }[] }';

-- For `doctor`: every live connection, whose app it is on (so which webhook URL it needs) and
-- when its last webhook arrived.
create or replace function public.admin_live_connection_webhooks()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('tenant_slug', t.slug, 'channel', c.channel,
      'app_kind', c.app_kind, 'status', c.status, 'last_webhook_at', c.last_webhook_at)
    order by t.slug, c.channel), '[]'::jsonb)
  from public.channel_connections c
  join public.tenants t on t.id = c.tenant_id
  where c.mode = 'live' and c.status <> 'disconnected';
$$;
revoke all on function public.admin_live_connection_webhooks() from public, anon, authenticated;
grant execute on function public.admin_live_connection_webhooks() to service_role;
comment on function public.admin_live_connection_webhooks() is
  '@returns { tenant_slug: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; app_kind: ''platform'' | ''own''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; last_webhook_at: string | null }[]';

-- Where the extensions exist (Supabase), schedule the job now; the first request goes out once
-- `deploy schedule` has stored the URL and secret. Elsewhere this does nothing. A project where
-- this role may not enable them still gets the rest of this migration: `deploy schedule` (and
-- `doctor`) then say what is missing.
do $$
begin
  perform internal.ensure_sweep_job();
exception when others then
  raise notice 'minute sweep not scheduled (%): run npm run cli -- deploy schedule', sqlerrm;
end $$;
