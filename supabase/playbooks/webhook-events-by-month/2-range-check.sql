-- Step 2 of 3 (online). The index of step 1 becomes a unique constraint (a moment's lock, no
-- scan): attaching a partition reuses a child index for the parent's key only through one.
do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'webhook_events_id_received_key') then
    alter table public.webhook_events add constraint webhook_events_id_received_key
      unique using index webhook_events_id_received_key;
  end if;
end $$;
-- A CHECK that every row is older than the first month boundary lets step 3
-- attach the table as a partition without scanning it under a lock. NOT VALID takes the lock only
-- for a moment; VALIDATE scans while inserts keep going (SHARE UPDATE EXCLUSIVE).
-- The boundary is the first day of the month after next: webhooks keep arriving here until then,
-- and step 3 has at least a month to run.
do $$
declare
  v_boundary timestamptz := date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' + interval '2 months';
begin
  if not exists (select 1 from pg_constraint where conname = 'webhook_events_before_partitioning') then
    execute format('alter table public.webhook_events add constraint webhook_events_before_partitioning '
      'check (received_at < %L::timestamptz) not valid', v_boundary);
  end if;
end $$;
alter table public.webhook_events validate constraint webhook_events_before_partitioning;
