-- Lead editing and merging (issue 18 §2).
--
-- Editing: staff change a lead's contact fields (name, phone, email, notes) and lifecycle stage.
-- The phone edited here is a contact field only: the channel's own identifiers (wa_id, PSID,
-- Instagram id) stay in lead_identities untouched, so ingest and replies keep working. Every
-- edit writes one lead_changes row (who, when, each field's before and after).
--
-- Merging: the same customer reached us on two channels, so two leads. Staff merge one into the
-- other; everything that references the merged lead moves to the survivor in one transaction,
-- and the moved row ids are kept in lead_merges so an undo (within 24 hours) moves exactly those
-- back. The merged lead is kept (merged_into_id points at the survivor). Its channel identities
-- move too, so ingest (resolve_webhook_lead, keyed by identity) sends the next message straight
-- to the survivor with no change to the ingest path.
--
-- Locks, in one order for merge, undo and ingest: first the advisory lock of every channel
-- identity of both leads (the same keys ingest takes in lock_webhook_people, sorted), then the
-- two lead rows by id. So A→B and B→A at once never deadlock: the second waits, then finds a
-- lead already merged and is refused.

alter table public.leads
  add column notes text,
  add column stage text not null default 'new',
  add column merged_into_id uuid,
  add column merged_at timestamptz;
alter table public.leads add constraint leads_stage_check
  check (stage in ('new', 'contacted', 'appointment', 'customer', 'lost'));
alter table public.leads add constraint leads_merged_into_id_fkey
  foreign key (merged_into_id) references public.leads(id) on delete set null;
alter table public.leads add constraint leads_contact_lengths_check
  check (char_length(coalesce(name, '')) <= 200 and char_length(coalesce(notes, '')) <= 4000
    and char_length(coalesce(email, '')) <= 254 and char_length(coalesce(phone, '')) <= 32);
create index leads_merged_into_idx on public.leads (merged_into_id) where merged_into_id is not null;

-- The history of a lead's edits and merges. `changes` is { field: { before, after } }.
create table public.lead_changes (
  id uuid default gen_random_uuid() not null primary key,
  tenant_id uuid not null references public.tenants(id) on delete cascade,
  lead_id uuid not null references public.leads(id) on delete cascade,
  kind text not null check (kind in ('edit', 'merge', 'merged_away', 'unmerge')),
  changes jsonb not null default '{}'::jsonb check (jsonb_typeof(changes) = 'object'),
  other_lead_id uuid references public.leads(id) on delete set null,
  changed_by uuid,
  created_at timestamptz not null default clock_timestamp()
);
create index lead_changes_lead_idx on public.lead_changes (lead_id, created_at desc);
create index lead_changes_tenant_idx on public.lead_changes (tenant_id);
create index lead_changes_other_idx on public.lead_changes (other_lead_id) where other_lead_id is not null;
alter table public.lead_changes enable row level security;
create policy lead_changes_member_read on public.lead_changes for select to authenticated
  using ((select public.is_tenant_member(lead_changes.tenant_id)));
revoke all on table public.lead_changes from public, anon;
grant select on table public.lead_changes to authenticated;
grant select, insert, update, delete on table public.lead_changes to service_role;

-- One row per merge: what moved (row ids by table) and the survivor's fields before, for undo.
create table public.lead_merges (
  id uuid default gen_random_uuid() not null primary key,
  tenant_id uuid not null references public.tenants(id) on delete cascade,
  survivor_id uuid not null references public.leads(id) on delete cascade,
  merged_id uuid not null references public.leads(id) on delete cascade,
  moved jsonb not null check (jsonb_typeof(moved) = 'object'),
  survivor_before jsonb not null check (jsonb_typeof(survivor_before) = 'object'),
  survivor_after jsonb not null check (jsonb_typeof(survivor_after) = 'object'),
  merged_by uuid,
  created_at timestamptz not null default clock_timestamp(),
  undone_at timestamptz,
  undone_by uuid,
  check (survivor_id <> merged_id)
);
create index lead_merges_survivor_idx on public.lead_merges (survivor_id, created_at desc);
create index lead_merges_merged_idx on public.lead_merges (merged_id, created_at desc);
create index lead_merges_tenant_idx on public.lead_merges (tenant_id);
alter table public.lead_merges enable row level security;
create policy lead_merges_member_read on public.lead_merges for select to authenticated
  using ((select public.is_tenant_member(lead_merges.tenant_id)));
revoke all on table public.lead_merges from public, anon;
grant select on table public.lead_merges to authenticated;
grant select, insert, update, delete on table public.lead_merges to service_role;

-- A lead's editable fields as history sees them.
create or replace function internal.lead_contact(p_lead public.leads)
returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('name', p_lead.name, 'phone', p_lead.phone, 'email', p_lead.email,
    'notes', p_lead.notes, 'stage', p_lead.stage)
$$;
revoke all on function internal.lead_contact(public.leads) from public, anon, authenticated, service_role;

-- { field: { before, after } } for the fields that differ.
create or replace function internal.lead_contact_diff(p_before jsonb, p_after jsonb)
returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_object_agg(k, jsonb_build_object('before', p_before -> k, 'after', p_after -> k)),
    '{}'::jsonb)
  from jsonb_object_keys(p_after) k
  where (p_before -> k) is distinct from (p_after -> k)
$$;
revoke all on function internal.lead_contact_diff(jsonb, jsonb) from public, anon, authenticated, service_role;

-- Takes the locks of a merge or undo in the one order (see the header): the identities' advisory
-- locks, sorted, then both lead rows by id. Refuses if an identity appeared meanwhile (its
-- ingest ran without our lock; trying again takes it).
create or replace function internal.lock_leads_for_merge(p_tenant_id uuid, p_a uuid, p_b uuid)
returns void
language plpgsql set search_path = '' as $$
declare
  v_keys text[];
  v_after text[];
begin
  select coalesce(array_agg(distinct p_tenant_id::text || '/' || i.channel || '/' || i.external_id), '{}')
  into v_keys
  from public.lead_identities i where i.tenant_id = p_tenant_id and i.lead_id in (p_a, p_b);
  perform internal.lock_webhook_people(v_keys);
  perform 1 from public.leads l where l.id in (p_a, p_b) and l.tenant_id = p_tenant_id
  order by l.id for update;
  select coalesce(array_agg(distinct p_tenant_id::text || '/' || i.channel || '/' || i.external_id), '{}')
  into v_after
  from public.lead_identities i where i.tenant_id = p_tenant_id and i.lead_id in (p_a, p_b);
  if not (v_after <@ v_keys) then
    raise exception 'a message arrived while merging; try again' using errcode = 'PT409', hint = 'lead_busy';
  end if;
end $$;
revoke all on function internal.lock_leads_for_merge(uuid, uuid, uuid) from public, anon, authenticated, service_role;

-- Why an undo is refused now, or null: after 24 hours, once undone, or while a later merge of
-- either lead stands (its moved rows sit on top of this one's).
create or replace function internal.lead_merge_undo_refusal(p_merge public.lead_merges, p_now timestamptz)
returns text
language sql stable set search_path = '' as $$
  select case
    when p_merge.undone_at is not null then 'already_undone'
    when p_merge.created_at < p_now - interval '24 hours' then 'undo_expired'
    when exists (select 1 from public.lead_merges m
      where m.tenant_id = p_merge.tenant_id and m.id <> p_merge.id and m.undone_at is null
        and m.created_at > p_merge.created_at
        and (m.survivor_id in (p_merge.survivor_id, p_merge.merged_id)
          or m.merged_id in (p_merge.survivor_id, p_merge.merged_id))) then 'later_merge'
  end
$$;
revoke all on function internal.lead_merge_undo_refusal(public.lead_merges, timestamptz) from public, anon, authenticated, service_role;

-- Edit: p_fields holds any of name, phone, email, notes, stage (null or '' clears a field;
-- stage cannot be cleared). The dashboard validates first; these checks hold for direct calls.
create or replace function public.dashboard_update_lead(p_tenant_id uuid, p_lead_id uuid, p_fields jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_lead public.leads;
  v_before jsonb;
  v_after jsonb;
  v_diff jsonb;
  v_key text;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_fields is null or jsonb_typeof(p_fields) <> 'object' then
    raise exception 'fields must be an object' using errcode = 'PT400';
  end if;
  for v_key in select jsonb_object_keys(p_fields) loop
    if v_key not in ('name', 'phone', 'email', 'notes', 'stage') then
      raise exception 'unknown field %', left(v_key, 40) using errcode = 'PT400';
    end if;
    if jsonb_typeof(p_fields -> v_key) not in ('string', 'null') then
      raise exception '% must be text', v_key using errcode = 'PT400';
    end if;
  end loop;
  select * into v_lead from public.leads l where l.id = p_lead_id and l.tenant_id = p_tenant_id for update;
  if v_lead.id is null then
    raise exception 'lead not found' using errcode = 'PT404';
  end if;
  if v_lead.merged_into_id is not null then
    raise exception 'this lead was merged into another' using errcode = 'PT409', hint = 'lead_merged';
  end if;
  v_before := internal.lead_contact(v_lead);
  -- Only the keys given change; '' means none.
  v_after := v_before || (select coalesce(jsonb_object_agg(k,
      case when nullif(btrim(p_fields ->> k), '') is null then 'null'::jsonb
        else to_jsonb(btrim(p_fields ->> k)) end), '{}'::jsonb)
    from jsonb_object_keys(p_fields) k);
  if v_after ->> 'stage' is null or v_after ->> 'stage' not in ('new', 'contacted', 'appointment', 'customer', 'lost') then
    raise exception 'invalid stage' using errcode = 'PT400', hint = 'invalid_stage';
  end if;
  if v_after ->> 'phone' is not null and v_after ->> 'phone' !~ '^\+[1-9][0-9]{6,14}$' then
    raise exception 'invalid phone' using errcode = 'PT400', hint = 'invalid_phone';
  end if;
  if v_after ->> 'email' is not null and (char_length(v_after ->> 'email') > 254
    or v_after ->> 'email' !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$') then
    raise exception 'invalid email' using errcode = 'PT400', hint = 'invalid_email';
  end if;
  if char_length(coalesce(v_after ->> 'name', '')) > 200 or char_length(coalesce(v_after ->> 'notes', '')) > 4000 then
    raise exception 'too long' using errcode = 'PT400', hint = 'too_long';
  end if;
  v_diff := internal.lead_contact_diff(v_before, v_after);
  if v_diff = '{}'::jsonb then
    return jsonb_build_object('outcome', 'unchanged', 'lead_id', v_lead.id);
  end if;
  update public.leads l set name = v_after ->> 'name', phone = v_after ->> 'phone',
    email = v_after ->> 'email', notes = v_after ->> 'notes', stage = v_after ->> 'stage'
  where l.id = v_lead.id;
  insert into public.lead_changes (tenant_id, lead_id, kind, changes, changed_by)
  values (p_tenant_id, v_lead.id, 'edit', v_diff, auth.uid());
  return jsonb_build_object('outcome', 'updated', 'lead_id', v_lead.id, 'changed', to_jsonb(array(
    select jsonb_object_keys(v_diff))));
end $$;
revoke all on function public.dashboard_update_lead(uuid, uuid, jsonb) from public, anon;
grant execute on function public.dashboard_update_lead(uuid, uuid, jsonb) to authenticated, service_role;
comment on function public.dashboard_update_lead(uuid, uuid, jsonb) is
  '@returns { outcome: ''updated''; lead_id: string; changed: string[] } | { outcome: ''unchanged''; lead_id: string }';

-- Merge p_merged_id into p_survivor_id. Moves every row that references the merged lead
-- (conversations, messages, appointments, channel identities, score events, history); the
-- survivor keeps its own contact fields and fills the empty ones from the merged lead, takes the
-- higher score (the class follows it), the later last message and keeps its own stage.
create or replace function public.dashboard_merge_leads(p_tenant_id uuid, p_survivor_id uuid, p_merged_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_survivor public.leads;
  v_merged public.leads;
  v_moved jsonb;
  v_before jsonb;
  v_after jsonb;
  v_merge_id uuid;
  v_channel text;
  v_score integer;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_survivor_id is null or p_merged_id is null or p_survivor_id = p_merged_id then
    raise exception 'pick two different leads' using errcode = 'PT400', hint = 'same_lead';
  end if;
  if (select count(*) from public.leads l where l.id in (p_survivor_id, p_merged_id) and l.tenant_id = p_tenant_id) <> 2 then
    raise exception 'lead not found' using errcode = 'PT404';
  end if;
  perform internal.lock_leads_for_merge(p_tenant_id, p_survivor_id, p_merged_id);
  select * into v_survivor from public.leads l where l.id = p_survivor_id;
  select * into v_merged from public.leads l where l.id = p_merged_id;
  if v_survivor.merged_into_id is not null or v_merged.merged_into_id is not null then
    raise exception 'one of the leads was already merged' using errcode = 'PT409', hint = 'already_merged';
  end if;
  -- One open conversation per lead and channel: two open ones on the same channel cannot become one.
  select c.channel into v_channel from public.conversations c
  where c.lead_id = p_merged_id and c.status in ('active', 'pending')
    and exists (select 1 from public.conversations s where s.lead_id = p_survivor_id
      and s.channel = c.channel and s.status in ('active', 'pending'))
  limit 1;
  if v_channel is not null then
    raise exception 'both leads have an open conversation on %', v_channel
      using errcode = 'PT409', hint = 'both_open_on_channel';
  end if;

  with conversations as (
    update public.conversations c set lead_id = p_survivor_id
    where c.lead_id = p_merged_id and c.tenant_id = p_tenant_id returning c.id),
  messages as (
    update public.messages m set lead_id = p_survivor_id
    where m.lead_id = p_merged_id and m.tenant_id = p_tenant_id returning m.id),
  appointments as (
    update public.appointments a set lead_id = p_survivor_id
    where a.lead_id = p_merged_id and a.tenant_id = p_tenant_id returning a.id),
  identities as (
    update public.lead_identities i set lead_id = p_survivor_id
    where i.lead_id = p_merged_id and i.tenant_id = p_tenant_id returning i.id),
  score_events as (
    update public.lead_score_events e set lead_id = p_survivor_id
    where e.lead_id = p_merged_id and e.tenant_id = p_tenant_id returning e.id),
  changes as (
    update public.lead_changes h set lead_id = p_survivor_id
    where h.lead_id = p_merged_id and h.tenant_id = p_tenant_id returning h.id),
  -- Tags are copied, not moved: the merged lead keeps its own, the survivor gains the ones it lacked.
  tags as (
    insert into public.lead_tags (lead_id, tag_id, tenant_id)
    select p_survivor_id, t.tag_id, p_tenant_id from public.lead_tags t
    where t.lead_id = p_merged_id and t.tenant_id = p_tenant_id
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

  v_score := greatest(v_survivor.score, v_merged.score);
  v_before := internal.lead_contact(v_survivor) || jsonb_build_object('score', v_survivor.score,
    'last_message_at', v_survivor.last_message_at);
  update public.leads l set
    name = coalesce(l.name, v_merged.name),
    phone = coalesce(l.phone, v_merged.phone),
    email = coalesce(l.email, v_merged.email),
    notes = coalesce(l.notes, v_merged.notes),
    score = v_score,
    classification = internal.lead_classification(v_score),
    last_message_at = greatest(l.last_message_at, v_merged.last_message_at)
  where l.id = p_survivor_id
  returning internal.lead_contact(l) || jsonb_build_object('score', l.score, 'last_message_at', l.last_message_at)
  into v_after;
  update public.leads l set merged_into_id = p_survivor_id, merged_at = clock_timestamp()
  where l.id = p_merged_id;

  insert into public.lead_merges (tenant_id, survivor_id, merged_id, moved, survivor_before, survivor_after, merged_by)
  values (p_tenant_id, p_survivor_id, p_merged_id, v_moved, v_before, v_after, auth.uid())
  returning id into v_merge_id;
  insert into public.lead_changes (tenant_id, lead_id, kind, changes, other_lead_id, changed_by)
  values (p_tenant_id, p_survivor_id, 'merge',
      internal.lead_contact_diff(v_before - 'last_message_at', v_after - 'last_message_at'), p_merged_id, auth.uid()),
    (p_tenant_id, p_merged_id, 'merged_away', '{}'::jsonb, p_survivor_id, auth.uid());
  return jsonb_build_object('outcome', 'merged', 'merge_id', v_merge_id, 'survivor_id', p_survivor_id,
    'merged_id', p_merged_id, 'moved', (select jsonb_object_agg(k, jsonb_array_length(v)) from jsonb_each(v_moved) x(k, v)));
end $$;
revoke all on function public.dashboard_merge_leads(uuid, uuid, uuid) from public, anon;
grant execute on function public.dashboard_merge_leads(uuid, uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_merge_leads(uuid, uuid, uuid) is
  '@returns { outcome: ''merged''; merge_id: string; survivor_id: string; merged_id: string; moved: { conversations: number; messages: number; appointments: number; lead_identities: number; lead_score_events: number; lead_changes: number; lead_tags_added: number } }';

-- Undo a merge within 24 hours. The recorded rows go back to the merged lead. What arrived after
-- the merge follows its conversation: a message in a conversation that goes back goes with it;
-- a conversation the survivor started after the merge goes back when it is on a channel that
-- only the merged lead's identities reach (the customer wrote from the merged lead's account).
-- Score events and edits made on the survivor after the merge stay on the survivor. Each of the
-- survivor's fields the merge changed returns to its old value unless someone changed it since.
create or replace function public.dashboard_undo_lead_merge(p_tenant_id uuid, p_merge_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_merge public.lead_merges;
  v_reason text;
  v_moved jsonb;
  v_later_conversations uuid[];
  v_score integer;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_merge from public.lead_merges m where m.id = p_merge_id and m.tenant_id = p_tenant_id;
  if v_merge.id is null then
    raise exception 'merge not found' using errcode = 'PT404';
  end if;
  perform internal.lock_leads_for_merge(p_tenant_id, v_merge.survivor_id, v_merge.merged_id);
  select * into v_merge from public.lead_merges m where m.id = p_merge_id for update;
  v_reason := internal.lead_merge_undo_refusal(v_merge, now());
  if v_reason is not null then
    raise exception 'this merge cannot be undone (%)', v_reason using errcode = 'PT409', hint = v_reason;
  end if;
  v_moved := v_merge.moved;

  -- Conversations the survivor started after the merge through one of the merged lead's identities.
  select coalesce(array_agg(c.id), '{}') into v_later_conversations
  from public.conversations c
  where c.lead_id = v_merge.survivor_id and c.created_at > v_merge.created_at
    and c.channel in (select i.channel from public.lead_identities i
      where i.id in (select jsonb_array_elements_text(v_moved -> 'lead_identities')::uuid))
    and c.channel not in (select i.channel from public.lead_identities i
      where i.lead_id = v_merge.survivor_id
        and i.id not in (select jsonb_array_elements_text(v_moved -> 'lead_identities')::uuid));

  update public.conversations c set lead_id = v_merge.merged_id
  where c.lead_id = v_merge.survivor_id and (c.id = any (v_later_conversations)
    or c.id in (select jsonb_array_elements_text(v_moved -> 'conversations')::uuid));
  -- Messages follow their conversation: the recorded ones and those that arrived since.
  update public.messages m set lead_id = v_merge.merged_id
  where m.lead_id = v_merge.survivor_id and m.tenant_id = p_tenant_id
    and m.conversation_id in (select c.id from public.conversations c where c.lead_id = v_merge.merged_id);
  update public.appointments a set lead_id = v_merge.merged_id
  where a.lead_id = v_merge.survivor_id and a.id in (select jsonb_array_elements_text(v_moved -> 'appointments')::uuid);
  update public.lead_identities i set lead_id = v_merge.merged_id
  where i.lead_id = v_merge.survivor_id and i.id in (select jsonb_array_elements_text(v_moved -> 'lead_identities')::uuid);
  update public.lead_score_events e set lead_id = v_merge.merged_id
  where e.lead_id = v_merge.survivor_id and e.id in (select jsonb_array_elements_text(v_moved -> 'lead_score_events')::uuid);
  update public.lead_changes h set lead_id = v_merge.merged_id
  where h.lead_id = v_merge.survivor_id and h.id in (select jsonb_array_elements_text(v_moved -> 'lead_changes')::uuid);
  delete from public.lead_tags t
  where t.lead_id = v_merge.survivor_id
    and t.tag_id in (select jsonb_array_elements_text(coalesce(v_moved -> 'lead_tags_added', '[]'))::uuid);

  -- The survivor's fields the merge filled or raised, unless changed since.
  update public.leads l set
    name = case when l.name is not distinct from v_merge.survivor_after ->> 'name' then v_merge.survivor_before ->> 'name' else l.name end,
    phone = case when l.phone is not distinct from v_merge.survivor_after ->> 'phone' then v_merge.survivor_before ->> 'phone' else l.phone end,
    email = case when l.email is not distinct from v_merge.survivor_after ->> 'email' then v_merge.survivor_before ->> 'email' else l.email end,
    notes = case when l.notes is not distinct from v_merge.survivor_after ->> 'notes' then v_merge.survivor_before ->> 'notes' else l.notes end,
    score = case when l.score = (v_merge.survivor_after ->> 'score')::integer then (v_merge.survivor_before ->> 'score')::integer else l.score end
  where l.id = v_merge.survivor_id
  returning l.score into v_score;
  update public.leads l set classification = internal.lead_classification(v_score) where l.id = v_merge.survivor_id;
  update public.leads l set merged_into_id = null, merged_at = null,
    last_message_at = greatest(l.last_message_at, (select max(coalesce(m.platform_timestamp, m.created_at))
      from public.messages m where m.lead_id = v_merge.merged_id))
  where l.id = v_merge.merged_id;

  update public.lead_merges m set undone_at = clock_timestamp(), undone_by = auth.uid() where m.id = v_merge.id;
  insert into public.lead_changes (tenant_id, lead_id, kind, other_lead_id, changed_by)
  values (p_tenant_id, v_merge.survivor_id, 'unmerge', v_merge.merged_id, auth.uid()),
    (p_tenant_id, v_merge.merged_id, 'unmerge', v_merge.survivor_id, auth.uid());
  return jsonb_build_object('outcome', 'undone', 'survivor_id', v_merge.survivor_id, 'merged_id', v_merge.merged_id);
end $$;
revoke all on function public.dashboard_undo_lead_merge(uuid, uuid) from public, anon;
grant execute on function public.dashboard_undo_lead_merge(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_undo_lead_merge(uuid, uuid) is
  '@returns { outcome: ''undone''; survivor_id: string; merged_id: string }';

-- The lead page's contact card, history and merges.
create or replace function public.dashboard_lead_record(p_tenant_id uuid, p_lead_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_lead public.leads;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_lead from public.leads l where l.id = p_lead_id and l.tenant_id = p_tenant_id;
  if v_lead.id is null then
    raise exception 'lead not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'contact', jsonb_build_object('name', v_lead.name, 'phone', v_lead.phone, 'email', v_lead.email,
      'notes', v_lead.notes, 'stage', v_lead.stage),
    'merged_into', (select jsonb_build_object('id', s.id, 'name', s.name) from public.leads s
      where s.id = v_lead.merged_into_id and s.tenant_id = p_tenant_id),
    'changes', (select coalesce(jsonb_agg(jsonb_build_object('id', h.id, 'kind', h.kind, 'changes', h.changes,
        'other_lead_id', h.other_lead_id,
        'other_lead_name', (select o.name from public.leads o where o.id = h.other_lead_id and o.tenant_id = p_tenant_id),
        'changed_by_email', (select u.email from auth.users u where u.id = h.changed_by),
        'created_at', h.created_at) order by h.created_at desc), '[]'::jsonb)
      from (select * from public.lead_changes h where h.lead_id = v_lead.id and h.tenant_id = p_tenant_id
        order by h.created_at desc limit 50) h),
    'merges', (select coalesce(jsonb_agg(jsonb_build_object('id', m.id,
        'role', case when m.survivor_id = v_lead.id then 'survivor' else 'merged' end,
        'other_lead_id', case when m.survivor_id = v_lead.id then m.merged_id else m.survivor_id end,
        'other_lead_name', (select o.name from public.leads o
          where o.id = case when m.survivor_id = v_lead.id then m.merged_id else m.survivor_id end),
        'created_at', m.created_at, 'undo_refusal', internal.lead_merge_undo_refusal(m, now()))
        order by m.created_at desc), '[]'::jsonb)
      from public.lead_merges m where m.tenant_id = p_tenant_id and m.undone_at is null
        and v_lead.id in (m.survivor_id, m.merged_id)));
end $$;
revoke all on function public.dashboard_lead_record(uuid, uuid) from public, anon;
grant execute on function public.dashboard_lead_record(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_lead_record(uuid, uuid) is
  '@returns { contact: { name: string | null; phone: string | null; email: string | null; notes: string | null; stage: ''new'' | ''contacted'' | ''appointment'' | ''customer'' | ''lost'' }; merged_into: { id: string; name: string | null } | null; changes: { id: string; kind: ''edit'' | ''merge'' | ''merged_away'' | ''unmerge''; changes: { [field: string]: { before: string | number | null; after: string | number | null } | undefined }; other_lead_id: string | null; other_lead_name: string | null; changed_by_email: string | null; created_at: string }[]; merges: { id: string; role: ''survivor'' | ''merged''; other_lead_id: string; other_lead_name: string | null; created_at: string; undo_refusal: ''already_undone'' | ''undo_expired'' | ''later_merge'' | null }[] }';

-- Leads of the tenant this lead could be merged with: by name, phone (digits) or email; never
-- itself or a merged lead.
create or replace function public.dashboard_lead_merge_candidates(p_tenant_id uuid, p_lead_id uuid, p_query text)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_query text := left(btrim(coalesce(p_query, '')), 100);
  v_digits text := regexp_replace(left(coalesce(p_query, ''), 100), '\D', '', 'g');
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if char_length(v_query) < 2 then
    return '[]'::jsonb;
  end if;
  return (select coalesce(jsonb_agg(to_jsonb(x) order by x.last_message_at desc nulls last), '[]'::jsonb)
    from (
      select l.id, l.name, l.phone, l.email, l.origin_channel, l.score, l.last_message_at,
        (select coalesce(jsonb_agg(distinct i.channel), '[]'::jsonb) from public.lead_identities i
          where i.lead_id = l.id) as channels
      from public.leads l
      where l.tenant_id = p_tenant_id and l.id <> p_lead_id and l.merged_into_id is null
        and (l.name ilike '%' || replace(replace(replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%'
          or l.email ilike '%' || replace(replace(replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%'
          or (char_length(v_digits) >= 4 and (regexp_replace(coalesce(l.phone, ''), '\D', '', 'g') like '%' || v_digits || '%'
            or exists (select 1 from public.lead_identities i where i.lead_id = l.id
              and regexp_replace(coalesce(i.phone, ''), '\D', '', 'g') like '%' || v_digits || '%'))))
      order by l.last_message_at desc nulls last
      limit 10) x);
end $$;
revoke all on function public.dashboard_lead_merge_candidates(uuid, uuid, text) from public, anon;
grant execute on function public.dashboard_lead_merge_candidates(uuid, uuid, text) to authenticated, service_role;
comment on function public.dashboard_lead_merge_candidates(uuid, uuid, text) is
  '@returns { id: string; name: string | null; phone: string | null; email: string | null; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; score: number; last_message_at: string | null; channels: (''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok'')[] }[]';
