-- claim_jobs was planned afresh on every call (plan_cache_mode = force_custom_plan) so that the
-- absent filters folded away: about a third of its time on an empty or small queue, and most
-- claims are small (issue 19). Each filter now has its own branch whose condition on the
-- arguments alone is a one-time filter of the cached (generic) plan: the branch that does not
-- apply is never executed, and the one that does walks its own index, as before.

create or replace function public.claim_jobs(p_worker text, p_limit integer, p_lease_seconds integer,
  p_tenant_id uuid default null, p_job_types text[] default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
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
  -- not something to claim forever. Walks the lease index; the filters only narrow it.
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
  with due_any as (
    select id, priority, scheduled_for from public.jobs
    where p_tenant_id is null
      and status = 'pending' and scheduled_for <= now()
      and (p_job_types is null or job_type = any (p_job_types))
    order by priority desc, scheduled_for
    limit p_limit
    for update skip locked
  ), due_tenant as (
    select id, priority, scheduled_for from public.jobs
    where p_tenant_id is not null
      and tenant_id = p_tenant_id and status = 'pending' and scheduled_for <= now()
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
    select id from (
      select * from due_any union all select * from due_tenant union all select * from expired
    ) c
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

comment on function public.claim_jobs(text, integer, integer, uuid, text[]) is '@returns { id: string; tenant_id: string | null; job_type: string; payload: Json; attempts: number; max_attempts: number; locked_by: string; locked_until: string; priority: number; scheduled_for: string }[]';
