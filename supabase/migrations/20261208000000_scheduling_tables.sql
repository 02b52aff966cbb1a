-- Appointments (issue 15, section 1): the tables. Branches gain a time zone, a maps link and
-- weekly hours; services, resources (a dentist, a chair, a table with seats), closures (a
-- branch's holidays or one resource's time off), appointments and their history.
--
-- Weekly hours are jsonb in the shape the AI settings already use:
--   {"mon": [["09:00", "14:00"], ["15:00", "19:00"]], "sat": [["09:00", "14:00"]]}
-- local wall-clock times of the branch's time zone ("24:00" closes at midnight). A resource
-- without hours of its own works the branch's hours.
--
-- Double booking. Each appointment occupies one unit of its resource (`unit`, 1..capacity):
-- a dentist or a chair has capacity 1, so unit is always 1; a resource with capacity N (six
-- identical four-seat tables booked as one resource, a class with N places) has units 1..N.
-- The exclusion constraint forbids two live (requested/confirmed) appointments on the same
-- resource and unit whose blocked ranges (the appointment plus the service's buffer after it)
-- overlap: whatever a function or a race does, the database refuses a double booking. Units as
-- a column instead of one row per seat: one appointment stays one row, and the constraint
-- checks capacity N resources exactly as it checks single ones. `seats` (tables) limits the
-- party size of one booking; it is not capacity. The booking function locks the resource's row
-- before it picks a unit (see the next migration), so concurrent callers queue and the losers
-- get a clean "taken" answer instead of a constraint error; the constraint stays the guarantee.
--
-- Composite foreign keys on (tenant_id, id) keep every reference inside one tenant.

create schema if not exists extensions;
create extension if not exists btree_gist with schema extensions;

alter table public.branches
  add column maps_url text check (maps_url is null or (length(maps_url) <= 500 and maps_url ~ '^https://')),
  add column timezone text not null default 'America/Mexico_City' check (length(timezone) between 1 and 64),
  add column weekly_hours jsonb not null default '{}'::jsonb check (jsonb_typeof(weekly_hours) = 'object'),
  add column updated_at timestamptz not null default now(),
  add constraint branches_address_length check (address is null or length(address) <= 500),
  add constraint branches_phone_length check (phone is null or length(phone) <= 40),
  add constraint branches_tenant_id_key unique (tenant_id, id);
update public.branches b set timezone = t.timezone from public.tenants t where t.id = b.tenant_id;
create trigger branches_touch before update on public.branches
  for each row execute function public.touch_updated_at();

-- The branch a connection answers for (a business with one number per branch).
alter table public.channel_connections
  add column branch_id uuid references public.branches (id) on delete set null;
grant select (branch_id) on public.channel_connections to authenticated;

create table public.services (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  description text check (description is null or length(description) <= 2000),
  duration_minutes integer not null check (duration_minutes between 5 and 720),
  buffer_minutes integer not null default 0 check (buffer_minutes between 0 and 240),
  -- A fixed price (min = max), a range, or none.
  price_min numeric(12, 2) check (price_min is null or price_min between 0 and 9999999999),
  price_max numeric(12, 2) check (price_max is null or price_max between 0 and 9999999999),
  currency text not null default 'MXN' check (currency ~ '^[A-Z]{3}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, name),
  unique (tenant_id, id),
  check (price_max is null or price_min is not null),
  check (price_max is null or price_max >= price_min)
);

create table public.service_branches (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  service_id uuid not null,
  branch_id uuid not null,
  primary key (service_id, branch_id),
  foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete cascade,
  foreign key (tenant_id, branch_id) references public.branches (tenant_id, id) on delete cascade
);
create index service_branches_branch_idx on public.service_branches (branch_id);

create table public.resources (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  branch_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  kind text not null default 'person' check (kind in ('person', 'chair', 'table')),
  -- How many live appointments may overlap (units 1..capacity).
  capacity integer not null default 1 check (capacity between 1 and 100),
  -- Tables: the largest party one booking may bring.
  seats integer check (seats is null or seats between 1 and 100),
  -- null: the branch's hours.
  weekly_hours jsonb check (weekly_hours is null or jsonb_typeof(weekly_hours) = 'object'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (branch_id, name),
  unique (tenant_id, id),
  foreign key (tenant_id, branch_id) references public.branches (tenant_id, id) on delete cascade
);
create index resources_tenant_idx on public.resources (tenant_id, branch_id);

create table public.resource_services (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  resource_id uuid not null,
  service_id uuid not null,
  primary key (resource_id, service_id),
  foreign key (tenant_id, resource_id) references public.resources (tenant_id, id) on delete cascade,
  foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete cascade
);
create index resource_services_service_idx on public.resource_services (service_id);

-- A holiday or closure of a whole branch (resource_id null) or one resource's time off.
create table public.closures (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  branch_id uuid not null,
  resource_id uuid,
  period tstzrange not null check (not isempty(period) and not lower_inf(period) and not upper_inf(period)),
  reason text check (reason is null or length(reason) <= 200),
  created_at timestamptz not null default now(),
  foreign key (tenant_id, branch_id) references public.branches (tenant_id, id) on delete cascade,
  foreign key (tenant_id, resource_id) references public.resources (tenant_id, id) on delete cascade
);
create index closures_branch_period_idx on public.closures using gist (branch_id, period);

create table public.appointments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  branch_id uuid not null,
  service_id uuid not null,
  resource_id uuid not null,
  unit integer not null default 1 check (unit between 1 and 100),
  -- When the customer is seen; `blocked` adds the service's buffer after it.
  period tstzrange not null check (not isempty(period) and not lower_inf(period) and not upper_inf(period)),
  blocked tstzrange not null,
  party_size integer not null default 1 check (party_size between 1 and 100),
  status text not null default 'requested'
    check (status in ('requested', 'confirmed', 'cancelled', 'completed', 'no_show')),
  source text not null check (source in ('ai', 'staff', 'api')),
  notes text check (notes is null or length(notes) <= 1000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (lower(blocked) = lower(period) and upper(blocked) >= upper(period)),
  foreign key (tenant_id, branch_id) references public.branches (tenant_id, id) on delete cascade,
  foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete cascade,
  foreign key (tenant_id, resource_id) references public.resources (tenant_id, id) on delete cascade,
  constraint appointments_no_double_booking exclude using gist
    (resource_id with =, unit with =, blocked with &&) where (status in ('requested', 'confirmed'))
);
create index appointments_tenant_start_idx on public.appointments (tenant_id, lower(period));
create index appointments_lead_idx on public.appointments (lead_id, lower(period));
create index appointments_resource_blocked_idx on public.appointments using gist (resource_id, blocked);

-- Who changed an appointment, what and when. actor_user_id null: the AI, the customer's
-- button, the CLI or the API (source says which).
create table public.appointment_events (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  appointment_id uuid not null references public.appointments (id) on delete cascade,
  action text not null check (action in ('created', 'rescheduled', 'confirmed', 'cancelled',
    'completed', 'no_show')),
  source text not null check (source in ('ai', 'staff', 'api')),
  actor_user_id uuid references auth.users (id) on delete set null,
  from_status text,
  to_status text,
  from_period tstzrange,
  to_period tstzrange,
  note text check (note is null or length(note) <= 500),
  created_at timestamptz not null default now()
);
create index appointment_events_appointment_idx on public.appointment_events (appointment_id, created_at);

create trigger services_touch before update on public.services
  for each row execute function public.touch_updated_at();
create trigger resources_touch before update on public.resources
  for each row execute function public.touch_updated_at();
create trigger appointments_touch before update on public.appointments
  for each row execute function public.touch_updated_at();

do $$
declare
  t text;
begin
  foreach t in array array['services', 'service_branches', 'resources', 'resource_services',
    'closures', 'appointments', 'appointment_events']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from anon, authenticated', t);
    execute format('grant select, insert, update, delete on table public.%I to service_role', t);
    execute format('grant select on table public.%I to authenticated', t);
    execute format('create policy %I on public.%I for select to authenticated using ((select public.is_tenant_member(tenant_id)))',
      t || '_member_read', t);
  end loop;
end $$;
