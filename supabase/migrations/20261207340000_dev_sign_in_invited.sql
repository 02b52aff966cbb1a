-- Local mode: the dev sign-in also lets in a person with a pending invitation, so an invitation
-- made on a laptop can be opened and accepted there (before, only existing members could sign
-- in, and an invited person was stuck at "sign in first"). The local account is created on
-- first sign-in, confirmed, as Supabase would after the invite link. Still refused on a real
-- Supabase project (no auth.local_create_user there).
create or replace function public.dev_find_staff_member(p_email text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_email text := lower(trim(p_email));
  v_user_id uuid;
begin
  if to_regprocedure('auth.local_create_user(text)') is null then
    raise exception 'the dev sign-in exists only on a local database' using errcode = 'PT403';
  end if;
  select u.id into v_user_id from auth.users u
  where lower(u.email) = v_email
    and exists (select 1 from public.tenant_members m where m.user_id = u.id);
  if v_user_id is null and exists (
    select 1 from public.staff_invitations i
    where i.email = v_email and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
  ) then
    v_user_id := auth.local_create_user(v_email);
  end if;
  if v_user_id is null then
    raise exception 'no staff member with that email' using errcode = 'PT404';
  end if;
  return jsonb_build_object('user_id', v_user_id, 'email', v_email);
end $$;
revoke all on function public.dev_find_staff_member(text) from public, anon, authenticated;
grant execute on function public.dev_find_staff_member(text) to service_role;
comment on function public.dev_find_staff_member(text) is '@returns { user_id: string; email: string }';
