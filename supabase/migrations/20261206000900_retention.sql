-- Squashed on 2026-12-07 (see README.md): purging rows past their retention period, and the
-- job that does it.

create or replace function internal.check_retention_days(
  p_completed_jobs_days integer,
  p_failed_jobs_days integer,
  p_webhook_events_days integer,
  p_pending_statuses_days integer
) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if p_completed_jobs_days is null or p_completed_jobs_days not between 1 and 3650
    or p_failed_jobs_days is null or p_failed_jobs_days not between 1 and 3650
    or p_webhook_events_days is null or p_webhook_events_days not between 1 and 3650
    or p_pending_statuses_days is null or p_pending_statuses_days not between 1 and 3650 then
    raise exception 'retention periods must be between 1 and 3650 days' using errcode = 'PT400';
  end if;
end $$;
revoke all on function internal.check_retention_days(integer, integer, integer, integer) from public;

-- Whether any row is older than its table's retention (one index probe per table).
create or replace function internal.expired_rows_remain(
  p_completed_jobs_days integer,
  p_failed_jobs_days integer,
  p_webhook_events_days integer,
  p_pending_statuses_days integer
) returns boolean
language sql stable set search_path = '' as $$
  select exists (select 1 from public.jobs
      where status = 'completed' and completed_at < now() - make_interval(days => p_completed_jobs_days))
    or exists (select 1 from public.jobs
      where status = 'failed' and completed_at < now() - make_interval(days => p_failed_jobs_days))
    or exists (select 1 from public.webhook_events
      where received_at < now() - make_interval(days => p_webhook_events_days))
    or exists (select 1 from public.pending_message_statuses
      where created_at < now() - make_interval(days => p_pending_statuses_days))
$$;
revoke all on function internal.expired_rows_remain(integer, integer, integer, integer) from public;

-- Deletes at most p_batch_size expired rows per table, oldest first, of every tenant alike (age
-- is the only criterion; there is no tenant argument). Rows another transaction holds (a staff
-- retry of a dead letter, a status being applied) are skipped, and each row is re-checked under
-- its lock, so a dead letter retried meanwhile (pending again) is never deleted. 'more' is true
-- when a table filled its batch: call again. The batches are MATERIALIZED CTEs on purpose: as an
-- `id in (select ... limit n for update skip locked)` subquery the planner may rescan the
-- subquery per outer row, and each rescan skips the rows this statement already deleted and
-- locks the next n, so the bound did not hold (a test deleted 25 rows with n = 10).
create or replace function public.purge_expired_rows(
  p_completed_jobs_days integer,
  p_failed_jobs_days integer,
  p_webhook_events_days integer,
  p_pending_statuses_days integer,
  p_batch_size integer default 2000
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_completed integer;
  v_failed integer;
  v_events integer;
  v_statuses integer;
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

  return jsonb_build_object(
    'deleted', jsonb_build_object('completed_jobs', v_completed, 'failed_jobs', v_failed,
      'webhook_events', v_events, 'pending_message_statuses', v_statuses),
    'more', greatest(v_completed, v_failed, v_events, v_statuses) >= p_batch_size);
end $$;
revoke all on function public.purge_expired_rows(integer, integer, integer, integer, integer)
  from public, anon, authenticated;
grant execute on function public.purge_expired_rows(integer, integer, integer, integer, integer) to service_role;

-- Called on every cron sweep: enqueues one purge_expired job (tenant-less, low priority, due now)
-- unless one was enqueued in the last p_every_seconds or nothing has expired, so an idle or
-- young database gets no housekeeping jobs at all. Two sweeps at once meet on the dedupe key.
create or replace function public.enqueue_purge_expired(
  p_completed_jobs_days integer,
  p_failed_jobs_days integer,
  p_webhook_events_days integer,
  p_pending_statuses_days integer,
  p_every_seconds integer default 3600
) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.check_retention_days(p_completed_jobs_days, p_failed_jobs_days, p_webhook_events_days,
    p_pending_statuses_days);
  if p_every_seconds is null or p_every_seconds not between 1 and 604800 then
    raise exception 'interval must be between 1 and 604800 seconds' using errcode = 'PT400';
  end if;
  -- Tenant-less jobs are few, and jobs_tenant_status_idx finds them.
  if exists (select 1 from public.jobs
      where tenant_id is null and job_type = 'purge_expired'
        and created_at > now() - make_interval(secs => p_every_seconds)) then
    return jsonb_build_object('enqueued', false, 'reason', 'recently_enqueued');
  end if;
  if not internal.expired_rows_remain(p_completed_jobs_days, p_failed_jobs_days, p_webhook_events_days,
      p_pending_statuses_days) then
    return jsonb_build_object('enqueued', false, 'reason', 'nothing_expired');
  end if;
  return internal.enqueue_job('purge_expired', '{}'::jsonb, null, -10, 'purge_expired', null, 3);
end $$;
revoke all on function public.enqueue_purge_expired(integer, integer, integer, integer, integer)
  from public, anon, authenticated;
grant execute on function public.enqueue_purge_expired(integer, integer, integer, integer, integer) to service_role;
