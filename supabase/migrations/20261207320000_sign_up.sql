-- Sign-up (issue 13): a person with a confirmed address creates their business and becomes its
-- owner in one call; the dashboard's onboarding checklist reads what is done.

alter table public.tenants add column country text check (country ~ '^[A-Z]{2}$');
alter table public.tenants add column created_by uuid references auth.users (id) on delete set null;
create index tenants_created_by_idx on public.tenants (created_by) where created_by is not null;

alter table public.team_audit_events drop constraint team_audit_events_action_check;
alter table public.team_audit_events add constraint team_audit_events_action_check check (action in (
  'invitation_created', 'invitation_resent', 'invitation_revoked', 'invitation_accepted',
  'role_changed', 'member_removed', 'member_seeded', 'business_created'));

create or replace function public.create_my_business(p_name text, p_slug text, p_timezone text,
  p_country text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text;
  v_confirmed timestamptz;
  v_name text := btrim(coalesce(p_name, ''));
  v_tenant public.tenants;
begin
  if v_uid is null then
    raise exception 'sign in first' using errcode = 'PT401';
  end if;
  select lower(u.email), u.email_confirmed_at into v_email, v_confirmed from auth.users u where u.id = v_uid;
  if v_confirmed is null then
    raise exception 'confirm your email address first' using errcode = 'PT403', hint = 'email_unconfirmed';
  end if;
  if length(v_name) not between 1 and 200 then
    raise exception 'name must be 1 to 200 characters' using errcode = 'PT400', hint = 'name_invalid';
  end if;
  if p_slug is null or p_slug !~ '^[a-z0-9][a-z0-9-]{1,62}$' then
    raise exception 'invalid slug' using errcode = 'PT400', hint = 'slug_invalid';
  end if;
  if p_timezone is null or not exists (select 1 from pg_catalog.pg_timezone_names where name = p_timezone) then
    raise exception 'unknown time zone' using errcode = 'PT400', hint = 'timezone_invalid';
  end if;
  if p_country is null or p_country !~ '^[A-Z]{2}$' then
    raise exception 'invalid country' using errcode = 'PT400', hint = 'country_invalid';
  end if;
  -- One person, a few businesses: enough for a real owner, not for a script.
  perform 1 from public.tenants t where t.created_by = v_uid for update;
  if (select count(*) from public.tenants t where t.created_by = v_uid) >= 3 then
    raise exception 'too many businesses for one account' using errcode = 'PT409', hint = 'too_many_businesses';
  end if;
  insert into public.tenants (slug, name, timezone, country, created_by)
  values (p_slug, v_name, p_timezone, p_country, v_uid)
  on conflict (slug) do nothing
  returning * into v_tenant;
  if v_tenant.id is null then
    raise exception 'slug % is taken', p_slug using errcode = 'PT409', hint = 'slug_taken';
  end if;
  insert into public.ai_tenant_context (tenant_id) values (v_tenant.id);
  insert into public.tenant_members (tenant_id, user_id, role) values (v_tenant.id, v_uid, 'owner');
  perform internal.record_team_event(v_tenant.id, 'business_created', v_email, v_uid,
    jsonb_build_object('role', 'owner'));
  return jsonb_build_object('id', v_tenant.id, 'slug', v_tenant.slug, 'name', v_tenant.name);
end $$;
revoke all on function public.create_my_business(text, text, text, text) from public, anon;
grant execute on function public.create_my_business(text, text, text, text) to authenticated, service_role;
comment on function public.create_my_business(text, text, text, text) is
  '@returns { id: string; slug: string; name: string }';

-- Local mode's sign-up: a confirmed local user (no mail server). Refused on Supabase.
create or replace function public.dev_create_user(p_email text) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  if to_regprocedure('auth.local_create_user(text)') is null then
    raise exception 'local users exist only on a local database' using errcode = 'PT403';
  end if;
  perform internal.check_staff_email_and_role(p_email, 'agent');
  if exists (select 1 from auth.users u where lower(u.email) = lower(p_email)) then
    raise exception 'that address already has an account' using errcode = 'PT409', hint = 'email_taken';
  end if;
  execute 'select auth.local_create_user($1)' into v_id using p_email;
  return v_id;
end $$;
revoke all on function public.dev_create_user(text) from public, anon, authenticated;
grant execute on function public.dev_create_user(text) to service_role;

-- The onboarding checklist of a new business (agent+).
create or replace function public.dashboard_onboarding(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return jsonb_build_object(
    'channel_connected', exists (select 1 from public.channel_connections c
      where c.tenant_id = p_tenant_id and c.status = 'connected'),
    'ai_described', exists (select 1 from public.ai_tenant_context a
      where a.tenant_id = p_tenant_id and btrim(a.system_prompt) <> ''),
    'simulator_tried', exists (select 1 from public.messages m where m.tenant_id = p_tenant_id),
    'team_invited', exists (select 1 from public.staff_invitations i where i.tenant_id = p_tenant_id)
      or (select count(*) from public.tenant_members m where m.tenant_id = p_tenant_id) > 1);
end $$;
revoke all on function public.dashboard_onboarding(uuid) from public, anon;
grant execute on function public.dashboard_onboarding(uuid) to authenticated, service_role;
comment on function public.dashboard_onboarding(uuid) is
  '@returns { channel_connected: boolean; ai_described: boolean; simulator_tried: boolean; team_invited: boolean }';
