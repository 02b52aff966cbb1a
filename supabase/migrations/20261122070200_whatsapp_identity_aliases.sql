-- WhatsApp (2026) gives a customer two ids: the phone (wa_id) and a business-scoped user id
-- (BSUID, "US.1349…"). A customer who adopts a username stops sending the phone; one who writes
-- from an older client may send only the phone. Keyed by one id alone, the same person became two
-- leads with two conversations. The contact now also carries `alias_ids` (the other id seen with
-- it): a lead is found by its id or any alias, and every id seen is kept as an identity of that
-- lead. Two leads that already exist are never merged here (an id owned by another lead stays
-- with it). Otherwise as in 20261122010100.

create or replace function internal.resolve_webhook_lead(
  p_conn public.channel_connections,
  p_contact jsonb,
  p_at timestamptz
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_external_id text := p_contact ->> 'external_id';
  v_name text := nullif(btrim(p_contact ->> 'name'), '');
  v_phone text := nullif(p_contact ->> 'phone', '');
  v_username text := nullif(p_contact ->> 'username', '');
  v_ids text[];
  v_lead_id uuid;
  v_created boolean := false;
  v_alias_at timestamptz;
begin
  select array_agg(distinct id) into v_ids
  from (
    select v_external_id as id
    union all
    select a #>> '{}' from jsonb_array_elements(
      case when jsonb_typeof(p_contact -> 'alias_ids') = 'array' then p_contact -> 'alias_ids' else '[]'::jsonb end) a
    where jsonb_typeof(a) = 'string' and a #>> '{}' <> ''
  ) ids;

  -- The caller holds the lock of the keyed id; the aliases' locks serialise this with a delivery
  -- keyed by one of them. No cycle: only phone-keyed events carry aliases (BSUIDs), and a
  -- BSUID-keyed event carries none.
  perform pg_advisory_xact_lock(hashtextextended(p_conn.tenant_id::text || '/' || p_conn.channel || '/' || id, 0))
  from unnest(v_ids) id where id <> v_external_id order by id;

  -- The id the event is keyed by first, then any alias.
  select i.lead_id into v_lead_id from public.lead_identities i
  where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.external_id = any (v_ids)
  order by (i.external_id = v_external_id) desc, i.created_at
  limit 1;

  if v_lead_id is not null then
    update public.leads l set
      name = coalesce(l.name, v_name),
      phone = coalesce(l.phone, v_phone),
      last_message_at = greatest(l.last_message_at, p_at)
    where l.id = v_lead_id;
    update public.lead_identities i set phone = coalesce(i.phone, v_phone), username = coalesce(i.username, v_username)
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.lead_id = v_lead_id
      and i.external_id = any (v_ids)
      and ((i.phone is null and v_phone is not null) or (i.username is null and v_username is not null));
  else
    insert into public.leads (tenant_id, name, origin_channel, phone, last_message_at)
    values (p_conn.tenant_id, v_name, p_conn.channel, v_phone, p_at)
    returning id into v_lead_id;
    v_created := true;
    -- Messenger/Instagram payloads carry no name: the profile is fetched later, never on the ack path.
    if p_conn.channel in ('facebook', 'instagram') then
      insert into public.jobs (tenant_id, job_type, payload, dedupe_key)
      values (p_conn.tenant_id, 'fetch_profile', jsonb_build_object('lead_id', v_lead_id), 'fetch_profile:' || v_lead_id)
      on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing;
    end if;
  end if;

  -- Every id seen becomes this lead's, unless another lead already owns it. Replies go to the
  -- lead's newest identity (outbound_begin_send), so an alias is dated before the lead's other
  -- identities: learning a BSUID never moves replies off the phone they went to.
  select least(min(i.created_at), clock_timestamp()) - interval '1 microsecond' into v_alias_at
  from public.lead_identities i where i.lead_id = v_lead_id;
  insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone, username, created_at)
  select p_conn.tenant_id, v_lead_id, p_conn.channel, id, v_phone, v_username,
    case when id = v_external_id then clock_timestamp() else coalesce(v_alias_at, clock_timestamp() - interval '1 microsecond') end
  from unnest(v_ids) id
  on conflict do nothing;

  return jsonb_build_object('lead_id', v_lead_id, 'created', v_created);
end $$;

revoke all on function internal.resolve_webhook_lead(public.channel_connections, jsonb, timestamptz) from public;
