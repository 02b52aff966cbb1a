-- The job queue: enqueue with dedupe, claim under a lease, complete with follow-ups, fail with
-- backoff or dead-letter, retry dead letters, status. One call = one transaction each.
-- Every state change after a claim checks the lease (id + locked_by + attempts + processing), so
-- a worker whose lease expired and was re-claimed can neither complete nor fail the job.

-- Claiming one tenant's due jobs (the after() path) must not scan other tenants' backlog.
create index jobs_tenant_due_idx on public.jobs (tenant_id, priority desc, scheduled_for)
  where status = 'pending';

-- Enqueue one job. With a dedupe key and a pending twin, nothing is inserted and the twin is
-- locked until the caller's transaction commits: a claimer (SKIP LOCKED) cannot take the twin
-- before the data this enqueue belongs to (a new customer message, say) is visible to its handler.
create or replace function internal.enqueue_job(
  p_job_type text,
  p_payload jsonb default '{}'::jsonb,
  p_tenant_id uuid default null,
  p_priority integer default 0,
  p_dedupe_key text default null,
  p_scheduled_for timestamptz default null,
  p_max_attempts integer default 5
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  if p_job_type is null or p_job_type !~ '^[a-z][a-z0-9_]{1,62}$' then
    raise exception 'invalid job_type %', coalesce(p_job_type, 'null') using errcode = 'PT400';
  end if;
  if p_payload is null or jsonb_typeof(p_payload) <> 'object' then
    raise exception 'job payload must be a JSON object' using errcode = 'PT400';
  end if;
  if p_max_attempts is not null and (p_max_attempts < 1 or p_max_attempts > 50) then
    raise exception 'max_attempts must be between 1 and 50' using errcode = 'PT400';
  end if;
  if p_dedupe_key is not null and length(p_dedupe_key) not between 1 and 200 then
    raise exception 'dedupe_key must be 1 to 200 characters' using errcode = 'PT400';
  end if;
  for i in 1..5 loop
    insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key, scheduled_for, max_attempts)
    values (p_tenant_id, p_job_type, p_payload, coalesce(p_priority, 0), p_dedupe_key,
      coalesce(p_scheduled_for, now()), coalesce(p_max_attempts, 5))
    on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing
    returning id into v_id;
    if v_id is not null then
      return jsonb_build_object('id', v_id, 'enqueued', true);
    end if;
    select id into v_id from public.jobs
    where dedupe_key = p_dedupe_key and status = 'pending'
    for update;
    if v_id is not null then
      return jsonb_build_object('id', v_id, 'enqueued', false);
    end if;
    -- The twin was claimed in between: it no longer covers this enqueue, insert again.
  end loop;
  raise exception 'could not enqueue job with dedupe key %', p_dedupe_key using errcode = 'PT409';
end $$;

-- Follow-ups of a finished job: a tenant's job may only enqueue work for the same tenant.
create or replace function internal.enqueue_follow_ups(p_follow_ups jsonb, p_parent_tenant_id uuid)
returns integer
language plpgsql set search_path = '' as $$
declare
  v_item jsonb;
  v_tenant_id uuid;
  v_count integer := 0;
begin
  if p_follow_ups is null or p_follow_ups = 'null'::jsonb then
    return 0;
  end if;
  if jsonb_typeof(p_follow_ups) <> 'array' then
    raise exception 'follow-ups must be a JSON array' using errcode = 'PT400';
  end if;
  for v_item in select value from jsonb_array_elements(p_follow_ups) loop
    if jsonb_typeof(v_item) <> 'object' then
      raise exception 'each follow-up must be a JSON object' using errcode = 'PT400';
    end if;
    v_tenant_id := coalesce((v_item ->> 'tenant_id')::uuid, p_parent_tenant_id);
    if p_parent_tenant_id is not null and v_tenant_id <> p_parent_tenant_id then
      raise exception 'a follow-up cannot target another tenant' using errcode = 'PT403';
    end if;
    if (internal.enqueue_job(
      v_item ->> 'job_type',
      coalesce(v_item -> 'payload', '{}'::jsonb),
      v_tenant_id,
      coalesce((v_item ->> 'priority')::integer, 0),
      v_item ->> 'dedupe_key',
      (v_item ->> 'scheduled_for')::timestamptz,
      coalesce((v_item ->> 'max_attempts')::integer, 5)
    ) ->> 'enqueued')::boolean then
      v_count := v_count + 1;
    end if;
  end loop;
  return v_count;
end $$;

-- Complete the current job under its lease and enqueue its follow-ups, inside the caller's
-- transaction. Handlers' own SQL functions call this so their effect and the completion commit
-- together or not at all.
create or replace function internal.finish_job(
  p_job_id uuid,
  p_locked_by text,
  p_attempts integer,
  p_result jsonb default null,
  p_follow_ups jsonb default '[]'::jsonb
) returns void
language plpgsql set search_path = '' as $$
declare
  v_tenant_id uuid;
begin
  update public.jobs set
    status = 'completed',
    completed_at = now(),
    result = p_result,
    error_message = null,
    locked_until = null
  where id = p_job_id and locked_by = p_locked_by and attempts = p_attempts and status = 'processing'
  returning tenant_id into v_tenant_id;
  if not found then
    raise exception 'job % is no longer held by %', p_job_id, p_locked_by using errcode = 'PT409';
  end if;
  perform internal.enqueue_follow_ups(p_follow_ups, v_tenant_id);
end $$;

-- Exponential backoff with full jitter, never earlier than a Retry-After the error carried.
create or replace function internal.job_retry_delay_seconds(p_attempts integer, p_retry_after_seconds numeric)
returns numeric
language sql volatile set search_path = '' as $$
  select greatest(
    least(coalesce(p_retry_after_seconds, 0), 86400),
    (random() * least(3600, 10 * power(2, greatest(p_attempts, 1) - 1)))::numeric
  )
$$;

create or replace function public.enqueue_job(
  p_job_type text,
  p_payload jsonb default '{}'::jsonb,
  p_tenant_id uuid default null,
  p_priority integer default 0,
  p_dedupe_key text default null,
  p_scheduled_for timestamptz default null,
  p_max_attempts integer default 5
) returns jsonb
language sql security definer set search_path = '' as $$
  select internal.enqueue_job(p_job_type, p_payload, p_tenant_id, p_priority, p_dedupe_key,
    p_scheduled_for, p_max_attempts)
$$;

create or replace function public.claim_jobs(
  p_worker text,
  p_limit integer,
  p_lease_seconds integer,
  p_tenant_id uuid default null,
  p_job_types text[] default null
) returns jsonb
-- Custom plans fold the absent filters away, so each branch uses its partial index.
language plpgsql security definer set search_path = '' set plan_cache_mode = 'force_custom_plan' as $$
declare
  v_claimed jsonb;
begin
  if p_worker is null or length(p_worker) not between 1 and 200 then
    raise exception 'worker id must be 1 to 200 characters' using errcode = 'PT400';
  end if;
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'limit must be between 1 and 1000' using errcode = 'PT400';
  end if;
  if p_lease_seconds is null or p_lease_seconds not between 1 and 3600 then
    raise exception 'lease must be between 1 and 3600 seconds' using errcode = 'PT400';
  end if;

  -- A job whose lease expired on its last attempt (the worker died every time) is a dead letter,
  -- not something to claim forever.
  update public.jobs j set
    status = 'failed',
    completed_at = now(),
    locked_until = null,
    error_message = 'lease expired on the final attempt (the worker died or ran out of time)'
  where j.id in (
    select id from public.jobs
    where status = 'processing' and locked_until < now() and attempts >= max_attempts
      and (p_tenant_id is null or tenant_id = p_tenant_id)
      and (p_job_types is null or job_type = any (p_job_types))
    for update skip locked);

  -- Each branch walks its own index; the few extra rows locked are released at commit.
  with due as (
    select id, priority, scheduled_for from public.jobs
    where status = 'pending' and scheduled_for <= now()
      and (p_tenant_id is null or tenant_id = p_tenant_id)
      and (p_job_types is null or job_type = any (p_job_types))
    order by priority desc, scheduled_for
    limit p_limit
    for update skip locked
  ), expired as (
    select id, priority, scheduled_for from public.jobs
    where status = 'processing' and locked_until < now()
      and (p_tenant_id is null or tenant_id = p_tenant_id)
      and (p_job_types is null or job_type = any (p_job_types))
    order by locked_until
    limit p_limit
    for update skip locked
  ), picked as (
    select id from (select * from due union all select * from expired) c
    order by priority desc, scheduled_for
    limit p_limit
  ), claimed as (
    update public.jobs j set
      status = 'processing',
      attempts = j.attempts + 1,
      started_at = now(),
      locked_until = now() + make_interval(secs => p_lease_seconds),
      locked_by = p_worker
    from picked
    where j.id = picked.id
    returning j.*
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', c.id, 'tenant_id', c.tenant_id, 'job_type', c.job_type, 'payload', c.payload,
      'attempts', c.attempts, 'max_attempts', c.max_attempts, 'locked_by', c.locked_by,
      'locked_until', c.locked_until, 'priority', c.priority, 'scheduled_for', c.scheduled_for)
      order by c.priority desc, c.scheduled_for), '[]'::jsonb)
  into v_claimed
  from claimed c;
  return v_claimed;
end $$;

create or replace function public.complete_job(
  p_job_id uuid,
  p_locked_by text,
  p_attempts integer,
  p_result jsonb default null,
  p_follow_ups jsonb default '[]'::jsonb
) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, p_result, p_follow_ups);
  return jsonb_build_object('id', p_job_id, 'status', 'completed');
end $$;

create or replace function public.fail_job(
  p_job_id uuid,
  p_locked_by text,
  p_attempts integer,
  p_error text,
  p_retryable boolean default true,
  p_retry_after_seconds numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_job public.jobs;
  v_error text := left(coalesce(nullif(p_error, ''), 'unknown error'), 2000);
  v_twin uuid;
begin
  select * into v_job from public.jobs
  where id = p_job_id and locked_by = p_locked_by and attempts = p_attempts and status = 'processing'
  for update;
  if not found then
    raise exception 'job % is no longer held by %', p_job_id, p_locked_by using errcode = 'PT409';
  end if;

  if not coalesce(p_retryable, true) or v_job.attempts >= v_job.max_attempts then
    update public.jobs set status = 'failed', completed_at = now(), locked_until = null,
      error_message = v_error
    where id = p_job_id;
    return jsonb_build_object('id', p_job_id, 'status', 'failed', 'attempts', v_job.attempts);
  end if;

  begin
    update public.jobs set
      status = 'pending',
      locked_until = null,
      error_message = v_error,
      scheduled_for = now() + make_interval(secs => internal.job_retry_delay_seconds(v_job.attempts,
        p_retry_after_seconds)::double precision)
    where id = p_job_id
    returning * into v_job;
    return jsonb_build_object('id', p_job_id, 'status', 'pending', 'attempts', v_job.attempts,
      'scheduled_for', v_job.scheduled_for);
  exception when unique_violation then
    -- A pending job with the same dedupe key was enqueued meanwhile; it does this work.
    select id into v_twin from public.jobs where dedupe_key = v_job.dedupe_key and status = 'pending';
    update public.jobs set status = 'completed', completed_at = now(), locked_until = null,
      error_message = v_error, result = jsonb_build_object('superseded_by', v_twin)
    where id = p_job_id;
    return jsonb_build_object('id', p_job_id, 'status', 'superseded', 'superseded_by', v_twin);
  end;
end $$;

-- A dead letter back to the queue with a fresh attempt budget. p_tenant_id, when given, must
-- own the job (callers acting for one tenant pass it).
create or replace function public.retry_failed_job(p_job_id uuid, p_tenant_id uuid default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_job public.jobs;
begin
  select * into v_job from public.jobs
  where id = p_job_id and (p_tenant_id is null or tenant_id = p_tenant_id)
  for update;
  if not found then
    raise exception 'job % not found', p_job_id using errcode = 'PT404';
  end if;
  if v_job.status <> 'failed' then
    raise exception 'job % is %, only failed jobs can be retried', p_job_id, v_job.status
      using errcode = 'PT409';
  end if;
  begin
    update public.jobs set status = 'pending', attempts = 0, scheduled_for = now(),
      started_at = null, completed_at = null, locked_until = null, locked_by = null
    where id = p_job_id
    returning * into v_job;
  exception when unique_violation then
    raise exception 'a pending job with the same dedupe key already exists' using errcode = 'PT409';
  end;
  return jsonb_build_object('id', v_job.id, 'status', v_job.status, 'job_type', v_job.job_type,
    'scheduled_for', v_job.scheduled_for);
end $$;

create or replace function public.queue_status(p_tenant_id uuid default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'counts', coalesce((
      select jsonb_agg(jsonb_build_object('job_type', job_type, 'status', status, 'count', n)
        order by job_type, status)
      from (
        select job_type, status, count(*) as n from public.jobs
        where p_tenant_id is null or tenant_id = p_tenant_id
        group by job_type, status
      ) s), '[]'::jsonb),
    'due', (select count(*) from public.jobs
      where status = 'pending' and scheduled_for <= now()
        and (p_tenant_id is null or tenant_id = p_tenant_id)),
    'expired_leases', (select count(*) from public.jobs
      where status = 'processing' and locked_until < now()
        and (p_tenant_id is null or tenant_id = p_tenant_id)),
    'oldest_due_age_seconds', (select round(extract(epoch from now() - min(scheduled_for))::numeric, 3)
      from public.jobs
      where status = 'pending' and scheduled_for <= now()
        and (p_tenant_id is null or tenant_id = p_tenant_id)),
    'generated_at', now())
$$;

revoke all on function internal.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer) from public;
revoke all on function internal.enqueue_follow_ups(jsonb, uuid) from public;
revoke all on function internal.finish_job(uuid, text, integer, jsonb, jsonb) from public;
revoke all on function internal.job_retry_delay_seconds(integer, numeric) from public;
grant execute on function internal.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer) to service_role;
grant execute on function internal.finish_job(uuid, text, integer, jsonb, jsonb) to service_role;

revoke all on function public.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer)
  from public, anon, authenticated;
revoke all on function public.claim_jobs(text, integer, integer, uuid, text[]) from public, anon, authenticated;
revoke all on function public.complete_job(uuid, text, integer, jsonb, jsonb) from public, anon, authenticated;
revoke all on function public.fail_job(uuid, text, integer, text, boolean, numeric) from public, anon, authenticated;
revoke all on function public.retry_failed_job(uuid, uuid) from public, anon, authenticated;
revoke all on function public.queue_status(uuid) from public, anon, authenticated;
grant execute on function public.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer) to service_role;
grant execute on function public.claim_jobs(text, integer, integer, uuid, text[]) to service_role;
grant execute on function public.complete_job(uuid, text, integer, jsonb, jsonb) to service_role;
grant execute on function public.fail_job(uuid, text, integer, text, boolean, numeric) to service_role;
grant execute on function public.retry_failed_job(uuid, uuid) to service_role;
grant execute on function public.queue_status(uuid) to service_role;
