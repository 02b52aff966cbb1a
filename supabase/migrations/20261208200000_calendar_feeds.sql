-- Calendar feeds (issue 15, section 4): an ICS subscription per branch or per resource, on a
-- secret URL that an admin can revoke. Like staff invitations, the URL carries a random token
-- and the database keeps only its sha256, so a leaked table gives no working feed. The feed is
-- read by the public route under the service role with the token's hash only.

create table public.calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  branch_id uuid not null,
  resource_id uuid,
  token_hash bytea not null unique check (octet_length(token_hash) = 32),
  created_by uuid,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  foreign key (tenant_id, branch_id) references public.branches (tenant_id, id) on delete cascade,
  foreign key (tenant_id, resource_id) references public.resources (tenant_id, id) on delete cascade
);
create index calendar_feeds_tenant_idx on public.calendar_feeds (tenant_id) where revoked_at is null;

alter table public.calendar_feeds enable row level security;
revoke all on table public.calendar_feeds from anon, authenticated;
grant select, insert, update, delete on table public.calendar_feeds to service_role;

create or replace function internal.calendar_feed_json(p_feed_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', f.id, 'branch_id', f.branch_id, 'branch_name', b.name,
    'resource_id', f.resource_id, 'resource_name', r.name, 'timezone', b.timezone,
    'created_at', f.created_at, 'revoked_at', f.revoked_at)
  from public.calendar_feeds f
  join public.branches b on b.id = f.branch_id
  left join public.resources r on r.id = f.resource_id
  where f.id = p_feed_id
$$;
revoke all on function internal.calendar_feed_json(uuid) from public, anon, authenticated, service_role;

-- The live feeds of a tenant (never their tokens: those were shown once, when made).
create or replace function public.dashboard_calendar_feeds(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return coalesce((select jsonb_agg(internal.calendar_feed_json(f.id) order by f.created_at)
    from public.calendar_feeds f where f.tenant_id = p_tenant_id and f.revoked_at is null), '[]'::jsonb);
end $$;

-- p_fields: branch_id (required), resource_id (optional, at that branch).
create or replace function public.dashboard_create_calendar_feed(p_tenant_id uuid, p_fields jsonb,
  p_token_hash text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_branch_id uuid;
  v_resource_id uuid;
  v_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  perform internal.sched_check_keys(p_fields, array['branch_id', 'resource_id'], 'calendar feed');
  v_branch_id := internal.sched_uuid(p_fields, 'branch_id');
  v_resource_id := internal.sched_uuid(p_fields, 'resource_id');
  if not exists (select 1 from public.branches b where b.id = v_branch_id and b.tenant_id = p_tenant_id) then
    raise exception 'a calendar feed needs a branch_id of this business' using errcode = 'PT404';
  end if;
  if v_resource_id is not null and not exists (select 1 from public.resources r
      where r.id = v_resource_id and r.branch_id = v_branch_id) then
    raise exception 'no resource % at that branch', v_resource_id using errcode = 'PT404';
  end if;
  insert into public.calendar_feeds (tenant_id, branch_id, resource_id, token_hash, created_by)
  values (p_tenant_id, v_branch_id, v_resource_id, internal.token_hash_bytes(p_token_hash), (select auth.uid()))
  returning id into v_id;
  return internal.calendar_feed_json(v_id);
end $$;

create or replace function public.dashboard_revoke_calendar_feed(p_tenant_id uuid, p_feed_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  update public.calendar_feeds f set revoked_at = now()
  where f.id = p_feed_id and f.tenant_id = p_tenant_id and f.revoked_at is null
  returning f.id into v_id;
  return jsonb_build_object('id', p_feed_id, 'revoked', v_id is not null);
end $$;

-- The feed of a token (service role, for the public route): its name and zone and the
-- appointments of its branch or resource from 30 days ago to 180 days ahead, cancelled ones
-- left out. An unknown or revoked token is not found, the same answer for both.
create or replace function public.calendar_feed_events(p_token_hash text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_feed public.calendar_feeds;
begin
  select * into v_feed from public.calendar_feeds f
  where f.token_hash = internal.token_hash_bytes(p_token_hash) and f.revoked_at is null;
  if v_feed.id is null then
    raise exception 'no calendar feed for that token' using errcode = 'PT404';
  end if;
  return jsonb_build_object('feed', internal.calendar_feed_json(v_feed.id),
    'appointments', coalesce((
      select jsonb_agg(internal.sched_appointment_json(a.id) order by lower(a.period), a.id)
      from (
        select a.id, a.period from public.appointments a
        where a.tenant_id = v_feed.tenant_id and a.branch_id = v_feed.branch_id
          and (v_feed.resource_id is null or a.resource_id = v_feed.resource_id)
          and a.status <> 'cancelled'
          and upper(a.period) > now() - interval '30 days' and lower(a.period) < now() + interval '180 days'
        order by lower(a.period), a.id
        limit 2000
      ) a), '[]'::jsonb));
end $$;

do $$
declare
  v_feed text := '{ id: string; branch_id: string; branch_name: string; resource_id: string | null; resource_name: string | null; timezone: string; created_at: string; revoked_at: string | null }';
  v_appointment text := '{ id: string; lead_id: string; lead_name: string | null; branch_id: string; branch_name: string; branch_address: string | null; branch_maps_url: string | null; timezone: string; service_id: string; service_name: string; resource_id: string; resource_name: string; unit: number; starts_at: string; ends_at: string; local_start: string; weekday: string; party_size: number; status: ''requested'' | ''confirmed'' | ''cancelled'' | ''completed'' | ''no_show''; source: ''ai'' | ''staff'' | ''api''; notes: string | null; created_at: string; updated_at: string }';
begin
  execute format('comment on function public.dashboard_calendar_feeds(uuid) is %L', format('@returns %s[]', v_feed));
  execute format('comment on function public.dashboard_create_calendar_feed(uuid, jsonb, text) is %L',
    format('@returns %s', v_feed));
  execute format('comment on function public.dashboard_revoke_calendar_feed(uuid, uuid) is %L',
    '@returns { id: string; revoked: boolean }');
  execute format('comment on function public.calendar_feed_events(text) is %L',
    format('@returns { feed: %s; appointments: %s[] }', v_feed, v_appointment));
end $$;

revoke all on function public.dashboard_calendar_feeds(uuid) from public, anon;
revoke all on function public.dashboard_create_calendar_feed(uuid, jsonb, text) from public, anon;
revoke all on function public.dashboard_revoke_calendar_feed(uuid, uuid) from public, anon;
grant execute on function public.dashboard_calendar_feeds(uuid) to authenticated, service_role;
grant execute on function public.dashboard_create_calendar_feed(uuid, jsonb, text) to authenticated, service_role;
grant execute on function public.dashboard_revoke_calendar_feed(uuid, uuid) to authenticated, service_role;
revoke all on function public.calendar_feed_events(text) from public, anon, authenticated;
grant execute on function public.calendar_feed_events(text) to service_role;
