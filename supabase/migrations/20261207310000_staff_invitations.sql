-- Invitations are rows of ours (issue 13). A membership exists only once the invited person
-- accepts, signed in with the invited address and that address confirmed. The old
-- admin_add_staff_member gave the tenant to whoever had registered the address first
-- (confirmed or not): it is gone. Seeding and tests use admin_seed_staff_member, which only
-- works off Supabase (where the bootstrap's auth.local_create_user exists).

create table public.staff_invitations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  role text not null check (role in ('owner', 'admin', 'agent')),
  -- sha256 of the link's token; the token itself is never stored.
  token_hash bytea not null unique check (octet_length(token_hash) = 32),
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  sent_at timestamptz not null default now(),
  send_count integer not null default 1,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  check (accepted_at is null or revoked_at is null)
);
-- One pending invitation per address and business.
create unique index staff_invitations_pending_idx on public.staff_invitations (tenant_id, email)
  where accepted_at is null and revoked_at is null;

-- Who changed the team, when, and what. actor_user_id null: an operator (CLI, service role).
create table public.team_audit_events (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  actor_user_id uuid references auth.users (id) on delete set null,
  action text not null check (action in ('invitation_created', 'invitation_resent',
    'invitation_revoked', 'invitation_accepted', 'role_changed', 'member_removed', 'member_seeded')),
  target_email text,
  target_user_id uuid,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index team_audit_events_tenant_idx on public.team_audit_events (tenant_id, created_at desc);

alter table public.staff_invitations enable row level security;
alter table public.team_audit_events enable row level security;
revoke all on table public.staff_invitations, public.team_audit_events from anon, authenticated;
grant select, insert, update, delete on table public.staff_invitations, public.team_audit_events
  to service_role;

create or replace function internal.record_team_event(p_tenant_id uuid, p_action text,
  p_target_email text, p_target_user_id uuid, p_details jsonb default '{}'::jsonb) returns void
language sql volatile set search_path = '' as $$
  insert into public.team_audit_events (tenant_id, actor_user_id, action, target_email, target_user_id, details)
  values (p_tenant_id, (select auth.uid()), p_action, p_target_email, p_target_user_id, p_details)
$$;
revoke all on function internal.record_team_event(uuid, text, text, uuid, jsonb) from public;

create or replace function internal.token_hash_bytes(p_token_hash text) returns bytea
language plpgsql immutable set search_path = '' as $$
begin
  if p_token_hash is null or p_token_hash !~ '^[0-9a-f]{64}$' then
    raise exception 'token hash must be 64 lowercase hex characters' using errcode = 'PT400';
  end if;
  return decode(p_token_hash, 'hex');
end $$;
revoke all on function internal.token_hash_bytes(text) from public;

create or replace function internal.check_staff_email_and_role(p_email text, p_role text) returns text
language plpgsql immutable set search_path = '' as $$
begin
  if p_role is null or p_role not in ('owner', 'admin', 'agent') then
    raise exception 'role must be owner, admin or agent' using errcode = 'PT400';
  end if;
  if p_email is null or length(p_email) > 320 or p_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'invalid email address' using errcode = 'PT400';
  end if;
  return lower(p_email);
end $$;
revoke all on function internal.check_staff_email_and_role(text, text) from public;

-- The role of the caller in a tenant, or PT403 when below admin. Only owners may hand out or
-- touch the owner role.
create or replace function internal.require_team_manager(p_tenant_id uuid, p_role_touched text)
returns text
language plpgsql stable set search_path = '' as $$
declare
  v_role text;
begin
  select m.role into v_role from public.tenant_members m
  where m.tenant_id = p_tenant_id and m.user_id = (select auth.uid());
  if v_role is null or v_role not in ('owner', 'admin') then
    raise exception 'only owners and admins manage the team' using errcode = 'PT403';
  end if;
  if p_role_touched = 'owner' and v_role <> 'owner' then
    raise exception 'only owners give or change the owner role' using errcode = 'PT403',
      hint = 'owner_only';
  end if;
  return v_role;
end $$;
revoke all on function internal.require_team_manager(uuid, text) from public;

-- Creates an invitation, or renews the pending one for that address (new token, new expiry).
create or replace function internal.create_invitation(p_tenant_id uuid, p_email text, p_role text,
  p_token_hash text, p_valid_days integer) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_email text := internal.check_staff_email_and_role(p_email, p_role);
  v_hash bytea := internal.token_hash_bytes(p_token_hash);
  v_row public.staff_invitations;
begin
  if p_valid_days is null or p_valid_days not between 1 and 30 then
    raise exception 'an invitation is valid 1 to 30 days' using errcode = 'PT400';
  end if;
  if exists (select 1 from public.tenant_members m join auth.users u on u.id = m.user_id
             where m.tenant_id = p_tenant_id and lower(u.email) = v_email) then
    raise exception 'that address is already a member' using errcode = 'PT409', hint = 'already_member';
  end if;
  insert into public.staff_invitations (tenant_id, email, role, token_hash, invited_by, expires_at)
  values (p_tenant_id, v_email, p_role, v_hash, (select auth.uid()), now() + make_interval(days => p_valid_days))
  on conflict (tenant_id, email) where accepted_at is null and revoked_at is null do update
    set role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by,
        expires_at = excluded.expires_at, sent_at = now(),
        send_count = public.staff_invitations.send_count + 1
  returning * into v_row;
  perform internal.record_team_event(p_tenant_id,
    case when v_row.send_count = 1 then 'invitation_created' else 'invitation_resent' end,
    v_email, null, jsonb_build_object('role', p_role, 'invitation_id', v_row.id));
  return jsonb_build_object('id', v_row.id, 'tenant_id', p_tenant_id, 'email', v_email,
    'role', v_row.role, 'expires_at', v_row.expires_at, 'send_count', v_row.send_count);
end $$;
revoke all on function internal.create_invitation(uuid, text, text, text, integer) from public;

create or replace function public.dashboard_invite_staff(p_tenant_id uuid, p_email text, p_role text,
  p_token_hash text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_team_manager(p_tenant_id, p_role);
  return internal.create_invitation(p_tenant_id, p_email, p_role, p_token_hash, 7);
end $$;
revoke all on function public.dashboard_invite_staff(uuid, text, text, text) from public, anon;
grant execute on function public.dashboard_invite_staff(uuid, text, text, text) to authenticated, service_role;
comment on function public.dashboard_invite_staff(uuid, text, text, text) is
  '@returns { id: string; tenant_id: string; email: string; role: ''owner'' | ''admin'' | ''agent''; expires_at: string; send_count: number }';

-- A new token and expiry for a pending invitation (the old link stops working).
create or replace function public.dashboard_resend_invitation(p_tenant_id uuid, p_invitation_id uuid,
  p_token_hash text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row public.staff_invitations;
begin
  select * into v_row from public.staff_invitations i
  where i.id = p_invitation_id and i.tenant_id = p_tenant_id and i.accepted_at is null and i.revoked_at is null;
  perform internal.require_team_manager(p_tenant_id, v_row.role);
  if v_row.id is null then
    raise exception 'no pending invitation %', p_invitation_id using errcode = 'PT404';
  end if;
  return internal.create_invitation(p_tenant_id, v_row.email, v_row.role, p_token_hash, 7);
end $$;
revoke all on function public.dashboard_resend_invitation(uuid, uuid, text) from public, anon;
grant execute on function public.dashboard_resend_invitation(uuid, uuid, text) to authenticated, service_role;
comment on function public.dashboard_resend_invitation(uuid, uuid, text) is
  '@returns { id: string; tenant_id: string; email: string; role: ''owner'' | ''admin'' | ''agent''; expires_at: string; send_count: number }';

create or replace function public.dashboard_revoke_invitation(p_tenant_id uuid, p_invitation_id uuid)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row public.staff_invitations;
begin
  select * into v_row from public.staff_invitations i
  where i.id = p_invitation_id and i.tenant_id = p_tenant_id and i.accepted_at is null and i.revoked_at is null
  for update;
  perform internal.require_team_manager(p_tenant_id, v_row.role);
  if v_row.id is null then
    raise exception 'no pending invitation %', p_invitation_id using errcode = 'PT404';
  end if;
  update public.staff_invitations set revoked_at = now(), revoked_by = (select auth.uid())
  where id = v_row.id;
  perform internal.record_team_event(p_tenant_id, 'invitation_revoked', v_row.email, null,
    jsonb_build_object('invitation_id', v_row.id));
  return jsonb_build_object('id', v_row.id, 'revoked', true);
end $$;
revoke all on function public.dashboard_revoke_invitation(uuid, uuid) from public, anon;
grant execute on function public.dashboard_revoke_invitation(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_revoke_invitation(uuid, uuid) is '@returns { id: string; revoked: boolean }';

-- Refuses when p_user_id is the tenant's only owner (locks the owners first, so two owners
-- removing each other at once cannot leave none).
create or replace function internal.refuse_last_owner(p_tenant_id uuid, p_user_id uuid) returns void
language plpgsql volatile set search_path = '' as $$
begin
  perform 1 from public.tenant_members m where m.tenant_id = p_tenant_id and m.role = 'owner' for update;
  if exists (select 1 from public.tenant_members m
             where m.tenant_id = p_tenant_id and m.user_id = p_user_id and m.role = 'owner')
     and (select count(*) from public.tenant_members m
          where m.tenant_id = p_tenant_id and m.role = 'owner') = 1 then
    raise exception 'a business keeps at least one owner' using errcode = 'PT409', hint = 'last_owner';
  end if;
end $$;
revoke all on function internal.refuse_last_owner(uuid, uuid) from public;

create or replace function public.dashboard_set_member_role(p_tenant_id uuid, p_user_id uuid, p_role text)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_old text;
  v_email text;
begin
  perform internal.check_staff_email_and_role('x@y.z', p_role);
  select m.role into v_old from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = p_user_id;
  -- Touching an owner, or making one, is for owners only.
  perform internal.require_team_manager(p_tenant_id,
    case when v_old = 'owner' or p_role = 'owner' then 'owner' else p_role end);
  if v_old is null then
    raise exception 'no member %', p_user_id using errcode = 'PT404';
  end if;
  if v_old = p_role then
    return jsonb_build_object('user_id', p_user_id, 'role', p_role, 'changed', false);
  end if;
  if v_old = 'owner' then
    perform internal.refuse_last_owner(p_tenant_id, p_user_id);
  end if;
  update public.tenant_members set role = p_role where tenant_id = p_tenant_id and user_id = p_user_id;
  select lower(u.email) into v_email from auth.users u where u.id = p_user_id;
  perform internal.record_team_event(p_tenant_id, 'role_changed', v_email, p_user_id,
    jsonb_build_object('from', v_old, 'to', p_role));
  return jsonb_build_object('user_id', p_user_id, 'role', p_role, 'changed', true);
end $$;
revoke all on function public.dashboard_set_member_role(uuid, uuid, text) from public, anon;
grant execute on function public.dashboard_set_member_role(uuid, uuid, text) to authenticated, service_role;
comment on function public.dashboard_set_member_role(uuid, uuid, text) is
  '@returns { user_id: string; role: ''owner'' | ''admin'' | ''agent''; changed: boolean }';

create or replace function public.dashboard_remove_member(p_tenant_id uuid, p_user_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_old text;
  v_email text;
begin
  select m.role into v_old from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = p_user_id;
  perform internal.require_team_manager(p_tenant_id, v_old);
  if v_old is null then
    raise exception 'no member %', p_user_id using errcode = 'PT404';
  end if;
  perform internal.refuse_last_owner(p_tenant_id, p_user_id);
  delete from public.tenant_members where tenant_id = p_tenant_id and user_id = p_user_id;
  select lower(u.email) into v_email from auth.users u where u.id = p_user_id;
  perform internal.record_team_event(p_tenant_id, 'member_removed', v_email, p_user_id,
    jsonb_build_object('role', v_old));
  return jsonb_build_object('user_id', p_user_id, 'removed', true);
end $$;
revoke all on function public.dashboard_remove_member(uuid, uuid) from public, anon;
grant execute on function public.dashboard_remove_member(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_remove_member(uuid, uuid) is '@returns { user_id: string; removed: boolean }';

-- The team page: members, pending invitations and the last 50 changes (admin+).
create or replace function public.dashboard_team(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return jsonb_build_object(
    'members', (
      select coalesce(jsonb_agg(jsonb_build_object('user_id', m.user_id, 'email', lower(u.email),
        'role', m.role, 'created_at', m.created_at, 'is_me', m.user_id = (select auth.uid()))
        order by m.role = 'agent', m.role = 'admin', lower(u.email)), '[]'::jsonb)
      from public.tenant_members m join auth.users u on u.id = m.user_id
      where m.tenant_id = p_tenant_id),
    'invitations', (
      select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'email', i.email, 'role', i.role,
        'sent_at', i.sent_at, 'expires_at', i.expires_at, 'expired', i.expires_at <= now(),
        'send_count', i.send_count) order by i.sent_at desc), '[]'::jsonb)
      from public.staff_invitations i
      where i.tenant_id = p_tenant_id and i.accepted_at is null and i.revoked_at is null),
    'events', (
      select coalesce(jsonb_agg(to_jsonb(e) order by e.created_at desc, e.id desc), '[]'::jsonb)
      from (
        select a.id, a.action, a.target_email, a.details, a.created_at, lower(u.email) as actor_email
        from public.team_audit_events a left join auth.users u on u.id = a.actor_user_id
        where a.tenant_id = p_tenant_id order by a.created_at desc, a.id desc limit 50
      ) e));
end $$;
revoke all on function public.dashboard_team(uuid) from public, anon;
grant execute on function public.dashboard_team(uuid) to authenticated, service_role;
comment on function public.dashboard_team(uuid) is
  '@returns { members: { user_id: string; email: string; role: ''owner'' | ''admin'' | ''agent''; created_at: string; is_me: boolean }[]; invitations: { id: string; email: string; role: ''owner'' | ''admin'' | ''agent''; sent_at: string; expires_at: string; expired: boolean; send_count: number }[]; events: { id: number; action: string; target_email: string | null; details: Record<string, unknown>; created_at: string; actor_email: string | null }[] }';

-- What an invitation link shows before it is accepted (any signed-in user holding the token).
create or replace function public.invitation_preview(p_token_hash text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_row public.staff_invitations;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to see an invitation' using errcode = 'PT401';
  end if;
  select * into v_row from public.staff_invitations i
  where i.token_hash = internal.token_hash_bytes(p_token_hash)
    and i.accepted_at is null and i.revoked_at is null and i.expires_at > now();
  if v_row.id is null then
    raise exception 'this invitation is not valid' using errcode = 'PT404', hint = 'invitation_invalid';
  end if;
  return jsonb_build_object('email', v_row.email, 'role', v_row.role, 'expires_at', v_row.expires_at,
    'tenant_name', (select t.name from public.tenants t where t.id = v_row.tenant_id));
end $$;
revoke all on function public.invitation_preview(text) from public, anon;
grant execute on function public.invitation_preview(text) to authenticated, service_role;
comment on function public.invitation_preview(text) is
  '@returns { email: string; role: ''owner'' | ''admin'' | ''agent''; expires_at: string; tenant_name: string }';

-- The invited person, signed in as the invited address with it confirmed, becomes a member.
-- Anyone else holding the link gets nothing (PT403; unknown, used, revoked or expired: PT404).
create or replace function public.accept_staff_invitation(p_token_hash text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
  v_row public.staff_invitations;
  v_email text;
  v_confirmed timestamptz;
  v_role text;
begin
  if v_uid is null then
    raise exception 'sign in to accept an invitation' using errcode = 'PT401';
  end if;
  select * into v_row from public.staff_invitations i
  where i.token_hash = internal.token_hash_bytes(p_token_hash)
    and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
  for update;
  if v_row.id is null then
    raise exception 'this invitation is not valid' using errcode = 'PT404', hint = 'invitation_invalid';
  end if;
  select lower(u.email), u.email_confirmed_at into v_email, v_confirmed from auth.users u where u.id = v_uid;
  if v_email is distinct from v_row.email then
    raise exception 'this invitation is for another address' using errcode = 'PT403', hint = 'invitation_other_email';
  end if;
  if v_confirmed is null then
    raise exception 'confirm your email address first' using errcode = 'PT403', hint = 'email_unconfirmed';
  end if;
  insert into public.tenant_members (tenant_id, user_id, role) values (v_row.tenant_id, v_uid, v_row.role)
  on conflict (tenant_id, user_id) do nothing;
  select m.role into v_role from public.tenant_members m where m.tenant_id = v_row.tenant_id and m.user_id = v_uid;
  update public.staff_invitations set accepted_at = now(), accepted_by = v_uid where id = v_row.id;
  perform internal.record_team_event(v_row.tenant_id, 'invitation_accepted', v_email, v_uid,
    jsonb_build_object('role', v_role, 'invitation_id', v_row.id));
  return jsonb_build_object('tenant_id', v_row.tenant_id, 'role', v_role,
    'tenant_slug', (select t.slug from public.tenants t where t.id = v_row.tenant_id));
end $$;
revoke all on function public.accept_staff_invitation(text) from public, anon;
grant execute on function public.accept_staff_invitation(text) to authenticated, service_role;
comment on function public.accept_staff_invitation(text) is
  '@returns { tenant_id: string; role: ''owner'' | ''admin'' | ''agent''; tenant_slug: string }';

-- The operator's invitation (CLI `staff add`): no inviter, same rules.
create or replace function public.admin_invite_staff_member(p_tenant_slug text, p_email text, p_role text,
  p_token_hash text, p_valid_days integer default 7) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  return internal.create_invitation(internal.tenant_id_by_slug(p_tenant_slug), p_email, p_role,
    p_token_hash, p_valid_days);
end $$;
revoke all on function public.admin_invite_staff_member(text, text, text, text, integer) from public, anon, authenticated;
grant execute on function public.admin_invite_staff_member(text, text, text, text, integer) to service_role;
comment on function public.admin_invite_staff_member(text, text, text, text, integer) is
  '@returns { id: string; tenant_id: string; email: string; role: ''owner'' | ''admin'' | ''agent''; expires_at: string; send_count: number }';

-- Seeding and tests only: a member made directly, with a local (confirmed) user. Refused on a
-- real Supabase project, where auth.local_create_user does not exist: there, `staff add` invites.
drop function public.admin_add_staff_member(text, text, text);
create or replace function public.admin_seed_staff_member(p_tenant_slug text, p_email text, p_role text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_email text := internal.check_staff_email_and_role(p_email, p_role);
  v_user_id uuid;
begin
  if to_regprocedure('auth.local_create_user(text)') is null then
    raise exception 'staff are seeded only on a local database; invite them with `staff add`'
      using errcode = 'PT403';
  end if;
  execute 'select auth.local_create_user($1)' into v_user_id using v_email;
  insert into public.tenant_members (tenant_id, user_id, role)
  values (v_tenant_id, v_user_id, p_role)
  on conflict (tenant_id, user_id) do update set role = excluded.role;
  perform internal.record_team_event(v_tenant_id, 'member_seeded', v_email, v_user_id,
    jsonb_build_object('role', p_role));
  return jsonb_build_object('tenant_id', v_tenant_id, 'user_id', v_user_id, 'email', v_email, 'role', p_role);
end $$;
revoke all on function public.admin_seed_staff_member(text, text, text) from public, anon, authenticated;
grant execute on function public.admin_seed_staff_member(text, text, text) to service_role;
comment on function public.admin_seed_staff_member(text, text, text) is
  '@returns { tenant_id: string; user_id: string; email: string; role: ''owner'' | ''admin'' | ''agent'' }';
