-- Step 3 of 3: one short transaction. The table is renamed, a partitioned table takes its name
-- (same columns, defaults, checks, foreign key, row security and grants) and the old table is
-- attached as its first partition, which the validated CHECK and the index of step 1 make a
-- catalogue-only change. Functions name the table at run time, so they write to the new one.
-- lock_timeout: if a long reader holds the table, fail fast and run the step again.
begin;
set local lock_timeout = '3s';
do $$
declare
  v_boundary timestamptz;
  v_policy record;
begin
  select (regexp_match(pg_get_constraintdef(oid), '''([^'']+)'''))[1]::timestamptz into v_boundary
  from pg_constraint where conname = 'webhook_events_before_partitioning' and convalidated;
  if v_boundary is null then
    raise exception 'run steps 1 and 2 first (no validated webhook_events_before_partitioning check)';
  end if;
  if now() > v_boundary - interval '1 day' then
    raise exception 'the boundary % is too close: drop the check and run step 2 again', v_boundary;
  end if;
  if to_regclass('public.webhook_events_id_received_key') is null then
    raise exception 'run step 1 first (no webhook_events_id_received_key index)';
  end if;

  alter table public.webhook_events rename to webhook_events_before_partitioning;
  create table public.webhook_events
    (like public.webhook_events_before_partitioning including defaults including constraints)
    partition by range (received_at);
  alter table public.webhook_events drop constraint webhook_events_before_partitioning;
  -- Unique rather than primary: the old table keeps its own primary key on id as a partition.
  alter table public.webhook_events add constraint webhook_events_partitioned_key unique (id, received_at);
  alter table public.webhook_events add constraint webhook_events_partitioned_tenant_id_fkey
    foreign key (tenant_id) references public.tenants(id) on delete cascade;
  create index webhook_events_partitioned_received_idx on public.webhook_events (received_at);
  create index webhook_events_partitioned_tenant_idx on public.webhook_events (tenant_id, received_at desc);

  alter table public.webhook_events enable row level security;
  for v_policy in select * from pg_policies
    where schemaname = 'public' and tablename = 'webhook_events_before_partitioning'
  loop
    execute format('create policy %I on public.webhook_events for %s to %s using (%s)',
      v_policy.policyname, v_policy.cmd, array_to_string(v_policy.roles, ', '),
      -- The renamed table's name shows in the copied condition; the new table answers to the old one.
      replace(v_policy.qual, 'webhook_events_before_partitioning.', 'webhook_events.'));
  end loop;
  revoke all on table public.webhook_events from public, anon;
  grant select on table public.webhook_events to authenticated;
  grant select, insert, update, delete on table public.webhook_events to service_role;

  execute format('alter table public.webhook_events attach partition public.webhook_events_before_partitioning '
    'for values from (minvalue) to (%L)', v_boundary);
  -- Nothing is ever refused for want of a partition: a row past the months created lands here.
  create table public.webhook_events_default partition of public.webhook_events default;
  perform internal.create_webhook_event_partitions(v_boundary, 3);
end $$;
commit;
