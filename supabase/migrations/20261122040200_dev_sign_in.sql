-- Local dev sign-in: find a staff member by email so the dashboard can issue its signed local
-- session cookie. The server refuses the dev sign-in outside local mode; this function also
-- refuses on a real Supabase project (there Supabase Auth signs people in). Service role only.

create or replace function public.dev_find_staff_member(p_email text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_user_id uuid;
  v_email text;
begin
  if to_regprocedure('auth.local_create_user(text)') is null then
    raise exception 'the dev sign-in exists only on a local database' using errcode = 'PT403';
  end if;
  select u.id, u.email into v_user_id, v_email from auth.users u
  where lower(u.email) = lower(trim(p_email))
    and exists (select 1 from public.tenant_members m where m.user_id = u.id);
  if v_user_id is null then
    raise exception 'no staff member with that email' using errcode = 'PT404';
  end if;
  return jsonb_build_object('user_id', v_user_id, 'email', v_email);
end $$;

revoke all on function public.dev_find_staff_member(text) from public, anon, authenticated;
grant execute on function public.dev_find_staff_member(text) to service_role;
