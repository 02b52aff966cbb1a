-- ingest_platform_webhook found each event's connection by testing every live platform-app
-- connection of the channel (events x connections). Now each event is one index lookup by the
-- id column its channel routes by (the unique indexes on live connections), whatever the number
-- of tenants.

create index channel_connections_business_account_id_idx
  on public.channel_connections (business_account_id) where business_account_id is not null and mode = 'live';

create or replace function public.ingest_platform_webhook(
  p_channel text,
  p_events jsonb,
  p_body_bytes integer default null,
  p_ignored integer default 0,
  p_detail text default null,
  p_duration_ms numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_routing jsonb;
  v_part jsonb;
  v_conn public.channel_connections;
  v_keys text[];
  v_result jsonb;
  v_parts jsonb := '[]'::jsonb;
  v_unrouted integer;
begin
  if jsonb_typeof(p_events) is distinct from 'array' then
    raise exception 'events must be a JSON array' using errcode = 'PT400';
  end if;
  -- Each reachable connection with its events (in delivery order), and how many events none owns.
  with numbered as (
    select x.e, x.n, x.e ->> 'account_id' as account, coalesce(x.e ->> 'account_id_kind', '') as kind
    from jsonb_array_elements(p_events) with ordinality as x(e, n)
  ), candidates as (
    select x.n, c.id from numbered x join public.channel_connections c
      on c.phone_number_id = x.account and c.mode = 'live'
      where p_channel = 'whatsapp' and x.kind = ''
    union all
    select x.n, c.id from numbered x join public.channel_connections c
      on c.page_id = x.account and c.channel = p_channel and c.mode = 'live'
      where p_channel = 'facebook' and x.kind = ''
    union all
    select x.n, c.id from numbered x join public.channel_connections c
      on c.instagram_account_id = x.account and c.mode = 'live'
      where p_channel = 'instagram' and x.kind = ''
    union all
    select x.n, c.id from numbered x join public.channel_connections c
      on c.tiktok_business_id = x.account and c.mode = 'live'
      where p_channel = 'tiktok' and x.kind = ''
    union all
    select x.n, c.id from numbered x join public.channel_connections c
      on c.business_account_id = x.account and c.mode = 'live'
      where x.kind = 'business_account'
  ), matched as (
    select c.id as conn_id, c.tenant_id, x.e, x.n from candidates m
    join numbered x on x.n = m.n
    join public.channel_connections c on c.id = m.id
    where c.channel = p_channel and c.app_kind = 'platform' and c.status <> 'disconnected'
  ), parts as (
    select m.conn_id, m.tenant_id, jsonb_agg(m.e order by m.n) as events from matched m
    group by m.conn_id, m.tenant_id
  )
  select jsonb_build_object(
    'parts', coalesce((select jsonb_agg(jsonb_build_object('conn_id', p.conn_id, 'tenant_id', p.tenant_id,
      'events', p.events) order by p.tenant_id, p.conn_id) from parts p), '[]'::jsonb),
    'unrouted', (select count(*) from numbered x where not exists (select 1 from matched m where m.n = x.n)))
  into v_routing;
  v_unrouted := (v_routing ->> 'unrouted')::integer;

  -- Every part's people first, in the one global order; then each part (tenant order).
  select coalesce(array_agg(k), '{}') into v_keys
  from jsonb_array_elements(v_routing -> 'parts') p,
    unnest(internal.webhook_person_keys((p ->> 'tenant_id')::uuid, p_channel, p -> 'events')) k;
  perform internal.lock_webhook_people(v_keys);

  for v_part in select p from jsonb_array_elements(v_routing -> 'parts') p loop
    select * into v_conn from public.channel_connections c where c.id = (v_part ->> 'conn_id')::uuid;
    v_result := internal.ingest_webhook_unchecked(v_conn, v_part -> 'events', 0, null, p_body_bytes, 0, null,
      p_duration_ms);
    v_parts := v_parts || jsonb_build_array(v_result || jsonb_build_object('tenant_id', v_conn.tenant_id));
  end loop;

  if v_unrouted > 0 or jsonb_array_length(v_parts) = 0 then
    insert into public.webhook_events (channel, outcome, http_status, body_bytes, event_count, skipped_count,
      duration_ms, detail)
    values (p_channel, 'unrouted', 200, p_body_bytes, v_unrouted + coalesce(p_ignored, 0), v_unrouted,
      least(p_duration_ms, 9999999), left(p_detail, 500));
  end if;
  return jsonb_build_object('events', jsonb_array_length(p_events), 'skipped', v_unrouted, 'parts', v_parts);
end $$;
