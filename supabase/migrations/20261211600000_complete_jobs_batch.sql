-- Completing jobs in batches (issue 19): a processor whose handlers finish together records them
-- in one call instead of one round trip each. Only completions without follow-ups are batched, so
-- the batch locks job rows only, and in one order (by id): two batches can never deadlock.
-- A job whose lease is no longer held is left alone and reported, exactly as complete_job's PT409
-- would; the others still complete. It also says whether anything is due for the caller's
-- filter after these completions (pending and due, or a lease expired): a processor that emptied
-- the queue stops on "nothing due" instead of claiming once more to find nothing.

create or replace function public.complete_jobs(p_jobs jsonb, p_tenant_id uuid default null,
  p_job_types text[] default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_completed jsonb;
begin
  if p_jobs is null or jsonb_typeof(p_jobs) <> 'array' or jsonb_array_length(p_jobs) not between 1 and 1000 then
    raise exception 'jobs must be an array of 1 to 1000 items' using errcode = 'PT400';
  end if;

  with wanted as (
    select w.id, w.locked_by, w.attempts, w.result
    from jsonb_to_recordset(p_jobs) as w(id uuid, locked_by text, attempts integer, result jsonb)
  ), held as (
    select j.id, w.result from public.jobs j
    join wanted w on w.id = j.id and w.locked_by = j.locked_by and w.attempts = j.attempts
    where j.status = 'processing'
    order by j.id
    for update of j
  ), done as (
    update public.jobs j set
      status = 'completed',
      completed_at = now(),
      result = held.result,
      error_message = null,
      locked_until = null
    from held
    where j.id = held.id
    returning j.id
  )
  select coalesce(jsonb_agg(done.id), '[]'::jsonb) into v_completed from done;
  -- Each probe walks one index (due: by tenant or not; expired: the lease index) and stops at a row.
  return jsonb_build_object('completed', v_completed, 'due',
    exists (select 1 from public.jobs
      where p_tenant_id is null and status = 'pending' and scheduled_for <= now()
        and (p_job_types is null or job_type = any (p_job_types)))
    or exists (select 1 from public.jobs
      where p_tenant_id is not null and tenant_id = p_tenant_id and status = 'pending'
        and scheduled_for <= now() and (p_job_types is null or job_type = any (p_job_types)))
    or exists (select 1 from public.jobs
      where status = 'processing' and locked_until < now()
        and (p_tenant_id is null or tenant_id = p_tenant_id)
        and (p_job_types is null or job_type = any (p_job_types))));
end $$;

revoke all on function public.complete_jobs(jsonb, uuid, text[]) from public, anon, authenticated;
grant execute on function public.complete_jobs(jsonb, uuid, text[]) to service_role;
comment on function public.complete_jobs(jsonb, uuid, text[]) is '@returns { completed: string[]; due: boolean }';
