-- Appointments (issue 15): slot search, booking, rescheduling, status changes, lists. One core
-- per operation (internal.sched_*), wrapped three ways:
--   dashboard_*            staff through the Data API; membership checked, source 'staff';
--   appointment_*_for_lead the AI tools, the offline responder and button replies (service role):
--                          they act only on the lead they are given; another lead's appointment
--                          answers exactly as one that does not exist ({ outcome: 'not_found' });
--   admin_*                the CLI (service role, tenant slug and names), source 'api'.
-- Expected outcomes (taken, not_found, not_live, …) are jsonb answers, never exceptions; bad
-- input is PT400, a missing service/branch/resource PT404, a non-member PT403.
--
-- Time: weekly hours are the branch's local wall clock. Each day's windows become instants with
-- `(day + time) at time zone branch.timezone`, so a day with a daylight-saving change has the
-- right length (Tijuana's 8 March 2026 runs 23 hours, 1 November 25). Candidate starts are then
-- stepped in absolute time inside those instants: no slot is duplicated or lost at the jump.

-- Free starts of a service: weekly hours of the branch ∩ the resource's − closures − time off −
-- live appointments (their blocked range includes the buffer) − the past. One row per start and
-- resource with the lowest free unit. p_at: only that exact start (the booking's re-check).
-- p_ignore_booked: as if no appointment existed (tells "taken" from "outside the hours").
create or replace function internal.sched_free_slots(
  p_tenant_id uuid, p_service_id uuid, p_branch_id uuid, p_resource_ids uuid[], p_from date,
  p_days integer, p_party_size integer, p_weekdays text[], p_windows jsonb, p_step_minutes integer,
  p_now timestamptz, p_at timestamptz, p_exclude_appointment_id uuid, p_ignore_booked boolean)
returns table (starts_at timestamptz, ends_at timestamptz, branch_id uuid, resource_id uuid, unit integer)
language sql stable set search_path = '' as $$
  with svc as (
    select s.id, make_interval(mins => s.duration_minutes) as dur,
      make_interval(mins => s.duration_minutes + s.buffer_minutes) as span
    from public.services s
    where s.id = p_service_id and s.tenant_id = p_tenant_id and s.active
  ),
  res as (
    select r.id, r.branch_id, r.capacity, b.timezone, b.weekly_hours as branch_hours,
      coalesce(r.weekly_hours, b.weekly_hours) as own_hours,
      coalesce(p_from, (p_now at time zone b.timezone)::date) as first_day
    from public.resources r
    join public.branches b on b.id = r.branch_id
    join public.service_branches sb on sb.branch_id = b.id and sb.service_id = p_service_id
    join public.resource_services rs on rs.resource_id = r.id and rs.service_id = p_service_id
    where r.tenant_id = p_tenant_id and r.active
      and (p_branch_id is null or r.branch_id = p_branch_id)
      and (p_resource_ids is null or r.id = any(p_resource_ids))
      and (r.seats is null or r.seats >= coalesce(p_party_size, 1))
  ),
  days as (
    select res.*, res.first_day + i as day
    from res cross join generate_series(0, greatest(p_days, 1) - 1) i
  ),
  open as materialized (
    select d.id, d.branch_id, d.capacity, d.timezone, d.day,
      (select pg_catalog.range_agg(tstzrange((d.day + (w ->> 0)::time) at time zone d.timezone,
                                             (d.day + (w ->> 1)::time) at time zone d.timezone))
       from jsonb_array_elements(d.branch_hours -> internal.sched_day_key(d.day)) w)
      * (select pg_catalog.range_agg(tstzrange((d.day + (w ->> 0)::time) at time zone d.timezone,
                                               (d.day + (w ->> 1)::time) at time zone d.timezone))
         from jsonb_array_elements(d.own_hours -> internal.sched_day_key(d.day)) w) as hours
    from days d
  ),
  free as materialized (
    select o.id, o.branch_id, o.capacity, o.timezone,
      o.hours - coalesce((
        select pg_catalog.range_agg(c.period) from public.closures c
        where c.branch_id = o.branch_id and (c.resource_id is null or c.resource_id = o.id)
          and c.period && tstzrange(lower(o.hours), upper(o.hours))), '{}'::tstzmultirange) as ranges
    from open o
    where o.hours is not null and not isempty(o.hours)
  ),
  -- The instants a visit may start at: within the free ranges with room for its duration. For a
  -- single-unit resource, minus every start whose blocked range would meet a live appointment's
  -- (s in (lower - span, upper)): one range subtraction instead of a lookup per start.
  starts as materialized (
    select f.id, f.branch_id, f.capacity, f.timezone,
      coalesce((select pg_catalog.range_agg(tstzrange(lower(fr), upper(fr) - svc.dur, '[]'))
                from unnest(f.ranges) fr where upper(fr) - svc.dur >= lower(fr)), '{}'::tstzmultirange)
      - case when f.capacity > 1 or p_ignore_booked then '{}'::tstzmultirange else coalesce((
          select pg_catalog.range_agg(tstzrange(lower(a.blocked) - svc.span, upper(a.blocked), '()'))
          from public.appointments a
          where a.resource_id = f.id and a.status in ('requested', 'confirmed')
            and a.blocked && tstzrange(lower(f.ranges) - svc.span, upper(f.ranges) + svc.span)
            and a.id is distinct from p_exclude_appointment_id), '{}'::tstzmultirange) end as allowed
    from free f cross join svc
  ),
  candidates as (
    select s.id, s.branch_id, s.capacity, s.timezone, g.start
    from starts s
    cross join lateral unnest(s.allowed) sr
    cross join lateral (
      select x as start
      from generate_series(
        to_timestamp(ceil(extract(epoch from greatest(lower(sr), p_now)) / (p_step_minutes * 60))
                     * (p_step_minutes * 60)),
        upper(sr), make_interval(mins => p_step_minutes)) x
      where p_at is null and x <@ sr
      union all
      select p_at where p_at is not null and p_at >= p_now and p_at <@ sr
    ) g
    where (p_weekdays is null
           or internal.sched_day_key((g.start at time zone s.timezone)::date) = any(p_weekdays))
      and (p_windows is null or exists (
        select 1 from jsonb_array_elements(p_windows) w
        where (g.start at time zone s.timezone)::time >= (w ->> 0)::time
          and ((w ->> 1) = '24:00' or (g.start at time zone s.timezone)::time < (w ->> 1)::time)))
  )
  select x.start, x.start + x.dur, x.branch_id, x.id, x.unit
  from (
    select c.start, svc.dur, c.branch_id, c.id,
      -- Capacity N: the lowest unit free over the whole blocked range (CASE runs it only then).
      case when c.capacity = 1 then 1 else (
        select n from generate_series(1, c.capacity) n
        where p_ignore_booked or not exists (
          select 1 from public.appointments a
          where a.resource_id = c.id and a.unit = n and a.status in ('requested', 'confirmed')
            and a.blocked && tstzrange(c.start, c.start + svc.span)
            and a.id is distinct from p_exclude_appointment_id)
        order by n limit 1) end as unit
    from candidates c cross join svc
  ) x
  where x.unit is not null
$$;
revoke all on function internal.sched_free_slots(uuid, uuid, uuid, uuid[], date, integer, integer, text[],
  jsonb, integer, timestamptz, timestamptz, uuid, boolean) from public, anon, authenticated, service_role;

-- One appointment as every caller sees it, with the branch's local date and time.
create or replace function internal.sched_appointment_json(p_appointment_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', a.id, 'lead_id', a.lead_id, 'lead_name', l.name,
    'branch_id', a.branch_id, 'branch_name', b.name, 'branch_address', b.address,
    'branch_maps_url', b.maps_url, 'timezone', b.timezone,
    'service_id', a.service_id, 'service_name', s.name,
    'resource_id', a.resource_id, 'resource_name', r.name, 'unit', a.unit,
    'starts_at', lower(a.period), 'ends_at', upper(a.period),
    'local_start', to_char(lower(a.period) at time zone b.timezone, 'YYYY-MM-DD"T"HH24:MI'),
    'weekday', internal.sched_day_key((lower(a.period) at time zone b.timezone)::date),
    'party_size', a.party_size, 'status', a.status, 'source', a.source, 'notes', a.notes,
    'created_at', a.created_at, 'updated_at', a.updated_at)
  from public.appointments a
  join public.branches b on b.id = a.branch_id
  join public.services s on s.id = a.service_id
  join public.resources r on r.id = a.resource_id
  join public.leads l on l.id = a.lead_id
  where a.id = p_appointment_id
$$;
revoke all on function internal.sched_appointment_json(uuid) from public, anon, authenticated, service_role;

-- Slot search from a query object (the same keys for every caller):
--   service_id (required), branch_id, resource_id, from (local date; default today),
--   days (1..31, default 7), party_size (1..100), weekdays (["mon", …]), times ([["09:00",
--   "12:00"], …] local), step_minutes (5..240, default 15), limit (1..100, default 20),
--   per_resource (false: one row per start), exclude_appointment_id (a reschedule's own).
create or replace function internal.sched_slots(p_tenant_id uuid, p_query jsonb, p_now timestamptz)
returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_service public.services;
  v_resource_id uuid;
  v_weekdays text[];
  v_windows jsonb;
  v_limit integer;
  v_per_resource boolean;
begin
  perform internal.sched_check_keys(p_query, array['service_id', 'branch_id', 'resource_id', 'from',
    'days', 'party_size', 'weekdays', 'times', 'step_minutes', 'limit', 'per_resource',
    'exclude_appointment_id'], 'slot query');
  select * into v_service from public.services s
  where s.id = internal.sched_uuid(p_query, 'service_id') and s.tenant_id = p_tenant_id and s.active;
  if v_service.id is null then
    raise exception 'no active service with that service_id' using errcode = 'PT404';
  end if;
  v_resource_id := internal.sched_uuid(p_query, 'resource_id');
  if p_query -> 'weekdays' is not null then
    if jsonb_typeof(p_query -> 'weekdays') <> 'array' or jsonb_array_length(p_query -> 'weekdays') > 7
       or exists (select 1 from jsonb_array_elements(p_query -> 'weekdays') e
                  where coalesce(e #>> '{}', '') not in ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')
                     or jsonb_typeof(e) <> 'string') then
      perform internal.sched_refuse('weekdays must be a list of mon, tue, wed, thu, fri, sat, sun');
    end if;
    v_weekdays := array(select e #>> '{}' from jsonb_array_elements(p_query -> 'weekdays') e);
  end if;
  if p_query -> 'times' is not null then
    v_windows := internal.sched_check_windows(p_query -> 'times', 'times');
  end if;
  v_limit := coalesce(internal.sched_integer(p_query, 'limit', 1, 100), 20);
  v_per_resource := coalesce(internal.sched_boolean(p_query, 'per_resource'), false);
  return jsonb_build_object(
    'service', jsonb_build_object('id', v_service.id, 'name', v_service.name,
      'duration_minutes', v_service.duration_minutes, 'buffer_minutes', v_service.buffer_minutes),
    'slots', coalesce((
      select jsonb_agg(jsonb_build_object('starts_at', x.starts_at, 'ends_at', x.ends_at,
          'local_start', to_char(x.starts_at at time zone x.timezone, 'YYYY-MM-DD"T"HH24:MI'),
          'weekday', internal.sched_day_key((x.starts_at at time zone x.timezone)::date),
          'branch_id', x.branch_id, 'branch_name', x.branch_name, 'timezone', x.timezone,
          'resource_id', x.resource_id, 'resource_name', x.resource_name) order by x.starts_at, x.resource_name)
      from (
        select d.* from (
          select distinct on (case when v_per_resource then fs.resource_id end, fs.starts_at)
            fs.starts_at, fs.ends_at, fs.branch_id, fs.resource_id, r.name as resource_name,
            b.name as branch_name, b.timezone
          from internal.sched_free_slots(p_tenant_id, v_service.id, internal.sched_uuid(p_query, 'branch_id'),
            case when v_resource_id is null then null else array[v_resource_id] end,
            internal.sched_date(p_query, 'from'), coalesce(internal.sched_integer(p_query, 'days', 1, 31), 7),
            coalesce(internal.sched_integer(p_query, 'party_size', 1, 100), 1), v_weekdays, v_windows,
            coalesce(internal.sched_integer(p_query, 'step_minutes', 5, 240), 15), p_now, null,
            internal.sched_uuid(p_query, 'exclude_appointment_id'), false) fs
          join public.resources r on r.id = fs.resource_id
          join public.branches b on b.id = fs.branch_id
          order by case when v_per_resource then fs.resource_id end, fs.starts_at, r.name, r.id
        ) d
        order by d.starts_at, d.resource_name
        limit v_limit
      ) x), '[]'::jsonb));
end $$;
revoke all on function internal.sched_slots(uuid, jsonb, timestamptz) from public, anon, authenticated, service_role;

-- The nearest free slots from the day of p_after (branch's zone), for a "taken" answer.
create or replace function internal.sched_next_slots(p_tenant_id uuid, p_service_id uuid, p_branch_id uuid,
  p_resource_id uuid, p_party_size integer, p_after timestamptz, p_now timestamptz, p_exclude uuid)
returns jsonb
language sql stable set search_path = '' as $$
  select internal.sched_slots(p_tenant_id, jsonb_strip_nulls(jsonb_build_object(
      'service_id', p_service_id, 'branch_id', p_branch_id, 'resource_id', p_resource_id,
      'from', to_char(greatest(p_after, p_now) at time zone b.timezone, 'YYYY-MM-DD'),
      'days', 14, 'party_size', p_party_size, 'limit', 5, 'exclude_appointment_id', p_exclude)),
    p_now) -> 'slots'
  from public.branches b where b.id = p_branch_id
$$;
revoke all on function internal.sched_next_slots(uuid, uuid, uuid, uuid, integer, timestamptz, timestamptz, uuid)
  from public, anon, authenticated, service_role;

-- The start a booking or move asks for: starts_at (with offset) or local_start (branch's zone).
create or replace function internal.sched_requested_start(p_json jsonb, p_timezone text) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  v_start timestamptz := coalesce(internal.sched_instant(p_json, 'starts_at'),
    internal.sched_local_time(p_json, 'local_start') at time zone p_timezone);
begin
  if v_start is null then
    perform internal.sched_refuse('give starts_at (with offset) or local_start');
  end if;
  return v_start;
end $$;
revoke all on function internal.sched_requested_start(jsonb, text) from public, anon, authenticated, service_role;

-- The resources that could hold a service at a branch (one named, or all), locked in id order:
-- concurrent bookings and moves of the same resources queue here, so each re-check below sees
-- the others' committed rows and losers answer "taken" (the exclusion constraint backs it up).
create or replace function internal.sched_lock_resources(p_tenant_id uuid, p_service_id uuid,
  p_branch_id uuid, p_resource_id uuid) returns uuid[]
language plpgsql volatile set search_path = '' as $$
declare
  v_ids uuid[];
begin
  v_ids := array(
    select r.id from public.resources r
    join public.resource_services rs on rs.resource_id = r.id and rs.service_id = p_service_id
    where r.tenant_id = p_tenant_id and r.branch_id = p_branch_id and r.active
      and (p_resource_id is null or r.id = p_resource_id)
    order by r.id);
  if cardinality(v_ids) = 0 then
    raise exception 'no resource does that service at that branch' using errcode = 'PT404';
  end if;
  perform 1 from public.resources r where r.id = any(v_ids) order by r.id for no key update;
  return v_ids;
end $$;
revoke all on function internal.sched_lock_resources(uuid, uuid, uuid, uuid) from public, anon, authenticated, service_role;

-- Books p_booking (service_id, branch_id, resource_id, starts_at | local_start, party_size,
-- notes) for a lead. Answers booked, or taken / unavailable with the next free slots.
create or replace function internal.sched_book(p_tenant_id uuid, p_lead_id uuid, p_booking jsonb,
  p_status text, p_source text, p_now timestamptz) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_service public.services;
  v_branch public.branches;
  v_branch_id uuid;
  v_resource_id uuid;
  v_start timestamptz;
  v_party integer;
  v_notes text;
  v_candidates uuid[];
  v_slot record;
  v_id uuid;
begin
  perform internal.sched_check_keys(p_booking, array['service_id', 'branch_id', 'resource_id',
    'starts_at', 'local_start', 'party_size', 'notes'], 'booking');
  if not exists (select 1 from public.leads l where l.id = p_lead_id and l.tenant_id = p_tenant_id) then
    raise exception 'no lead % in this business', p_lead_id using errcode = 'PT404';
  end if;
  select * into v_service from public.services s
  where s.id = internal.sched_uuid(p_booking, 'service_id') and s.tenant_id = p_tenant_id and s.active;
  if v_service.id is null then
    raise exception 'no active service with that service_id' using errcode = 'PT404';
  end if;
  v_resource_id := internal.sched_uuid(p_booking, 'resource_id');
  v_party := coalesce(internal.sched_integer(p_booking, 'party_size', 1, 100), 1);
  v_notes := internal.sched_text(p_booking, 'notes', 1000);
  v_branch_id := coalesce(internal.sched_uuid(p_booking, 'branch_id'),
    (select r.branch_id from public.resources r where r.id = v_resource_id and r.tenant_id = p_tenant_id));
  if v_branch_id is null then
    if (select count(*) from public.service_branches sb where sb.service_id = v_service.id) <> 1 then
      perform internal.sched_refuse('name the branch_id: this service is offered at several branches (or none)');
    end if;
    select sb.branch_id into v_branch_id from public.service_branches sb where sb.service_id = v_service.id;
  end if;
  select b.* into v_branch from public.branches b
  join public.service_branches sb on sb.branch_id = b.id and sb.service_id = v_service.id
  where b.id = v_branch_id and b.tenant_id = p_tenant_id;
  if v_branch.id is null then
    raise exception 'that service is not offered at that branch' using errcode = 'PT404';
  end if;
  v_start := internal.sched_requested_start(p_booking, v_branch.timezone);
  v_candidates := internal.sched_lock_resources(p_tenant_id, v_service.id, v_branch.id, v_resource_id);
  select fs.* into v_slot
  from internal.sched_free_slots(p_tenant_id, v_service.id, v_branch.id, v_candidates,
    (v_start at time zone v_branch.timezone)::date, 1, v_party, null, null, 15, p_now, v_start, null, false) fs
  join public.resources r on r.id = fs.resource_id
  order by r.name, r.id limit 1;
  if v_slot.resource_id is not null then
    begin
      insert into public.appointments (tenant_id, lead_id, branch_id, service_id, resource_id, unit,
        period, blocked, party_size, status, source, notes, created_by)
      values (p_tenant_id, p_lead_id, v_branch.id, v_service.id, v_slot.resource_id, v_slot.unit,
        tstzrange(v_start, v_slot.ends_at),
        tstzrange(v_start, v_slot.ends_at + make_interval(mins => v_service.buffer_minutes)),
        v_party, p_status, p_source, v_notes, (select auth.uid()))
      returning id into v_id;
    exception when exclusion_violation then
      v_id := null;
    end;
  end if;
  if v_id is null then
    return jsonb_build_object(
      'outcome', case when exists (select 1 from internal.sched_free_slots(p_tenant_id, v_service.id,
          v_branch.id, v_candidates, (v_start at time zone v_branch.timezone)::date, 1, v_party, null, null,
          15, p_now, v_start, null, true)) then 'taken' else 'unavailable' end,
      'requested_start', v_start,
      'next_slots', internal.sched_next_slots(p_tenant_id, v_service.id, v_branch.id, v_resource_id, v_party,
        v_start, p_now, null));
  end if;
  insert into public.appointment_events (tenant_id, appointment_id, action, source, actor_user_id, to_status, to_period)
  values (p_tenant_id, v_id, 'created', p_source, (select auth.uid()), p_status, tstzrange(v_start, v_slot.ends_at));
  return jsonb_build_object('outcome', 'booked', 'appointment', internal.sched_appointment_json(v_id));
end $$;
revoke all on function internal.sched_book(uuid, uuid, jsonb, text, text, timestamptz) from public, anon, authenticated, service_role;

-- Moves a live appointment (p_lead_id null: any lead of the tenant) to p_change's start, on the
-- resource named or, without one, its own resource when free, else another that does the service.
create or replace function internal.sched_reschedule(p_tenant_id uuid, p_lead_id uuid, p_appointment_id uuid,
  p_change jsonb, p_source text, p_now timestamptz) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_appt public.appointments;
  v_service public.services;
  v_timezone text;
  v_start timestamptz;
  v_candidates uuid[];
  v_slot record;
  v_moved boolean := false;
begin
  perform internal.sched_check_keys(p_change, array['starts_at', 'local_start', 'resource_id'], 'change');
  select * into v_appt from public.appointments a
  where a.id = p_appointment_id and a.tenant_id = p_tenant_id
    and (p_lead_id is null or a.lead_id = p_lead_id)
  for update;
  if v_appt.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_appt.status not in ('requested', 'confirmed') then
    return jsonb_build_object('outcome', 'not_live', 'appointment', internal.sched_appointment_json(v_appt.id));
  end if;
  select * into v_service from public.services s where s.id = v_appt.service_id;
  select b.timezone into v_timezone from public.branches b where b.id = v_appt.branch_id;
  v_start := internal.sched_requested_start(p_change, v_timezone);
  v_candidates := internal.sched_lock_resources(p_tenant_id, v_service.id, v_appt.branch_id,
    internal.sched_uuid(p_change, 'resource_id'));
  select fs.* into v_slot
  from internal.sched_free_slots(p_tenant_id, v_service.id, v_appt.branch_id, v_candidates,
    (v_start at time zone v_timezone)::date, 1, v_appt.party_size, null, null, 15, p_now, v_start,
    v_appt.id, false) fs
  join public.resources r on r.id = fs.resource_id
  order by (fs.resource_id = v_appt.resource_id) desc, r.name, r.id limit 1;
  if v_slot.resource_id is not null then
    begin
      update public.appointments a set resource_id = v_slot.resource_id, unit = v_slot.unit,
        period = tstzrange(v_start, v_slot.ends_at),
        blocked = tstzrange(v_start, v_slot.ends_at + make_interval(mins => v_service.buffer_minutes))
      where a.id = v_appt.id;
      v_moved := true;
    exception when exclusion_violation then
      v_moved := false;
    end;
  end if;
  if not v_moved then
    return jsonb_build_object(
      'outcome', case when exists (select 1 from internal.sched_free_slots(p_tenant_id, v_service.id,
          v_appt.branch_id, v_candidates, (v_start at time zone v_timezone)::date, 1, v_appt.party_size,
          null, null, 15, p_now, v_start, v_appt.id, true)) then 'taken' else 'unavailable' end,
      'requested_start', v_start,
      'next_slots', internal.sched_next_slots(p_tenant_id, v_service.id, v_appt.branch_id,
        internal.sched_uuid(p_change, 'resource_id'), v_appt.party_size, v_start, p_now, v_appt.id));
  end if;
  insert into public.appointment_events (tenant_id, appointment_id, action, source, actor_user_id,
    from_status, to_status, from_period, to_period)
  values (p_tenant_id, v_appt.id, 'rescheduled', p_source, (select auth.uid()), v_appt.status, v_appt.status,
    v_appt.period, tstzrange(v_start, v_slot.ends_at));
  return jsonb_build_object('outcome', 'rescheduled', 'appointment', internal.sched_appointment_json(v_appt.id));
end $$;
revoke all on function internal.sched_reschedule(uuid, uuid, uuid, jsonb, text, timestamptz) from public, anon, authenticated, service_role;

-- Confirm, cancel, mark completed or no-show. The same status again answers 'unchanged' (a
-- button pressed twice); cancelled is final; completed and no_show may be corrected.
create or replace function internal.sched_set_status(p_tenant_id uuid, p_lead_id uuid, p_appointment_id uuid,
  p_status text, p_source text, p_note text) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_appt public.appointments;
begin
  if p_status is null or p_status not in ('confirmed', 'cancelled', 'completed', 'no_show') then
    perform internal.sched_refuse('status must be confirmed, cancelled, completed or no_show');
  end if;
  if p_note is not null and char_length(p_note) > 500 then
    perform internal.sched_refuse('a note is at most 500 characters');
  end if;
  select * into v_appt from public.appointments a
  where a.id = p_appointment_id and a.tenant_id = p_tenant_id
    and (p_lead_id is null or a.lead_id = p_lead_id)
  for update;
  if v_appt.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_appt.status = p_status then
    return jsonb_build_object('outcome', 'unchanged', 'appointment', internal.sched_appointment_json(v_appt.id));
  end if;
  if not (v_appt.status = 'requested'
          or (v_appt.status = 'confirmed' and p_status <> 'confirmed')
          or (v_appt.status in ('completed', 'no_show') and p_status in ('completed', 'no_show'))) then
    return jsonb_build_object('outcome', 'not_allowed', 'appointment', internal.sched_appointment_json(v_appt.id));
  end if;
  update public.appointments a set status = p_status where a.id = v_appt.id;
  insert into public.appointment_events (tenant_id, appointment_id, action, source, actor_user_id,
    from_status, to_status, note)
  values (p_tenant_id, v_appt.id, p_status, p_source, (select auth.uid()), v_appt.status, p_status,
    nullif(btrim(p_note), ''));
  return jsonb_build_object('outcome', 'updated', 'appointment', internal.sched_appointment_json(v_appt.id));
end $$;
revoke all on function internal.sched_set_status(uuid, uuid, uuid, text, text, text) from public, anon, authenticated, service_role;

-- Appointments by start: from / to (instants; default from now), branch_id, resource_id,
-- lead_id, statuses, limit (1..500, default 200).
create or replace function internal.sched_list(p_tenant_id uuid, p_query jsonb, p_now timestamptz)
returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_statuses text[];
  v_from timestamptz;
  v_to timestamptz;
begin
  perform internal.sched_check_keys(p_query, array['from', 'to', 'branch_id', 'resource_id', 'lead_id',
    'statuses', 'limit'], 'appointment query');
  if p_query -> 'statuses' is not null then
    if jsonb_typeof(p_query -> 'statuses') <> 'array' or jsonb_array_length(p_query -> 'statuses') > 5
       or exists (select 1 from jsonb_array_elements(p_query -> 'statuses') e
                  where jsonb_typeof(e) <> 'string'
                     or e #>> '{}' not in ('requested', 'confirmed', 'cancelled', 'completed', 'no_show')) then
      perform internal.sched_refuse('statuses must be a list of requested, confirmed, cancelled, completed, no_show');
    end if;
    v_statuses := array(select e #>> '{}' from jsonb_array_elements(p_query -> 'statuses') e);
  end if;
  v_from := coalesce(internal.sched_instant(p_query, 'from'), p_now);
  v_to := internal.sched_instant(p_query, 'to');
  return coalesce((
    select jsonb_agg(internal.sched_appointment_json(x.id) order by x.starts_at, x.id)
    from (
      select a.id, lower(a.period) as starts_at from public.appointments a
      where a.tenant_id = p_tenant_id
        and lower(a.period) >= v_from - interval '1 day' and upper(a.period) > v_from
        and (v_to is null or lower(a.period) < v_to)
        and (p_query -> 'branch_id' is null or a.branch_id = internal.sched_uuid(p_query, 'branch_id'))
        and (p_query -> 'resource_id' is null or a.resource_id = internal.sched_uuid(p_query, 'resource_id'))
        and (p_query -> 'lead_id' is null or a.lead_id = internal.sched_uuid(p_query, 'lead_id'))
        and (v_statuses is null or a.status = any(v_statuses))
      order by lower(a.period), a.id
      limit coalesce(internal.sched_integer(p_query, 'limit', 1, 500), 200)
    ) x), '[]'::jsonb);
end $$;
revoke all on function internal.sched_list(uuid, jsonb, timestamptz) from public, anon, authenticated, service_role;

-- Staff (dashboard, Data API), as the signed-in member: source 'staff'.
create or replace function public.dashboard_appointment_slots(p_tenant_id uuid, p_query jsonb) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return internal.sched_slots(p_tenant_id, p_query, now());
end $$;

create or replace function public.dashboard_appointments(p_tenant_id uuid, p_query jsonb) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return internal.sched_list(p_tenant_id, p_query, now());
end $$;

-- p_booking: the booking's keys plus lead_id (required) and status (requested | confirmed,
-- default confirmed).
create or replace function public.dashboard_book_appointment(p_tenant_id uuid, p_booking jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_status text;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  perform internal.sched_check_keys(p_booking, array['lead_id', 'status', 'service_id', 'branch_id',
    'resource_id', 'starts_at', 'local_start', 'party_size', 'notes'], 'booking');
  v_status := coalesce(internal.sched_text(p_booking, 'status', 20), 'confirmed');
  if v_status not in ('requested', 'confirmed') then
    perform internal.sched_refuse('a new appointment is requested or confirmed');
  end if;
  return internal.sched_book(p_tenant_id, internal.sched_uuid(p_booking, 'lead_id'),
    p_booking - 'lead_id' - 'status', v_status, 'staff', now());
end $$;

create or replace function public.dashboard_reschedule_appointment(p_tenant_id uuid, p_appointment_id uuid,
  p_change jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return internal.sched_reschedule(p_tenant_id, null, p_appointment_id, p_change, 'staff', now());
end $$;

create or replace function public.dashboard_set_appointment_status(p_tenant_id uuid, p_appointment_id uuid,
  p_status text, p_note text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return internal.sched_set_status(p_tenant_id, null, p_appointment_id, p_status, 'staff', p_note);
end $$;

-- The conversation's own lead (AI tools, offline responder, button replies; service role):
-- source 'ai', new appointments 'requested'. Another lead's appointment is 'not_found'.
create or replace function public.appointment_slots(p_tenant_id uuid, p_query jsonb) returns jsonb
language sql stable security definer set search_path = '' as $$
  select internal.sched_slots(p_tenant_id, p_query, now())
$$;

create or replace function public.appointment_book_for_lead(p_tenant_id uuid, p_lead_id uuid, p_booking jsonb)
returns jsonb
language sql volatile security definer set search_path = '' as $$
  select internal.sched_book(p_tenant_id, p_lead_id, p_booking, 'requested', 'ai', now())
$$;

create or replace function public.appointment_reschedule_for_lead(p_tenant_id uuid, p_lead_id uuid,
  p_appointment_id uuid, p_change jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_lead_id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  return internal.sched_reschedule(p_tenant_id, p_lead_id, p_appointment_id, p_change, 'ai', now());
end $$;

create or replace function public.appointment_cancel_for_lead(p_tenant_id uuid, p_lead_id uuid,
  p_appointment_id uuid, p_reason text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_lead_id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  return internal.sched_set_status(p_tenant_id, p_lead_id, p_appointment_id, 'cancelled', 'ai', p_reason);
end $$;

create or replace function public.appointment_confirm_for_lead(p_tenant_id uuid, p_lead_id uuid,
  p_appointment_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_lead_id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  return internal.sched_set_status(p_tenant_id, p_lead_id, p_appointment_id, 'confirmed', 'ai', null);
end $$;

-- The lead's appointments from 30 days ago on, any status.
create or replace function public.appointment_list_for_lead(p_tenant_id uuid, p_lead_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case when p_lead_id is null then '[]'::jsonb else internal.sched_list(p_tenant_id,
    jsonb_build_object('lead_id', p_lead_id), now() - interval '30 days') end
$$;

-- Operator (CLI): tenant slug, names instead of ids, source 'api'.
-- A query or booking's service / branch / resource names as ids.
create or replace function internal.sched_names_to_ids(p_tenant_id uuid, p_json jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_json jsonb := p_json;
  v_branch_id uuid;
  v_resource_id uuid;
begin
  if jsonb_typeof(p_json) <> 'object' then
    perform internal.sched_refuse('expected a json object');
  end if;
  if p_json ? 'service' then
    v_json := (v_json - 'service') || jsonb_build_object('service_id',
      internal.sched_ids_by_name(p_tenant_id, 'service', jsonb_build_array(p_json -> 'service')) -> 0);
  end if;
  if p_json ? 'branch' then
    v_branch_id := (internal.sched_ids_by_name(p_tenant_id, 'branch', jsonb_build_array(p_json -> 'branch')) ->> 0)::uuid;
    v_json := (v_json - 'branch') || jsonb_build_object('branch_id', v_branch_id);
  end if;
  if p_json ? 'resource' then
    if jsonb_typeof(p_json -> 'resource') <> 'string' or char_length(p_json ->> 'resource') > 200 then
      perform internal.sched_refuse('resource must be a name');
    end if;
    select r.id into v_resource_id from public.resources r
    where r.tenant_id = p_tenant_id and r.name = btrim(p_json ->> 'resource')
      and (v_branch_id is null or r.branch_id = v_branch_id)
    order by r.created_at limit 1;
    if v_resource_id is null then
      raise exception 'no resource named %', p_json ->> 'resource' using errcode = 'PT404';
    end if;
    v_json := (v_json - 'resource') || jsonb_build_object('resource_id', v_resource_id);
  end if;
  return v_json;
end $$;
revoke all on function internal.sched_names_to_ids(uuid, jsonb) from public, anon, authenticated, service_role;

-- The lead with this phone number (leads.phone or a WhatsApp id of the same digits), or a new
-- one reachable on WhatsApp at that number.
create or replace function internal.sched_lead_by_phone(p_tenant_id uuid, p_phone text, p_name text)
returns uuid
language plpgsql volatile set search_path = '' as $$
declare
  v_digits text := regexp_replace(coalesce(p_phone, ''), '[^0-9]', '', 'g');
  v_lead_id uuid;
begin
  if char_length(coalesce(p_phone, '')) > 40 or v_digits !~ '^[0-9]{8,15}$' then
    perform internal.sched_refuse('lead_phone must be a phone number of 8 to 15 digits');
  end if;
  if p_name is not null and char_length(p_name) > 200 then
    perform internal.sched_refuse('lead_name is at most 200 characters');
  end if;
  select i.lead_id into v_lead_id from public.lead_identities i
  where i.tenant_id = p_tenant_id and i.channel = 'whatsapp' and i.external_id = v_digits;
  if v_lead_id is null then
    select l.id into v_lead_id from public.leads l
    where l.tenant_id = p_tenant_id and regexp_replace(coalesce(l.phone, ''), '[^0-9]', '', 'g') = v_digits
    order by l.created_at limit 1;
  end if;
  if v_lead_id is null then
    insert into public.leads (tenant_id, name, origin_channel, phone)
    values (p_tenant_id, nullif(btrim(p_name), ''), 'whatsapp', '+' || v_digits)
    returning id into v_lead_id;
    insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone)
    values (p_tenant_id, v_lead_id, 'whatsapp', v_digits, '+' || v_digits);
  end if;
  return v_lead_id;
end $$;
revoke all on function internal.sched_lead_by_phone(uuid, text, text) from public, anon, authenticated, service_role;

-- p_query: the slot query with service / branch / resource as names.
create or replace function public.admin_appointment_slots(p_tenant_slug text, p_query jsonb) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
begin
  return internal.sched_slots(v_tenant_id, internal.sched_names_to_ids(v_tenant_id, p_query), now());
end $$;

-- p_booking: service / branch / resource as names, starts_at | local_start, lead_phone,
-- lead_name, party_size, notes, status (requested | confirmed, default confirmed).
create or replace function public.admin_book_appointment(p_tenant_slug text, p_booking jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_status text;
begin
  perform internal.sched_check_keys(p_booking, array['service', 'branch', 'resource', 'starts_at',
    'local_start', 'lead_phone', 'lead_name', 'party_size', 'notes', 'status'], 'booking');
  v_status := coalesce(internal.sched_text(p_booking, 'status', 20), 'confirmed');
  if v_status not in ('requested', 'confirmed') then
    perform internal.sched_refuse('a new appointment is requested or confirmed');
  end if;
  return internal.sched_book(v_tenant_id,
    internal.sched_lead_by_phone(v_tenant_id, internal.sched_text(p_booking, 'lead_phone', 40),
      internal.sched_text(p_booking, 'lead_name', 200)),
    internal.sched_names_to_ids(v_tenant_id, p_booking - 'lead_phone' - 'lead_name' - 'status'),
    v_status, 'api', now());
end $$;

create or replace function public.admin_cancel_appointment(p_tenant_slug text, p_appointment_id uuid,
  p_reason text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  return internal.sched_set_status(internal.tenant_id_by_slug(p_tenant_slug), null, p_appointment_id,
    'cancelled', 'api', p_reason);
end $$;

-- p_query: the list query with branch / resource as names.
create or replace function public.admin_appointments(p_tenant_slug text, p_query jsonb) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
begin
  return internal.sched_list(v_tenant_id, internal.sched_names_to_ids(v_tenant_id, p_query), now());
end $$;

do $$
declare
  f text;
  v_slot text := '{ starts_at: string; ends_at: string; local_start: string; weekday: string; branch_id: string; branch_name: string; timezone: string; resource_id: string; resource_name: string }';
  v_appointment text := '{ id: string; lead_id: string; lead_name: string | null; branch_id: string; branch_name: string; branch_address: string | null; branch_maps_url: string | null; timezone: string; service_id: string; service_name: string; resource_id: string; resource_name: string; unit: number; starts_at: string; ends_at: string; local_start: string; weekday: string; party_size: number; status: ''requested'' | ''confirmed'' | ''cancelled'' | ''completed'' | ''no_show''; source: ''ai'' | ''staff'' | ''api''; notes: string | null; created_at: string; updated_at: string }';
  v_slots text;
  v_not_booked text;
  v_book text;
  v_move text;
  v_status text;
begin
  v_slots := format('{ service: { id: string; name: string; duration_minutes: number; buffer_minutes: number }; slots: %s[] }', v_slot);
  v_not_booked := format('{ outcome: ''taken'' | ''unavailable''; requested_start: string; next_slots: %s[] }', v_slot);
  v_book := format('{ outcome: ''booked''; appointment: %s } | %s', v_appointment, v_not_booked);
  v_move := format('{ outcome: ''rescheduled''; appointment: %s } | %s | { outcome: ''not_found'' } | { outcome: ''not_live''; appointment: %s }',
    v_appointment, v_not_booked, v_appointment);
  v_status := format('{ outcome: ''updated'' | ''unchanged'' | ''not_allowed''; appointment: %s } | { outcome: ''not_found'' }', v_appointment);
  foreach f in array array['dashboard_appointment_slots(uuid, jsonb)', 'appointment_slots(uuid, jsonb)',
    'admin_appointment_slots(text, jsonb)'] loop
    execute format('comment on function public.%s is %L', f, '@returns ' || v_slots);
  end loop;
  foreach f in array array['dashboard_book_appointment(uuid, jsonb)', 'appointment_book_for_lead(uuid, uuid, jsonb)',
    'admin_book_appointment(text, jsonb)'] loop
    execute format('comment on function public.%s is %L', f, '@returns ' || v_book);
  end loop;
  foreach f in array array['dashboard_reschedule_appointment(uuid, uuid, jsonb)',
    'appointment_reschedule_for_lead(uuid, uuid, uuid, jsonb)'] loop
    execute format('comment on function public.%s is %L', f, '@returns ' || v_move);
  end loop;
  foreach f in array array['dashboard_set_appointment_status(uuid, uuid, text, text)',
    'appointment_cancel_for_lead(uuid, uuid, uuid, text)', 'appointment_confirm_for_lead(uuid, uuid, uuid)',
    'admin_cancel_appointment(text, uuid, text)'] loop
    execute format('comment on function public.%s is %L', f, '@returns ' || v_status);
  end loop;
  foreach f in array array['dashboard_appointments(uuid, jsonb)', 'appointment_list_for_lead(uuid, uuid)',
    'admin_appointments(text, jsonb)'] loop
    execute format('comment on function public.%s is %L', f, format('@returns %s[]', v_appointment));
  end loop;

  foreach f in array array['dashboard_appointment_slots(uuid, jsonb)', 'dashboard_appointments(uuid, jsonb)',
    'dashboard_book_appointment(uuid, jsonb)', 'dashboard_reschedule_appointment(uuid, uuid, jsonb)',
    'dashboard_set_appointment_status(uuid, uuid, text, text)'] loop
    execute format('revoke all on function public.%s from public, anon', f);
    execute format('grant execute on function public.%s to authenticated, service_role', f);
  end loop;
  foreach f in array array['appointment_slots(uuid, jsonb)', 'appointment_book_for_lead(uuid, uuid, jsonb)',
    'appointment_reschedule_for_lead(uuid, uuid, uuid, jsonb)', 'appointment_cancel_for_lead(uuid, uuid, uuid, text)',
    'appointment_confirm_for_lead(uuid, uuid, uuid)', 'appointment_list_for_lead(uuid, uuid)',
    'admin_appointment_slots(text, jsonb)', 'admin_book_appointment(text, jsonb)',
    'admin_cancel_appointment(text, uuid, text)', 'admin_appointments(text, jsonb)'] loop
    execute format('revoke all on function public.%s from public, anon, authenticated', f);
    execute format('grant execute on function public.%s to service_role', f);
  end loop;
end $$;
