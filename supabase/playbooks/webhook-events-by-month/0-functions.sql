-- Run first (any time): the function that creates the coming months' partitions. Call it from
-- the daily sweep or pg_cron after step 3 (`select internal.create_webhook_event_partitions(now(), 3)`):
-- each month must exist before its first webhook, so the default partition stays empty.
create or replace function internal.create_webhook_event_partitions(p_from timestamptz, p_months integer)
returns integer language plpgsql security definer set search_path = '' as $$
declare
  v_start timestamptz;
  v_created integer := 0;
  v_name text;
begin
  if p_months not between 1 and 24 then
    raise exception 'months must be between 1 and 24';
  end if;
  for i in 0 .. p_months - 1 loop
    v_start := date_trunc('month', p_from at time zone 'UTC') at time zone 'UTC' + make_interval(months => i);
    v_name := 'webhook_events_' || to_char(v_start at time zone 'UTC', 'YYYY_MM');
    -- A month the first partition still covers is skipped (the attach would overlap it).
    continue when exists (
      select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'public.webhook_events'::regclass
        and pg_get_expr(c.relpartbound, c.oid) like '%MINVALUE%'
        and v_start < (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz);
    if to_regclass('public.' || v_name) is null then
      execute format('create table public.%I partition of public.webhook_events for values from (%L) to (%L)',
        v_name, v_start, v_start + interval '1 month');
      v_created := v_created + 1;
    end if;
  end loop;
  return v_created;
end $$;
revoke all on function internal.create_webhook_event_partitions(timestamptz, integer) from public;
