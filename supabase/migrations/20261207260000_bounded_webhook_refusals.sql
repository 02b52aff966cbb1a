-- Issue 13 §3: refused webhook deliveries are cheap and bounded. Anyone can make a refusal (a
-- random slug is enough), and each used to write a webhook_events row kept 30 days, until
-- Supabase's 500 MB filled up. Now every refusal is counted per minute (one counter row per
-- minute, tenant, channel and outcome); a refusal with no tenant (unknown slug) is only counted,
-- and a tenant's refusals get a row each for the first 20 of a minute, the rest only counted.

create table public.webhook_refusal_counts (
  minute timestamptz not null,
  tenant_id uuid references public.tenants (id) on delete cascade,
  channel text not null,
  outcome text not null,
  -- Every refusal of that minute, and how many of them also got a webhook_events row.
  refused integer not null default 0 check (refused >= 0),
  recorded integer not null default 0 check (recorded >= 0 and recorded <= refused),
  constraint webhook_refusal_counts_key unique nulls not distinct (minute, tenant_id, channel, outcome)
);
create index webhook_refusal_counts_tenant_idx on public.webhook_refusal_counts (tenant_id, minute);
alter table public.webhook_refusal_counts enable row level security;
revoke all on table public.webhook_refusal_counts from public, anon, authenticated;

-- Refusal rows a tenant gets per minute; past it, refusals are only counted.
create or replace function internal.webhook_refusal_rows_per_minute() returns integer
language sql immutable set search_path = '' as $$ select 20 $$;
revoke all on function internal.webhook_refusal_rows_per_minute() from public, anon, authenticated, service_role;

create or replace function public.record_webhook_event(
  p_channel text,
  p_outcome text,
  p_http_status integer,
  p_tenant_id uuid default null,
  p_tenant_slug text default null,
  p_body_bytes integer default null,
  p_detail text default null,
  p_duration_ms numeric default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
  v_minute timestamptz := date_trunc('minute', now());
  v_this_minute integer;
begin
  if p_channel not in ('whatsapp', 'instagram', 'facebook', 'tiktok') then
    raise exception 'unknown channel' using errcode = 'PT400';
  end if;
  if p_outcome in ('accepted', 'duplicate', 'unchanged', 'unrouted') then
    raise exception 'stored deliveries are recorded by ingest_webhook' using errcode = 'PT400';
  end if;
  if p_outcome not in ('disconnected', 'bad_signature', 'bad_request', 'unknown_tenant', 'no_connection',
      'forbidden_account', 'payload_too_large', 'secret_missing', 'verification_ok', 'verification_failed', 'error') then
    raise exception 'unknown outcome' using errcode = 'PT400';
  end if;
  insert into public.webhook_refusal_counts as c (minute, tenant_id, channel, outcome, refused)
  values (v_minute, p_tenant_id, p_channel, p_outcome, 1)
  on conflict on constraint webhook_refusal_counts_key do update set refused = c.refused + 1;
  -- No tenant: whoever sent it chose the slug; a count is all it gets.
  if p_tenant_id is null then
    return null;
  end if;
  select coalesce(sum(c.recorded), 0) into v_this_minute
  from public.webhook_refusal_counts c where c.tenant_id = p_tenant_id and c.minute = v_minute;
  if v_this_minute >= internal.webhook_refusal_rows_per_minute() then
    return null;
  end if;
  update public.webhook_refusal_counts c set recorded = c.recorded + 1
  where c.minute = v_minute and c.tenant_id = p_tenant_id and c.channel = p_channel and c.outcome = p_outcome;
  insert into public.webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, body_bytes, detail, duration_ms)
  values (p_tenant_id, left(p_tenant_slug, 100), p_channel, p_outcome, p_http_status, p_body_bytes,
    left(p_detail, 500), least(p_duration_ms, 9999999))
  returning id into v_id;
  return v_id;
end $$;

create or replace function internal.expired_rows_remain(p_completed_jobs_days integer, p_failed_jobs_days integer, p_webhook_events_days integer, p_pending_statuses_days integer)
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $$
  select exists (select 1 from public.jobs
      where status = 'completed' and completed_at < now() - make_interval(days => p_completed_jobs_days))
    or exists (select 1 from public.jobs
      where status = 'failed' and completed_at < now() - make_interval(days => p_failed_jobs_days))
    or exists (select 1 from public.webhook_events
      where received_at < now() - make_interval(days => p_webhook_events_days))
    or exists (select 1 from public.pending_message_statuses
      where created_at < now() - make_interval(days => p_pending_statuses_days))
    or exists (select 1 from public.webhook_refusal_counts
      where minute < now() - make_interval(days => p_webhook_events_days))
$$;

create or replace function public.purge_expired_rows(p_completed_jobs_days integer, p_failed_jobs_days integer, p_webhook_events_days integer, p_pending_statuses_days integer, p_batch_size integer DEFAULT 2000)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
declare
  v_completed integer;
  v_failed integer;
  v_events integer;
  v_statuses integer;
  v_counts integer;
begin
  perform internal.check_retention_days(p_completed_jobs_days, p_failed_jobs_days, p_webhook_events_days,
    p_pending_statuses_days);
  if p_batch_size is null or p_batch_size not between 1 and 10000 then
    raise exception 'batch size must be between 1 and 10000' using errcode = 'PT400';
  end if;

  with doomed as materialized (
    select id from public.jobs
    where status = 'completed' and completed_at < now() - make_interval(days => p_completed_jobs_days)
    order by completed_at
    limit p_batch_size
    for update skip locked)
  delete from public.jobs j using doomed where j.id = doomed.id and j.status = 'completed';
  get diagnostics v_completed = row_count;

  with doomed as materialized (
    select id from public.jobs
    where status = 'failed' and completed_at < now() - make_interval(days => p_failed_jobs_days)
    order by completed_at
    limit p_batch_size
    for update skip locked)
  delete from public.jobs j using doomed where j.id = doomed.id and j.status = 'failed';
  get diagnostics v_failed = row_count;

  with doomed as materialized (
    select id from public.webhook_events
    where received_at < now() - make_interval(days => p_webhook_events_days)
    order by received_at
    limit p_batch_size
    for update skip locked)
  delete from public.webhook_events e using doomed where e.id = doomed.id;
  get diagnostics v_events = row_count;

  with doomed as materialized (
    select id from public.pending_message_statuses
    where created_at < now() - make_interval(days => p_pending_statuses_days)
    order by created_at
    limit p_batch_size
    for update skip locked)
  delete from public.pending_message_statuses p using doomed where p.id = doomed.id;
  get diagnostics v_statuses = row_count;

  -- Refusal counters are kept as long as the webhook log they stand in for.
  with doomed as materialized (
    select minute, ctid from public.webhook_refusal_counts
    where minute < now() - make_interval(days => p_webhook_events_days)
    order by minute
    limit p_batch_size
    for update skip locked)
  delete from public.webhook_refusal_counts c using doomed where c.ctid = doomed.ctid;
  get diagnostics v_counts = row_count;

  return jsonb_build_object(
    'deleted', jsonb_build_object('completed_jobs', v_completed, 'failed_jobs', v_failed,
      'webhook_events', v_events, 'pending_message_statuses', v_statuses, 'webhook_refusal_counts', v_counts),
    'more', greatest(v_completed, v_failed, v_events, v_statuses, v_counts) >= p_batch_size);
end $$;

comment on function public.purge_expired_rows(integer, integer, integer, integer, integer) is
  '@returns { deleted: { completed_jobs: number; failed_jobs: number; webhook_events: number; pending_message_statuses: number; webhook_refusal_counts: number }; more: boolean }';
