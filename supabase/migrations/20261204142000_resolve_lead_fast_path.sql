-- resolve_webhook_lead got ~2.5x slower inside PostgreSQL with the WhatsApp aliases (bench:
-- 0.29 -> 0.78 ms own time per call), because every message from a known person also aggregated its
-- ids, dated aliases and ran an INSERT ... ON CONFLICT for identities that already exist. Now a
-- contact without aliases takes the pre-alias path (one indexed lookup; a new person gets a plain
-- insert), and with aliases identities are inserted only for ids no lead owns yet (the lookup
-- already says which). Behaviour as in 20261122070200.

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
  v_known text[];
  v_lead_id uuid;
  v_created boolean := false;
  v_alias_at timestamptz;
begin
  if jsonb_typeof(p_contact -> 'alias_ids') = 'array' and jsonb_array_length(p_contact -> 'alias_ids') > 0 then
    select array_agg(distinct id) into v_ids
    from (
      select v_external_id as id
      union all
      select a #>> '{}' from jsonb_array_elements(p_contact -> 'alias_ids') a
      where jsonb_typeof(a) = 'string' and a #>> '{}' <> ''
    ) ids;
    -- The caller holds the lock of the keyed id; the aliases' locks serialise this with a delivery
    -- keyed by one of them. No cycle: only phone-keyed events carry aliases (BSUIDs), and a
    -- BSUID-keyed event carries none.
    perform pg_advisory_xact_lock(hashtextextended(p_conn.tenant_id::text || '/' || p_conn.channel || '/' || id, 0))
    from unnest(v_ids) id where id <> v_external_id order by id;
  else
    v_ids := array[v_external_id];
  end if;

  -- The id the event is keyed by first, then any alias; and which ids some lead already owns.
  if cardinality(v_ids) = 1 then
    select i.lead_id into v_lead_id from public.lead_identities i
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.external_id = v_external_id;
    v_known := case when v_lead_id is not null then v_ids end;
  else
    select (array_agg(i.lead_id order by (i.external_id = v_external_id) desc, i.created_at))[1],
      array_agg(i.external_id)
    into v_lead_id, v_known
    from public.lead_identities i
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.external_id = any (v_ids);
  end if;

  if v_lead_id is not null then
    update public.leads l set
      name = coalesce(l.name, v_name),
      phone = coalesce(l.phone, v_phone),
      last_message_at = greatest(l.last_message_at, p_at)
    where l.id = v_lead_id;
    if v_phone is not null or v_username is not null then
      update public.lead_identities i set phone = coalesce(i.phone, v_phone), username = coalesce(i.username, v_username)
      where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel and i.lead_id = v_lead_id
        and i.external_id = any (v_ids)
        and ((i.phone is null and v_phone is not null) or (i.username is null and v_username is not null));
    end if;
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

  -- Fast paths: every id is already known, or a new person with one id.
  if v_known is not null and v_ids <@ v_known then
    return jsonb_build_object('lead_id', v_lead_id, 'created', v_created);
  end if;
  if v_created and cardinality(v_ids) = 1 then
    insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone, username)
    values (p_conn.tenant_id, v_lead_id, p_conn.channel, v_external_id, v_phone, v_username);
    return jsonb_build_object('lead_id', v_lead_id, 'created', true);
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
  where v_known is null or id <> all (v_known)
  on conflict do nothing;

  return jsonb_build_object('lead_id', v_lead_id, 'created', v_created);
end $$;

revoke all on function internal.resolve_webhook_lead(public.channel_connections, jsonb, timestamptz) from public;
