-- Rate limits for sign-in, sign-up, magic links, password resets and invitations (issue 13),
-- kept in Postgres because serverless instances share nothing, and Supabase Auth's own limits
-- only see our servers' addresses. Keys are sha256 digests made in TypeScript (never a raw
-- address or email). Fixed windows: one row per (bucket, key, window). The table belongs to
-- no tenant and no role but the owner reads it: it lives in `internal`, outside the Data API.

create table internal.rate_limit_counters (
  bucket text not null check (bucket ~ '^[a-z_]{1,40}$'),
  key_hash bytea not null check (octet_length(key_hash) = 32),
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (bucket, key_hash, window_start)
);
alter table internal.rate_limit_counters enable row level security;
revoke all on table internal.rate_limit_counters from public, anon, authenticated, service_role;

-- Counts one attempt against every key given (e.g. the IP and the email) and says whether all
-- are still within their limit; when not, how many seconds until the earliest window ends.
-- p_rules: [{ "bucket": "sign_in_ip", "key": "<64 hex>", "limit": 20, "window_seconds": 600 }, …]
create or replace function public.rate_limit_hit(p_rules jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_rule jsonb;
  v_window integer;
  v_limit integer;
  v_start timestamptz;
  v_hits integer;
  v_allowed boolean := true;
  v_retry integer := 0;
begin
  if jsonb_typeof(p_rules) <> 'array' or jsonb_array_length(p_rules) not between 1 and 4 then
    raise exception 'rules must be an array of 1 to 4' using errcode = 'PT400';
  end if;
  for v_rule in select * from jsonb_array_elements(p_rules) loop
    v_window := (v_rule ->> 'window_seconds')::integer;
    v_limit := (v_rule ->> 'limit')::integer;
    if v_window not between 1 and 86400 or v_limit not between 1 and 10000 then
      raise exception 'window 1..86400 s, limit 1..10000' using errcode = 'PT400';
    end if;
    v_start := to_timestamp(floor(extract(epoch from now()) / v_window) * v_window);
    insert into internal.rate_limit_counters as c (bucket, key_hash, window_start, hits)
    values (v_rule ->> 'bucket', internal.token_hash_bytes(v_rule ->> 'key'), v_start, 1)
    on conflict (bucket, key_hash, window_start) do update set hits = c.hits + 1
    returning hits into v_hits;
    if v_hits > v_limit then
      v_allowed := false;
      v_retry := greatest(v_retry,
        ceil(extract(epoch from (v_start + make_interval(secs => v_window) - now())))::integer);
    end if;
  end loop;
  -- Old windows go a few at a time, so the table stays small without a job of its own.
  delete from internal.rate_limit_counters c
  where c.ctid in (select ctid from internal.rate_limit_counters
                   where window_start < now() - interval '1 day' limit 50);
  return jsonb_build_object('allowed', v_allowed, 'retry_after_seconds', v_retry);
end $$;
revoke all on function public.rate_limit_hit(jsonb) from public, anon, authenticated;
grant execute on function public.rate_limit_hit(jsonb) to service_role;
comment on function public.rate_limit_hit(jsonb) is '@returns { allowed: boolean; retry_after_seconds: number }';
