-- Appointments (issue 15): validation helpers and the catalog's writes and reads: branches
-- (time zone, hours, maps link), services, resources, closures. One internal function per write,
-- shared by the dashboard (staff, by id, membership checked) and the operator (CLI and seed, by
-- tenant slug and names). Every limit is enforced here, since staff may call the dashboard
-- functions through the Data API directly: allowed keys, types, lengths and ranges.

-- Reading one json field, or PT400 naming it. Absent or json null: null.
create or replace function internal.sched_refuse(p_message text) returns void
language plpgsql immutable set search_path = '' as $$
begin
  raise exception '%', p_message using errcode = 'PT400';
end $$;
revoke all on function internal.sched_refuse(text) from public, anon, authenticated, service_role;

create or replace function internal.sched_check_keys(p_json jsonb, p_allowed text[], p_label text)
returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_unknown text;
begin
  if p_json is null or jsonb_typeof(p_json) <> 'object' then
    perform internal.sched_refuse(p_label || ' must be a json object');
  end if;
  select k into v_unknown from jsonb_object_keys(p_json) k where k <> all (p_allowed) limit 1;
  if v_unknown is not null then
    perform internal.sched_refuse(format('unknown %s field %s', p_label, left(v_unknown, 40)));
  end if;
  return p_json;
end $$;
revoke all on function internal.sched_check_keys(jsonb, text[], text) from public, anon, authenticated, service_role;

create or replace function internal.sched_text(p_json jsonb, p_key text, p_max integer) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_text text;
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'string' then
    perform internal.sched_refuse(p_key || ' must be a string');
  end if;
  v_text := btrim(p_json ->> p_key);
  if char_length(v_text) > p_max then
    perform internal.sched_refuse(format('%s is longer than %s characters', p_key, p_max));
  end if;
  return nullif(v_text, '');
end $$;
revoke all on function internal.sched_text(jsonb, text, integer) from public, anon, authenticated, service_role;

create or replace function internal.sched_integer(p_json jsonb, p_key text, p_min integer, p_max integer)
returns integer
language plpgsql immutable set search_path = '' as $$
declare
  v_text text := p_json ->> p_key;
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'number' or v_text !~ '^-?[0-9]{1,9}$'
     or v_text::integer not between p_min and p_max then
    perform internal.sched_refuse(format('%s must be a whole number from %s to %s', p_key, p_min, p_max));
  end if;
  return v_text::integer;
end $$;
revoke all on function internal.sched_integer(jsonb, text, integer, integer) from public, anon, authenticated, service_role;

create or replace function internal.sched_money(p_json jsonb, p_key text) returns numeric
language plpgsql immutable set search_path = '' as $$
declare
  v_text text := p_json ->> p_key;
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'number' or v_text !~ '^[0-9]{1,10}(\.[0-9]{1,2})?$' then
    perform internal.sched_refuse(p_key || ' must be an amount from 0 to 9999999999.99');
  end if;
  return v_text::numeric;
end $$;
revoke all on function internal.sched_money(jsonb, text) from public, anon, authenticated, service_role;

create or replace function internal.sched_boolean(p_json jsonb, p_key text) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'boolean' then
    perform internal.sched_refuse(p_key || ' must be true or false');
  end if;
  return (p_json ->> p_key)::boolean;
end $$;
revoke all on function internal.sched_boolean(jsonb, text) from public, anon, authenticated, service_role;

create or replace function internal.sched_uuid(p_json jsonb, p_key text) returns uuid
language plpgsql immutable set search_path = '' as $$
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'string' or not internal.is_uuid(p_json ->> p_key) then
    perform internal.sched_refuse(p_key || ' must be an id');
  end if;
  return (p_json ->> p_key)::uuid;
end $$;
revoke all on function internal.sched_uuid(jsonb, text) from public, anon, authenticated, service_role;

create or replace function internal.sched_uuids(p_json jsonb, p_key text, p_max integer) returns uuid[]
language plpgsql immutable set search_path = '' as $$
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'array' or jsonb_array_length(p_json -> p_key) > p_max
     or exists (select 1 from jsonb_array_elements(p_json -> p_key) e
                where jsonb_typeof(e) <> 'string' or not internal.is_uuid(e #>> '{}')) then
    perform internal.sched_refuse(format('%s must be a list of at most %s ids', p_key, p_max));
  end if;
  return array(select distinct (e #>> '{}')::uuid from jsonb_array_elements(p_json -> p_key) e);
end $$;
revoke all on function internal.sched_uuids(jsonb, text, integer) from public, anon, authenticated, service_role;

-- An instant with its offset ("2026-12-15T10:30:00-06:00" or "...Z"): never guessed.
create or replace function internal.sched_instant(p_json jsonb, p_key text) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  v_text text := p_json ->> p_key;
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'string'
     or v_text !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$' then
    perform internal.sched_refuse(p_key || ' must be an ISO 8601 time with its offset');
  end if;
  begin
    return v_text::timestamptz;
  exception when others then
    perform internal.sched_refuse(p_key || ' is not a valid time');
  end;
end $$;
revoke all on function internal.sched_instant(jsonb, text) from public, anon, authenticated, service_role;

-- A wall-clock time without offset ("2026-12-15T10:30"), read in a branch's time zone later.
create or replace function internal.sched_local_time(p_json jsonb, p_key text) returns timestamp
language plpgsql immutable set search_path = '' as $$
declare
  v_text text := p_json ->> p_key;
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'string'
     or v_text !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?$' then
    perform internal.sched_refuse(p_key || ' must be a local time like 2026-12-15T10:30');
  end if;
  begin
    return v_text::timestamp;
  exception when others then
    perform internal.sched_refuse(p_key || ' is not a valid time');
  end;
end $$;
revoke all on function internal.sched_local_time(jsonb, text) from public, anon, authenticated, service_role;

create or replace function internal.sched_date(p_json jsonb, p_key text) returns date
language plpgsql immutable set search_path = '' as $$
declare
  v_text text := p_json ->> p_key;
begin
  if p_json -> p_key is null or jsonb_typeof(p_json -> p_key) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_json -> p_key) <> 'string' or v_text !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
    perform internal.sched_refuse(p_key || ' must be a date like 2026-12-15');
  end if;
  begin
    return v_text::date;
  exception when others then
    perform internal.sched_refuse(p_key || ' is not a valid date');
  end;
end $$;
revoke all on function internal.sched_date(jsonb, text) from public, anon, authenticated, service_role;

create or replace function internal.sched_time_zone(p_zone text) returns text
language plpgsql stable set search_path = '' as $$
begin
  if p_zone is null or length(p_zone) > 64
     or not exists (select 1 from pg_catalog.pg_timezone_names where name = p_zone) then
    perform internal.sched_refuse(format('unknown time zone %s', left(coalesce(p_zone, ''), 64)));
  end if;
  return p_zone;
end $$;
revoke all on function internal.sched_time_zone(text) from public, anon, authenticated, service_role;

-- The day key of a date, as weekly hours name them.
create or replace function internal.sched_day_key(p_day date) returns text
language sql immutable set search_path = '' as $$
  select (array['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])[extract(dow from p_day)::integer + 1]
$$;
revoke all on function internal.sched_day_key(date) from public, anon, authenticated, service_role;

-- A list of [from, to] wall-clock windows ("09:00", "19:00"; "24:00" is midnight), in order,
-- not overlapping, at most six.
create or replace function internal.sched_check_windows(p_windows jsonb, p_label text) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_window jsonb;
  v_previous text := '00:00';
begin
  if jsonb_typeof(p_windows) <> 'array' or jsonb_array_length(p_windows) > 6 then
    perform internal.sched_refuse(p_label || ' must be a list of at most 6 [from, to] windows');
  end if;
  for v_window in select e from jsonb_array_elements(p_windows) with ordinality as x(e, n) order by n loop
    if jsonb_typeof(v_window) <> 'array' or jsonb_array_length(v_window) <> 2
       or jsonb_typeof(v_window -> 0) <> 'string' or jsonb_typeof(v_window -> 1) <> 'string'
       or (v_window ->> 0) !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
       or (v_window ->> 1) !~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
       or (v_window ->> 0) >= (v_window ->> 1) or (v_window ->> 0) < v_previous then
      perform internal.sched_refuse(p_label || ' windows are ["HH:MM", "HH:MM"], in order, not overlapping');
    end if;
    v_previous := v_window ->> 1;
  end loop;
  return p_windows;
end $$;
revoke all on function internal.sched_check_windows(jsonb, text) from public, anon, authenticated, service_role;

create or replace function internal.sched_check_weekly_hours(p_hours jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_day text;
  v_windows jsonb;
begin
  if p_hours is null or jsonb_typeof(p_hours) <> 'object' then
    perform internal.sched_refuse('weekly hours must be an object of days (mon … sun)');
  end if;
  for v_day, v_windows in select key, value from jsonb_each(p_hours) loop
    if v_day not in ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun') then
      perform internal.sched_refuse(format('unknown day %s in weekly hours', left(v_day, 20)));
    end if;
    perform internal.sched_check_windows(v_windows, 'weekly hours');
  end loop;
  return p_hours;
end $$;
revoke all on function internal.sched_check_weekly_hours(jsonb) from public, anon, authenticated, service_role;

create or replace function internal.sched_branch_json(b public.branches) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('id', b.id, 'name', b.name, 'address', b.address, 'maps_url', b.maps_url,
    'phone', b.phone, 'timezone', b.timezone, 'weekly_hours', b.weekly_hours, 'updated_at', b.updated_at)
$$;
revoke all on function internal.sched_branch_json(public.branches) from public, anon, authenticated, service_role;

create or replace function internal.sched_service_json(p_service_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', s.id, 'name', s.name, 'description', s.description,
    'duration_minutes', s.duration_minutes, 'buffer_minutes', s.buffer_minutes,
    'price_min', s.price_min, 'price_max', s.price_max, 'currency', s.currency, 'active', s.active,
    'branch_ids', array(select sb.branch_id from public.service_branches sb
                        where sb.service_id = s.id order by sb.branch_id),
    'updated_at', s.updated_at)
  from public.services s where s.id = p_service_id
$$;
revoke all on function internal.sched_service_json(uuid) from public, anon, authenticated, service_role;

create or replace function internal.sched_resource_json(p_resource_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', r.id, 'branch_id', r.branch_id, 'name', r.name, 'kind', r.kind,
    'capacity', r.capacity, 'seats', r.seats, 'weekly_hours', r.weekly_hours, 'active', r.active,
    'service_ids', array(select rs.service_id from public.resource_services rs
                         where rs.resource_id = r.id order by rs.service_id),
    'updated_at', r.updated_at)
  from public.resources r where r.id = p_resource_id
$$;
revoke all on function internal.sched_resource_json(uuid) from public, anon, authenticated, service_role;

-- Creates (p_branch_id null) or changes a branch; only the keys present change.
create or replace function internal.sched_save_branch(p_tenant_id uuid, p_branch_id uuid, p_fields jsonb)
returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_row public.branches;
  v_name text;
begin
  perform internal.sched_check_keys(p_fields,
    array['name', 'address', 'maps_url', 'phone', 'timezone', 'weekly_hours'], 'branch');
  v_name := internal.sched_text(p_fields, 'name', 200);
  if p_fields ? 'timezone' then
    perform internal.sched_time_zone(internal.sched_text(p_fields, 'timezone', 64));
  end if;
  if p_fields ? 'weekly_hours' then
    perform internal.sched_check_weekly_hours(p_fields -> 'weekly_hours');
  end if;
  if p_fields ? 'maps_url' and internal.sched_text(p_fields, 'maps_url', 500) !~ '^https://[^\s]+$' then
    perform internal.sched_refuse('maps_url must be an https:// link');
  end if;
  if p_branch_id is null then
    if v_name is null then
      perform internal.sched_refuse('a branch needs a name');
    end if;
    insert into public.branches (tenant_id, name, timezone)
    select p_tenant_id, v_name, t.timezone from public.tenants t where t.id = p_tenant_id
    on conflict (tenant_id, name) do nothing
    returning * into v_row;
    if v_row.id is null then
      raise exception 'a branch named % already exists', v_name using errcode = 'PT409';
    end if;
  else
    select * into v_row from public.branches b where b.id = p_branch_id and b.tenant_id = p_tenant_id
    for update;
    if v_row.id is null then
      raise exception 'no branch %', p_branch_id using errcode = 'PT404';
    end if;
    if p_fields ? 'name' and v_name is null then
      perform internal.sched_refuse('a branch needs a name');
    end if;
  end if;
  update public.branches b set
    name = coalesce(v_name, b.name),
    address = case when p_fields ? 'address' then internal.sched_text(p_fields, 'address', 500) else b.address end,
    maps_url = case when p_fields ? 'maps_url' then internal.sched_text(p_fields, 'maps_url', 500) else b.maps_url end,
    phone = case when p_fields ? 'phone' then internal.sched_text(p_fields, 'phone', 40) else b.phone end,
    timezone = coalesce(internal.sched_text(p_fields, 'timezone', 64), b.timezone),
    weekly_hours = coalesce(p_fields -> 'weekly_hours', b.weekly_hours)
  where b.id = v_row.id
  returning * into v_row;
  return internal.sched_branch_json(v_row);
exception when unique_violation then
  raise exception 'a branch named % already exists', v_name using errcode = 'PT409';
end $$;
revoke all on function internal.sched_save_branch(uuid, uuid, jsonb) from public, anon, authenticated, service_role;

-- Creates (p_service_id null) or changes a service. A new service without branch_ids is offered
-- at every branch of the tenant; branch_ids given replace the list.
create or replace function internal.sched_save_service(p_tenant_id uuid, p_service_id uuid, p_fields jsonb)
returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_id uuid := p_service_id;
  v_name text;
  v_branch_ids uuid[];
  v_price_min numeric;
  v_price_max numeric;
begin
  perform internal.sched_check_keys(p_fields, array['name', 'description', 'duration_minutes',
    'buffer_minutes', 'price_min', 'price_max', 'currency', 'active', 'branch_ids'], 'service');
  v_name := internal.sched_text(p_fields, 'name', 200);
  v_branch_ids := internal.sched_uuids(p_fields, 'branch_ids', 100);
  v_price_min := internal.sched_money(p_fields, 'price_min');
  v_price_max := internal.sched_money(p_fields, 'price_max');
  if p_fields ? 'currency' and coalesce(internal.sched_text(p_fields, 'currency', 3), '') !~ '^[A-Z]{3}$' then
    perform internal.sched_refuse('currency must be a 3-letter code such as MXN');
  end if;
  if v_branch_ids is not null and (select count(*) from public.branches b
      where b.tenant_id = p_tenant_id and b.id = any(v_branch_ids)) <> cardinality(v_branch_ids) then
    raise exception 'unknown branch in branch_ids' using errcode = 'PT404';
  end if;
  if v_id is null then
    if v_name is null or internal.sched_integer(p_fields, 'duration_minutes', 5, 720) is null then
      perform internal.sched_refuse('a service needs a name and duration_minutes');
    end if;
    insert into public.services (tenant_id, name, duration_minutes)
    values (p_tenant_id, v_name, internal.sched_integer(p_fields, 'duration_minutes', 5, 720))
    returning id into v_id;
    v_branch_ids := coalesce(v_branch_ids,
      array(select b.id from public.branches b where b.tenant_id = p_tenant_id));
  else
    perform 1 from public.services s where s.id = v_id and s.tenant_id = p_tenant_id for update;
    if not found then
      raise exception 'no service %', v_id using errcode = 'PT404';
    end if;
    if p_fields ? 'name' and v_name is null then
      perform internal.sched_refuse('a service needs a name');
    end if;
  end if;
  update public.services s set
    name = coalesce(v_name, s.name),
    description = case when p_fields ? 'description' then internal.sched_text(p_fields, 'description', 2000) else s.description end,
    duration_minutes = coalesce(internal.sched_integer(p_fields, 'duration_minutes', 5, 720), s.duration_minutes),
    buffer_minutes = coalesce(internal.sched_integer(p_fields, 'buffer_minutes', 0, 240), s.buffer_minutes),
    price_min = case when p_fields ? 'price_min' then v_price_min else s.price_min end,
    price_max = case when p_fields ? 'price_max' then v_price_max
                     when p_fields ? 'price_min' then v_price_min else s.price_max end,
    currency = coalesce(internal.sched_text(p_fields, 'currency', 3), s.currency),
    active = coalesce(internal.sched_boolean(p_fields, 'active'), s.active)
  where s.id = v_id;
  if v_branch_ids is not null then
    delete from public.service_branches sb where sb.service_id = v_id and sb.branch_id <> all (v_branch_ids);
    insert into public.service_branches (tenant_id, service_id, branch_id)
    select p_tenant_id, v_id, unnest(v_branch_ids) on conflict do nothing;
  end if;
  return internal.sched_service_json(v_id);
exception
  when unique_violation then
    raise exception 'a service named % already exists', v_name using errcode = 'PT409';
  when check_violation then
    raise exception 'the price range is not valid (price_max below price_min?)' using errcode = 'PT400';
end $$;
revoke all on function internal.sched_save_service(uuid, uuid, jsonb) from public, anon, authenticated, service_role;

-- Creates (p_resource_id null) or changes a resource. service_ids given replace its services;
-- a service a resource does is offered at the resource's branch.
create or replace function internal.sched_save_resource(p_tenant_id uuid, p_resource_id uuid, p_fields jsonb)
returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_row public.resources;
  v_name text;
  v_branch_id uuid;
  v_kind text;
  v_service_ids uuid[];
begin
  perform internal.sched_check_keys(p_fields, array['branch_id', 'name', 'kind', 'capacity', 'seats',
    'weekly_hours', 'active', 'service_ids'], 'resource');
  v_name := internal.sched_text(p_fields, 'name', 200);
  v_branch_id := internal.sched_uuid(p_fields, 'branch_id');
  v_kind := internal.sched_text(p_fields, 'kind', 10);
  v_service_ids := internal.sched_uuids(p_fields, 'service_ids', 200);
  if v_kind is not null and v_kind not in ('person', 'chair', 'table') then
    perform internal.sched_refuse('kind must be person, chair or table');
  end if;
  if p_fields -> 'weekly_hours' is not null and jsonb_typeof(p_fields -> 'weekly_hours') <> 'null' then
    perform internal.sched_check_weekly_hours(p_fields -> 'weekly_hours');
  end if;
  if v_branch_id is not null and not exists (select 1 from public.branches b
      where b.id = v_branch_id and b.tenant_id = p_tenant_id) then
    raise exception 'no branch %', v_branch_id using errcode = 'PT404';
  end if;
  if v_service_ids is not null and (select count(*) from public.services s
      where s.tenant_id = p_tenant_id and s.id = any(v_service_ids)) <> cardinality(v_service_ids) then
    raise exception 'unknown service in service_ids' using errcode = 'PT404';
  end if;
  if p_resource_id is null then
    if v_name is null or v_branch_id is null then
      perform internal.sched_refuse('a resource needs a branch_id and a name');
    end if;
    insert into public.resources (tenant_id, branch_id, name)
    values (p_tenant_id, v_branch_id, v_name)
    returning * into v_row;
  else
    select * into v_row from public.resources r where r.id = p_resource_id and r.tenant_id = p_tenant_id
    for update;
    if v_row.id is null then
      raise exception 'no resource %', p_resource_id using errcode = 'PT404';
    end if;
    if p_fields ? 'name' and v_name is null then
      perform internal.sched_refuse('a resource needs a name');
    end if;
  end if;
  update public.resources r set
    branch_id = coalesce(v_branch_id, r.branch_id),
    name = coalesce(v_name, r.name),
    kind = coalesce(v_kind, r.kind),
    capacity = coalesce(internal.sched_integer(p_fields, 'capacity', 1, 100), r.capacity),
    seats = case when p_fields ? 'seats' then internal.sched_integer(p_fields, 'seats', 1, 100) else r.seats end,
    weekly_hours = case when p_fields ? 'weekly_hours'
                        then nullif(p_fields -> 'weekly_hours', 'null'::jsonb) else r.weekly_hours end,
    active = coalesce(internal.sched_boolean(p_fields, 'active'), r.active)
  where r.id = v_row.id
  returning * into v_row;
  if v_service_ids is not null then
    delete from public.resource_services rs where rs.resource_id = v_row.id and rs.service_id <> all (v_service_ids);
    insert into public.resource_services (tenant_id, resource_id, service_id)
    select p_tenant_id, v_row.id, unnest(v_service_ids) on conflict do nothing;
  end if;
  insert into public.service_branches (tenant_id, service_id, branch_id)
  select p_tenant_id, rs.service_id, v_row.branch_id from public.resource_services rs
  where rs.resource_id = v_row.id on conflict do nothing;
  return internal.sched_resource_json(v_row.id);
exception when unique_violation then
  raise exception 'a resource named % already exists at that branch', v_name using errcode = 'PT409';
end $$;
revoke all on function internal.sched_save_resource(uuid, uuid, jsonb) from public, anon, authenticated, service_role;

-- A closure of a whole branch (no resource_id) or a resource's time off: either instants
-- (starts_at, ends_at, with offsets) or whole local days (date, optional until, inclusive).
create or replace function internal.sched_add_closure(p_tenant_id uuid, p_fields jsonb) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_branch public.branches;
  v_resource_id uuid;
  v_date date;
  v_until date;
  v_period tstzrange;
  v_row public.closures;
begin
  perform internal.sched_check_keys(p_fields,
    array['branch_id', 'resource_id', 'starts_at', 'ends_at', 'date', 'until', 'reason'], 'closure');
  select * into v_branch from public.branches b
  where b.id = internal.sched_uuid(p_fields, 'branch_id') and b.tenant_id = p_tenant_id;
  if v_branch.id is null then
    raise exception 'a closure needs a branch_id of this business' using errcode = 'PT404';
  end if;
  v_resource_id := internal.sched_uuid(p_fields, 'resource_id');
  if v_resource_id is not null and not exists (select 1 from public.resources r
      where r.id = v_resource_id and r.branch_id = v_branch.id) then
    raise exception 'no resource % at that branch', v_resource_id using errcode = 'PT404';
  end if;
  v_date := internal.sched_date(p_fields, 'date');
  if v_date is not null then
    v_until := coalesce(internal.sched_date(p_fields, 'until'), v_date);
    if v_until < v_date or v_until > v_date + 366 then
      perform internal.sched_refuse('until must be on or after date, within a year');
    end if;
    v_period := tstzrange(v_date::timestamp at time zone v_branch.timezone,
      (v_until + 1)::timestamp at time zone v_branch.timezone);
  else
    v_period := tstzrange(internal.sched_instant(p_fields, 'starts_at'), internal.sched_instant(p_fields, 'ends_at'));
  end if;
  if lower_inf(v_period) or upper_inf(v_period) or isempty(v_period)
     or upper(v_period) - lower(v_period) > interval '367 days' then
    perform internal.sched_refuse('a closure needs date [until] or starts_at < ends_at, at most a year');
  end if;
  insert into public.closures (tenant_id, branch_id, resource_id, period, reason)
  values (p_tenant_id, v_branch.id, v_resource_id, v_period, internal.sched_text(p_fields, 'reason', 200))
  returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'branch_id', v_row.branch_id, 'resource_id', v_row.resource_id,
    'starts_at', lower(v_row.period), 'ends_at', upper(v_row.period), 'reason', v_row.reason);
exception when data_exception then
  perform internal.sched_refuse('starts_at must be before ends_at');
end $$;
revoke all on function internal.sched_add_closure(uuid, jsonb) from public, anon, authenticated, service_role;

-- Everything the settings page shows: branches, services, resources, closures not yet over.
create or replace function internal.sched_catalog(p_tenant_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'branches', coalesce((select jsonb_agg(internal.sched_branch_json(b) order by b.name)
      from public.branches b where b.tenant_id = p_tenant_id), '[]'::jsonb),
    'services', coalesce((select jsonb_agg(internal.sched_service_json(s.id) order by s.name)
      from public.services s where s.tenant_id = p_tenant_id), '[]'::jsonb),
    'resources', coalesce((select jsonb_agg(internal.sched_resource_json(r.id) order by r.name)
      from public.resources r where r.tenant_id = p_tenant_id), '[]'::jsonb),
    'closures', coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'branch_id', c.branch_id,
        'resource_id', c.resource_id, 'starts_at', lower(c.period), 'ends_at', upper(c.period),
        'reason', c.reason) order by lower(c.period))
      from public.closures c where c.tenant_id = p_tenant_id and upper(c.period) > now()), '[]'::jsonb))
$$;
revoke all on function internal.sched_catalog(uuid) from public, anon, authenticated, service_role;

-- Staff (dashboard, Data API): settings need admin; reading them any member.
create or replace function public.dashboard_scheduling(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return internal.sched_catalog(p_tenant_id);
end $$;

create or replace function public.dashboard_save_branch(p_tenant_id uuid, p_branch_id uuid, p_fields jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return internal.sched_save_branch(p_tenant_id, p_branch_id, p_fields);
end $$;

create or replace function public.dashboard_save_service(p_tenant_id uuid, p_service_id uuid, p_fields jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return internal.sched_save_service(p_tenant_id, p_service_id, p_fields);
end $$;

create or replace function public.dashboard_save_resource(p_tenant_id uuid, p_resource_id uuid, p_fields jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return internal.sched_save_resource(p_tenant_id, p_resource_id, p_fields);
end $$;

create or replace function public.dashboard_add_closure(p_tenant_id uuid, p_fields jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return internal.sched_add_closure(p_tenant_id, p_fields);
end $$;

create or replace function public.dashboard_remove_closure(p_tenant_id uuid, p_closure_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  delete from public.closures c where c.id = p_closure_id and c.tenant_id = p_tenant_id returning c.id into v_id;
  return jsonb_build_object('id', p_closure_id, 'removed', v_id is not null);
end $$;

-- Operator (CLI, seed): by tenant slug, upserting by name, names instead of ids.
create or replace function public.admin_save_branch(p_tenant_slug text, p_fields jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_id uuid;
begin
  select b.id into v_id from public.branches b
  where b.tenant_id = v_tenant_id and b.name = btrim(p_fields ->> 'name');
  return internal.sched_save_branch(v_tenant_id, v_id, case when v_id is null then p_fields else p_fields - 'name' end);
end $$;

-- p_fields as sched_save_service, with `branches` (names) instead of branch_ids.
create or replace function public.admin_save_service(p_tenant_slug text, p_fields jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_id uuid;
  v_fields jsonb := p_fields;
begin
  perform internal.sched_check_keys(p_fields, array['name', 'description', 'duration_minutes',
    'buffer_minutes', 'price_min', 'price_max', 'currency', 'active', 'branches'], 'service');
  if p_fields ? 'branches' then
    v_fields := (p_fields - 'branches') || jsonb_build_object('branch_ids',
      internal.sched_ids_by_name(v_tenant_id, 'branch', p_fields -> 'branches'));
  end if;
  select s.id into v_id from public.services s
  where s.tenant_id = v_tenant_id and s.name = btrim(p_fields ->> 'name');
  return internal.sched_save_service(v_tenant_id, v_id, case when v_id is null then v_fields else v_fields - 'name' end);
end $$;

-- p_fields as sched_save_resource, with `branch` (a name) and `services` (names).
create or replace function public.admin_save_resource(p_tenant_slug text, p_fields jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_tenant_id uuid := internal.tenant_id_by_slug(p_tenant_slug);
  v_branch_id uuid;
  v_id uuid;
  v_fields jsonb;
begin
  perform internal.sched_check_keys(p_fields, array['branch', 'name', 'kind', 'capacity', 'seats',
    'weekly_hours', 'active', 'services'], 'resource');
  v_branch_id := (internal.sched_ids_by_name(v_tenant_id, 'branch', jsonb_build_array(p_fields -> 'branch')) ->> 0)::uuid;
  v_fields := (p_fields - 'branch' - 'services') || jsonb_build_object('branch_id', v_branch_id);
  if p_fields ? 'services' then
    v_fields := v_fields || jsonb_build_object('service_ids',
      internal.sched_ids_by_name(v_tenant_id, 'service', p_fields -> 'services'));
  end if;
  select r.id into v_id from public.resources r
  where r.branch_id = v_branch_id and r.name = btrim(p_fields ->> 'name');
  return internal.sched_save_resource(v_tenant_id, v_id, case when v_id is null then v_fields else v_fields - 'name' end);
end $$;

-- The ids of named branches, services or resources of a tenant, or PT404 naming the first unknown.
create or replace function internal.sched_ids_by_name(p_tenant_id uuid, p_kind text, p_names jsonb)
returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_name text;
  v_id uuid;
  v_ids jsonb := '[]'::jsonb;
begin
  if jsonb_typeof(p_names) <> 'array' or jsonb_array_length(p_names) > 100
     or exists (select 1 from jsonb_array_elements(p_names) e
                where jsonb_typeof(e) <> 'string' or char_length(e #>> '{}') > 200) then
    perform internal.sched_refuse(format('%s names must be a list of at most 100 names', p_kind));
  end if;
  for v_name in select btrim(e #>> '{}') from jsonb_array_elements(p_names) e loop
    v_id := case p_kind
      when 'branch' then (select b.id from public.branches b where b.tenant_id = p_tenant_id and b.name = v_name)
      when 'service' then (select s.id from public.services s where s.tenant_id = p_tenant_id and s.name = v_name)
      when 'resource' then (select r.id from public.resources r where r.tenant_id = p_tenant_id and r.name = v_name
                            order by r.created_at limit 1)
    end;
    if v_id is null then
      raise exception 'no % named %', p_kind, v_name using errcode = 'PT404';
    end if;
    v_ids := v_ids || to_jsonb(v_id);
  end loop;
  return v_ids;
end $$;
revoke all on function internal.sched_ids_by_name(uuid, text, jsonb) from public, anon, authenticated, service_role;

-- A new branch takes its tenant's time zone (it used to take the column default).
create or replace function public.admin_upsert_branch(p_tenant_slug text, p_name text,
  p_address text default null, p_phone text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_branch public.branches;
begin
  insert into public.branches (tenant_id, name, address, phone, timezone)
  select t.id, p_name, p_address, p_phone, t.timezone from public.tenants t
  where t.id = internal.tenant_id_by_slug(p_tenant_slug)
  on conflict (tenant_id, name) do update set address = excluded.address, phone = excluded.phone
  returning * into v_branch;
  return jsonb_build_object('id', v_branch.id, 'tenant_id', v_branch.tenant_id, 'name', v_branch.name,
    'address', v_branch.address, 'phone', v_branch.phone, 'created_at', v_branch.created_at);
end $$;

do $$
declare
  f text;
begin
  foreach f in array array['dashboard_scheduling(uuid)', 'dashboard_save_branch(uuid, uuid, jsonb)',
    'dashboard_save_service(uuid, uuid, jsonb)', 'dashboard_save_resource(uuid, uuid, jsonb)',
    'dashboard_add_closure(uuid, jsonb)', 'dashboard_remove_closure(uuid, uuid)']
  loop
    execute format('revoke all on function public.%s from public, anon', f);
    execute format('grant execute on function public.%s to authenticated, service_role', f);
  end loop;
  foreach f in array array['admin_save_branch(text, jsonb)', 'admin_save_service(text, jsonb)',
    'admin_save_resource(text, jsonb)']
  loop
    execute format('revoke all on function public.%s from public, anon, authenticated', f);
    execute format('grant execute on function public.%s to service_role', f);
  end loop;
end $$;

-- The shapes for `npm run db:types`, each written once here.
do $$
declare
  v_hours text := '{ [day: string]: [string, string][] | undefined }';
  v_branch text;
  v_service text := '{ id: string; name: string; description: string | null; duration_minutes: number; buffer_minutes: number; price_min: number | null; price_max: number | null; currency: string; active: boolean; branch_ids: string[]; updated_at: string }';
  v_resource text;
  v_closure text := '{ id: string; branch_id: string; resource_id: string | null; starts_at: string; ends_at: string; reason: string | null }';
begin
  v_branch := format('{ id: string; name: string; address: string | null; maps_url: string | null; phone: string | null; timezone: string; weekly_hours: %s; updated_at: string }', v_hours);
  v_resource := format('{ id: string; branch_id: string; name: string; kind: ''person'' | ''chair'' | ''table''; capacity: number; seats: number | null; weekly_hours: %s | null; active: boolean; service_ids: string[]; updated_at: string }', v_hours);
  execute format('comment on function public.dashboard_scheduling(uuid) is %L', format(
    '@returns { branches: %s[]; services: %s[]; resources: %s[]; closures: %s[] }', v_branch, v_service, v_resource, v_closure));
  execute format('comment on function public.dashboard_save_branch(uuid, uuid, jsonb) is %L', '@returns ' || v_branch);
  execute format('comment on function public.admin_save_branch(text, jsonb) is %L', '@returns ' || v_branch);
  execute format('comment on function public.dashboard_save_service(uuid, uuid, jsonb) is %L', '@returns ' || v_service);
  execute format('comment on function public.admin_save_service(text, jsonb) is %L', '@returns ' || v_service);
  execute format('comment on function public.dashboard_save_resource(uuid, uuid, jsonb) is %L', '@returns ' || v_resource);
  execute format('comment on function public.admin_save_resource(text, jsonb) is %L', '@returns ' || v_resource);
  execute format('comment on function public.dashboard_add_closure(uuid, jsonb) is %L', '@returns ' || v_closure);
end $$;
comment on function public.dashboard_remove_closure(uuid, uuid) is '@returns { id: string; removed: boolean }';
