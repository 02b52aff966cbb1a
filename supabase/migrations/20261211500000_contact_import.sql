-- Contact import (issue 17 §5): staff or the CLI bring the contacts of a CSV (the previous
-- provider's export, or any spreadsheet) in as leads.
--
-- The file is parsed, normalised (E.164 phones, lower-case emails and Instagram usernames) and
-- merged within itself in TypeScript (src/contacts/); this function receives the distinct
-- contacts and applies them in ONE transaction, so an import is all or nothing. A dry run runs
-- the very same code inside a block that is then rolled back, so its summary is exactly what the
-- apply will do.
--
-- Dedupe against existing leads, in this order: phone (the WhatsApp identity, then the lead's
-- phone field), email, platform id (Instagram username, the previous provider's contact id).
-- A matched lead only gains what it lacks (blank fields, tags, identities): staff's data is never
-- overwritten, and a second import of the same file finds nothing to change.
--
-- A later message joins the imported lead with no change to ingest: each imported phone becomes a
-- WhatsApp identity (external id = the wa_id WhatsApp sends: E.164 digits, and for a Mexican
-- mobile also the legacy 52 1 form), which resolve_webhook_lead finds first.
--
-- leads.import_origin keeps where an imported contact came from:
--   { source: 'import', file_name, row, imported_at, ids: { vambe_contact_id? }, instagram_username?, platform? }

alter table public.leads add column import_origin jsonb;
alter table public.leads add constraint leads_import_origin_check
  check (import_origin is null or (jsonb_typeof(import_origin) = 'object' and import_origin ->> 'source' = 'import'));

-- The lookups of an import, one per dedupe key, so a 10,000-row file against 10,000 leads stays
-- an index probe per row.
create index leads_phone_digits_idx on public.leads (tenant_id, internal.search_digits(phone))
  where phone is not null and merged_into_id is null;
create index leads_email_lower_idx on public.leads (tenant_id, lower(email))
  where email is not null and merged_into_id is null;
create index leads_import_instagram_idx on public.leads (tenant_id, (import_origin ->> 'instagram_username'))
  where import_origin ? 'instagram_username' and merged_into_id is null;
create index leads_import_vambe_idx on public.leads (tenant_id, (import_origin #>> '{ids,vambe_contact_id}'))
  where import_origin is not null and merged_into_id is null;
create index lead_identities_instagram_username_idx on public.lead_identities (tenant_id, lower(username))
  where channel = 'instagram' and username is not null;

-- The wa_ids a phone may arrive as. Meta sends a Mexican mobile as 52 1 + ten digits (the form
-- before Mexico's 2019 dialling change) while E.164 today is 52 + ten digits: both are this person.
create or replace function internal.import_whatsapp_ids(p_phone text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select case
    when p_phone is null or p_phone !~ '^\+[1-9][0-9]{6,14}$' then '{}'::text[]
    when p_phone ~ '^\+52[0-9]{10}$' then array[substr(p_phone, 2), '521' || substr(p_phone, 4)]
    else array[substr(p_phone, 2)]
  end
$$;
revoke all on function internal.import_whatsapp_ids(text) from public, anon, authenticated, service_role;

-- One contact: find its lead (or create it), fill what the lead lacks. Returns
-- { outcome: 'created' | 'updated' | 'unchanged', lead_id, matched_by }.
create or replace function internal.import_one_contact(p_tenant_id uuid, p_origin jsonb, p_tags jsonb, p_contact jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_name text := nullif(btrim(p_contact ->> 'name'), '');
  v_phone text := nullif(p_contact ->> 'phone', '');
  v_email text := lower(nullif(btrim(p_contact ->> 'email'), ''));
  v_instagram text := lower(nullif(btrim(p_contact ->> 'instagram'), ''));
  v_vambe text := nullif(btrim(p_contact ->> 'vambe_contact_id'), '');
  v_notes text := nullif(btrim(p_contact ->> 'notes'), '');
  v_platform text := p_contact ->> 'platform';
  v_wa_ids text[] := internal.import_whatsapp_ids(nullif(p_contact ->> 'phone', ''));
  v_origin jsonb;
  v_lead public.leads;
  v_by text;
  v_changed boolean := false;
  v_count integer;
begin
  v_origin := p_origin || jsonb_build_object('row', (p_contact ->> 'row')::integer)
    || jsonb_strip_nulls(jsonb_build_object(
      'ids', case when v_vambe is not null then jsonb_build_object('vambe_contact_id', v_vambe) end,
      'instagram_username', v_instagram,
      'platform', v_platform));

  if cardinality(v_wa_ids) > 0 then
    select l.* into v_lead from public.lead_identities i join public.leads l on l.id = i.lead_id
    where i.tenant_id = p_tenant_id and i.channel = 'whatsapp' and i.external_id = any (v_wa_ids)
      and l.merged_into_id is null
    order by i.created_at limit 1;
    if v_lead.id is null then
      select l.* into v_lead from public.leads l
      where l.tenant_id = p_tenant_id and l.phone is not null and l.merged_into_id is null
        and internal.search_digits(l.phone) = any (v_wa_ids)
      order by l.created_at limit 1;
    end if;
    v_by := case when v_lead.id is not null then 'phone' end;
  end if;
  if v_lead.id is null and v_email is not null then
    select l.* into v_lead from public.leads l
    where l.tenant_id = p_tenant_id and l.email is not null and l.merged_into_id is null and lower(l.email) = v_email
    order by l.created_at limit 1;
    v_by := case when v_lead.id is not null then 'email' end;
  end if;
  if v_lead.id is null and v_instagram is not null then
    select l.* into v_lead from public.lead_identities i join public.leads l on l.id = i.lead_id
    where i.tenant_id = p_tenant_id and i.channel = 'instagram' and i.username is not null
      and lower(i.username) = v_instagram and l.merged_into_id is null
    order by i.created_at limit 1;
    if v_lead.id is null then
      select l.* into v_lead from public.leads l
      where l.tenant_id = p_tenant_id and l.import_origin ? 'instagram_username' and l.merged_into_id is null
        and l.import_origin ->> 'instagram_username' = v_instagram
      order by l.created_at limit 1;
    end if;
    v_by := case when v_lead.id is not null then 'instagram' end;
  end if;
  if v_lead.id is null and v_vambe is not null then
    select l.* into v_lead from public.leads l
    where l.tenant_id = p_tenant_id and l.import_origin is not null and l.merged_into_id is null
      and l.import_origin #>> '{ids,vambe_contact_id}' = v_vambe
    order by l.created_at limit 1;
    v_by := case when v_lead.id is not null then 'vambe_contact_id' end;
  end if;

  if v_lead.id is null then
    insert into public.leads (tenant_id, name, origin_channel, phone, email, notes, import_origin)
    values (p_tenant_id, v_name,
      coalesce(v_platform, case when v_phone is not null then 'whatsapp' when v_instagram is not null then 'instagram' else 'whatsapp' end),
      v_phone, v_email, v_notes, v_origin)
    returning * into v_lead;
  elsif (v_lead.name is null and v_name is not null) or (v_lead.phone is null and v_phone is not null)
      or (v_lead.email is null and v_email is not null) or (v_lead.notes is null and v_notes is not null)
      or v_lead.import_origin is null then
    update public.leads l set
      name = coalesce(l.name, v_name),
      phone = coalesce(l.phone, v_phone),
      email = coalesce(l.email, v_email),
      notes = coalesce(l.notes, v_notes),
      import_origin = coalesce(l.import_origin, v_origin)
    where l.id = v_lead.id;
    v_changed := true;
  end if;

  -- The phone's WhatsApp ids, unless another lead already owns one (that lead is another person
  -- as far as our records go; staff can merge them).
  if cardinality(v_wa_ids) > 0 then
    insert into public.lead_identities (tenant_id, lead_id, channel, external_id, phone, created_at)
    select p_tenant_id, v_lead.id, 'whatsapp', id, v_phone, clock_timestamp() - (n || ' microseconds')::interval
    from unnest(v_wa_ids) with ordinality x(id, n)
    on conflict do nothing;
    get diagnostics v_count = row_count;
    v_changed := v_changed or v_count > 0;
  end if;

  if jsonb_typeof(p_contact -> 'tags') = 'array' then
    insert into public.lead_tags (lead_id, tag_id, tenant_id)
    select v_lead.id, (p_tags ->> lower(t #>> '{}'))::uuid, p_tenant_id
    from jsonb_array_elements(p_contact -> 'tags') t
    where p_tags ? lower(t #>> '{}')
    on conflict do nothing;
    get diagnostics v_count = row_count;
    v_changed := v_changed or v_count > 0;
  end if;

  return jsonb_build_object('lead_id', v_lead.id, 'matched_by', v_by,
    'outcome', case when v_by is null then 'created' when v_changed then 'updated' else 'unchanged' end);
end $$;
revoke all on function internal.import_one_contact(uuid, jsonb, jsonb, jsonb) from public, anon, authenticated, service_role;

-- The whole import. p_contacts: [{ row, name?, phone? (E.164), email?, instagram?, vambe_contact_id?,
-- platform?, tags?: string[], notes? }], already distinct within the file.
create or replace function public.dashboard_import_contacts(p_tenant_id uuid, p_file_name text, p_contacts jsonb, p_dry_run boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_origin jsonb;
  v_tags jsonb := '{}'::jsonb;
  v_contact jsonb;
  v_result jsonb;
  v_created integer := 0;
  v_updated integer := 0;
  v_unchanged integer := 0;
  v_matches jsonb := '[]'::jsonb;
  v_new_tags integer := 0;
begin
  if coalesce(auth.role(), '') <> 'service_role' then
    perform internal.require_member(p_tenant_id, 'admin');
  end if;
  if jsonb_typeof(p_contacts) is distinct from 'array' then
    raise exception 'contacts must be a JSON array' using errcode = 'PT400', hint = 'invalid_contacts';
  end if;
  if jsonb_array_length(p_contacts) > 20000 then
    raise exception 'at most 20000 contacts per import' using errcode = 'PT400', hint = 'too_many_contacts';
  end if;
  if char_length(coalesce(btrim(p_file_name), '')) not between 1 and 200 then
    raise exception 'file name must be 1 to 200 characters' using errcode = 'PT400', hint = 'invalid_file_name';
  end if;
  if not exists (select 1 from public.tenants t where t.id = p_tenant_id) then
    raise exception 'tenant not found' using errcode = 'PT404';
  end if;
  v_origin := jsonb_build_object('source', 'import', 'file_name', btrim(p_file_name), 'imported_at', now());

  begin
    -- The file's tags: the tenant's existing ones by name (any case), the rest created.
    with wanted as (
      select distinct on (lower(btrim(t #>> '{}'))) btrim(t #>> '{}') as name
      from jsonb_array_elements(p_contacts) c, jsonb_array_elements(case when jsonb_typeof(c -> 'tags') = 'array' then c -> 'tags' else '[]' end) t
      where char_length(btrim(t #>> '{}')) between 1 and 40
    ), created as (
      insert into public.tags (tenant_id, name)
      select p_tenant_id, w.name from wanted w
      on conflict (tenant_id, lower(name)) do nothing
      returning id
    )
    select count(*) into v_new_tags from created;
    select coalesce(jsonb_object_agg(lower(t.name), t.id), '{}') into v_tags
    from public.tags t where t.tenant_id = p_tenant_id;

    for v_contact in select c from jsonb_array_elements(p_contacts) c loop
      v_result := internal.import_one_contact(p_tenant_id, v_origin, v_tags, v_contact);
      case v_result ->> 'outcome'
        when 'created' then v_created := v_created + 1;
        when 'updated' then v_updated := v_updated + 1;
        else v_unchanged := v_unchanged + 1;
      end case;
      if v_result ->> 'matched_by' is not null and jsonb_array_length(v_matches) < 200 then
        v_matches := v_matches || jsonb_build_array(jsonb_build_object('row', (v_contact ->> 'row')::integer,
          'lead_id', v_result ->> 'lead_id', 'matched_by', v_result ->> 'matched_by', 'outcome', v_result ->> 'outcome'));
      end if;
    end loop;

    if p_dry_run then
      -- Local variables keep their values; every row written above is rolled back.
      raise exception 'dry run' using errcode = 'PT299';
    end if;
  exception when sqlstate 'PT299' then
    null;
  end;

  return jsonb_build_object('dry_run', p_dry_run, 'contacts', jsonb_array_length(p_contacts),
    'created', v_created, 'updated', v_updated, 'unchanged', v_unchanged, 'new_tags', v_new_tags,
    'matches', v_matches);
end $$;
revoke all on function public.dashboard_import_contacts(uuid, text, jsonb, boolean) from public, anon;
grant execute on function public.dashboard_import_contacts(uuid, text, jsonb, boolean) to authenticated, service_role;
comment on function public.dashboard_import_contacts(uuid, text, jsonb, boolean) is '@returns { dry_run: boolean; contacts: number; created: number; updated: number; unchanged: number; new_tags: number; matches: Array<{ row: number; lead_id: string; matched_by: ''phone'' | ''email'' | ''instagram'' | ''vambe_contact_id''; outcome: ''updated'' | ''unchanged'' }> }';

-- Instagram names no username in its webhooks: the profile fetch (fetch_profile job →
-- profile_record) learns it. When it is an imported contact's username, and that imported lead has
-- no Instagram identity yet, the new lead joins the imported one: everything of the new lead moves
-- to it as a merge does (dashboard_merge_leads; recorded in lead_merges, so staff can undo it).
create or replace function internal.import_join_instagram(p_lead_id uuid, p_username text)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_new public.leads;
  v_imported public.leads;
  v_moved jsonb;
  v_before jsonb;
  v_after jsonb;
  v_score integer;
begin
  select * into v_new from public.leads l where l.id = p_lead_id;
  select * into v_imported from public.leads l
  where l.tenant_id = v_new.tenant_id and l.id <> p_lead_id and l.merged_into_id is null
    and l.import_origin ? 'instagram_username' and l.import_origin ->> 'instagram_username' = lower(btrim(p_username))
    and not exists (select 1 from public.lead_identities i where i.lead_id = l.id and i.channel = 'instagram')
  order by l.created_at limit 1;
  if v_imported.id is null or v_new.merged_into_id is not null or v_new.import_origin is not null then
    return null;
  end if;
  perform internal.lock_leads_for_merge(v_new.tenant_id, v_imported.id, p_lead_id);

  with conversations as (
    update public.conversations c set lead_id = v_imported.id where c.lead_id = p_lead_id returning c.id),
  messages as (
    update public.messages m set lead_id = v_imported.id where m.lead_id = p_lead_id returning m.id),
  appointments as (
    update public.appointments a set lead_id = v_imported.id where a.lead_id = p_lead_id returning a.id),
  identities as (
    update public.lead_identities i set lead_id = v_imported.id where i.lead_id = p_lead_id returning i.id),
  score_events as (
    update public.lead_score_events e set lead_id = v_imported.id where e.lead_id = p_lead_id returning e.id),
  changes as (
    update public.lead_changes h set lead_id = v_imported.id where h.lead_id = p_lead_id returning h.id),
  tags as (
    insert into public.lead_tags (lead_id, tag_id, tenant_id)
    select v_imported.id, t.tag_id, t.tenant_id from public.lead_tags t where t.lead_id = p_lead_id
    on conflict do nothing returning tag_id)
  select jsonb_build_object(
    'conversations', (select coalesce(jsonb_agg(id), '[]') from conversations),
    'messages', (select coalesce(jsonb_agg(id), '[]') from messages),
    'appointments', (select coalesce(jsonb_agg(id), '[]') from appointments),
    'lead_identities', (select coalesce(jsonb_agg(id), '[]') from identities),
    'lead_score_events', (select coalesce(jsonb_agg(id), '[]') from score_events),
    'lead_changes', (select coalesce(jsonb_agg(id), '[]') from changes),
    'lead_tags_added', (select coalesce(jsonb_agg(tag_id), '[]') from tags))
  into v_moved;

  v_score := greatest(v_imported.score, v_new.score);
  v_before := internal.lead_contact(v_imported) || jsonb_build_object('score', v_imported.score,
    'last_message_at', v_imported.last_message_at);
  update public.leads l set
    name = coalesce(l.name, v_new.name),
    phone = coalesce(l.phone, v_new.phone),
    email = coalesce(l.email, v_new.email),
    profile_picture_url = coalesce(l.profile_picture_url, v_new.profile_picture_url),
    profile_fetched_at = coalesce(v_new.profile_fetched_at, now()),
    score = v_score,
    classification = internal.lead_classification(v_score),
    last_message_at = greatest(l.last_message_at, v_new.last_message_at)
  where l.id = v_imported.id
  returning internal.lead_contact(l) || jsonb_build_object('score', l.score, 'last_message_at', l.last_message_at)
  into v_after;
  update public.leads l set merged_into_id = v_imported.id, merged_at = clock_timestamp() where l.id = p_lead_id;
  insert into public.lead_merges (tenant_id, survivor_id, merged_id, moved, survivor_before, survivor_after, merged_by)
  values (v_new.tenant_id, v_imported.id, p_lead_id, v_moved, v_before, v_after, null);
  insert into public.lead_changes (tenant_id, lead_id, kind, changes, other_lead_id, changed_by)
  values (v_new.tenant_id, v_imported.id, 'merge',
      internal.lead_contact_diff(v_before - 'last_message_at', v_after - 'last_message_at'), p_lead_id, null),
    (v_new.tenant_id, p_lead_id, 'merged_away', '{}'::jsonb, v_imported.id, null);
  return v_imported.id;
end $$;
revoke all on function internal.import_join_instagram(uuid, text) from public, anon, authenticated, service_role;

-- profile_record as before (20261206000600_outbound.sql), then the join above for Instagram.
create or replace function public.profile_record(p_lead_id uuid, p_external_id text, p_name text, p_username text, p_picture_url text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_lead public.leads;
begin
  update public.leads set
    name = coalesce(name, nullif(btrim(p_name), '')),
    profile_picture_url = coalesce(nullif(p_picture_url, ''), profile_picture_url),
    profile_fetched_at = now()
  where id = p_lead_id
  returning * into v_lead;
  if not found then
    raise exception 'lead % not found', p_lead_id using errcode = 'PT404';
  end if;
  if nullif(btrim(p_username), '') is not null then
    update public.lead_identities set username = btrim(p_username)
    where lead_id = p_lead_id and channel = v_lead.origin_channel and external_id = p_external_id;
    if v_lead.origin_channel = 'instagram' then
      perform internal.import_join_instagram(p_lead_id, p_username);
    end if;
  end if;
  return jsonb_build_object('id', v_lead.id, 'name', v_lead.name,
    'profile_picture_url', v_lead.profile_picture_url, 'profile_fetched_at', v_lead.profile_fetched_at);
end $$;
