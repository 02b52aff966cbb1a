-- Staff dashboard: the tenant of a URL (for members only) and retrying a dead-lettered job.

-- The tenant behind a slug, with the caller's role, if the caller is a member. Non-members get
-- the same "not found" whether the tenant exists or not.
create or replace function public.dashboard_tenant(p_tenant_slug text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_result jsonb;
begin
  select jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'role', m.role,
    'timezone', t.timezone, 'locale', t.locale)
  into v_result
  from public.tenants t join public.tenant_members m on m.tenant_id = t.id
  where t.slug = p_tenant_slug and m.user_id = (select auth.uid());
  if v_result is null then
    raise exception 'tenant not found' using errcode = 'PT404';
  end if;
  return v_result;
end $$;

-- A failed job back to the queue (admin or owner), only if it belongs to this tenant: the queue's
-- own retry_failed_job matches (job id, tenant id).
create or replace function public.dashboard_retry_job(p_tenant_id uuid, p_job_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return public.retry_failed_job(p_job_id, p_tenant_id);
end $$;

revoke all on function public.dashboard_tenant(text) from public, anon;
grant execute on function public.dashboard_tenant(text) to authenticated, service_role;
revoke all on function public.dashboard_retry_job(uuid, uuid) from public, anon;
grant execute on function public.dashboard_retry_job(uuid, uuid) to authenticated, service_role;
