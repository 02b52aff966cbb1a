-- The functions of working a conversation as a team (issue 18 §2). Every write is one function:
-- membership checked first (agent for daily work, admin for the tenant's tag list and quick
-- replies), every row matched on (id, tenant). Refusals carry a reason in the HINT for the
-- dashboard's words.

-- The inbox's "mine / unassigned / all" filter on conversations.assigned_to, so the list query
-- adds one line: `and internal.assignment_matches(c.assigned_to, p_assigned)`.
-- null or 'all' matches every conversation.
create or replace function internal.assignment_matches(p_assigned_to uuid, p_filter text)
returns boolean
language sql stable set search_path = '' as $$
  select case coalesce(p_filter, 'all')
    when 'mine' then p_assigned_to is not distinct from (select auth.uid()) and p_assigned_to is not null
    when 'unassigned' then p_assigned_to is null
    else true
  end
$$;
revoke all on function internal.assignment_matches(uuid, text) from public, anon, authenticated, service_role;

-- Assign to a member of the tenant, or (p_assignee null) leave it to the team. Recorded in
-- conversation_events with who did it; assigning to the current assignee records nothing.
create or replace function public.dashboard_assign_conversation(
  p_tenant_id uuid, p_conversation_id uuid, p_assignee uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conv public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_assignee is not null and not exists (
    select 1 from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = p_assignee
  ) then
    raise exception 'the assignee is not a member of this tenant' using errcode = 'PT400', hint = 'not_a_member';
  end if;
  select * into v_conv from public.conversations c
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id for update;
  if v_conv.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_conv.assigned_to is distinct from p_assignee then
    update public.conversations c set assigned_to = p_assignee where c.id = v_conv.id;
    insert into public.conversation_events (tenant_id, conversation_id, actor_user_id, kind, assignee_user_id)
    values (p_tenant_id, v_conv.id, (select auth.uid()),
      case when p_assignee is null then 'unassigned' else 'assigned' end, p_assignee);
  end if;
  return jsonb_build_object('id', v_conv.id, 'assigned_to', p_assignee);
end $$;
revoke all on function public.dashboard_assign_conversation(uuid, uuid, uuid) from public, anon;
grant execute on function public.dashboard_assign_conversation(uuid, uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_assign_conversation(uuid, uuid, uuid) is
  '@returns { id: string; assigned_to: string | null }';

-- A person takes it, with a written reason: the same state as an automatic escalation (a person
-- handles it, it waits for them), the reason stored as "by staff: <text>" so the dashboard shows
-- it in words, and the event kept with who escalated.
create or replace function public.dashboard_escalate_conversation(
  p_tenant_id uuid, p_conversation_id uuid, p_reason text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_reason text := btrim(coalesce(p_reason, ''));
  v_row public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if char_length(v_reason) not between 1 and 500 then
    raise exception 'write a reason of 1 to 500 characters' using errcode = 'PT400', hint = 'reason_length';
  end if;
  update public.conversations c set handled_by = 'human', escalated_at = now(),
    escalation_reason = 'by staff: ' || v_reason,
    status = case when c.status = 'active' then 'pending' else c.status end
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id and c.status in ('active', 'pending')
  returning * into v_row;
  if v_row.id is null then
    if exists (select 1 from public.conversations c where c.id = p_conversation_id and c.tenant_id = p_tenant_id) then
      raise exception 'the conversation is closed' using errcode = 'PT409', hint = 'conversation_closed';
    end if;
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  insert into public.conversation_events (tenant_id, conversation_id, actor_user_id, kind, reason)
  values (p_tenant_id, v_row.id, (select auth.uid()), 'escalated', v_reason);
  return jsonb_build_object('id', v_row.id, 'handled_by', v_row.handled_by, 'status', v_row.status,
    'escalated_at', v_row.escalated_at);
end $$;
revoke all on function public.dashboard_escalate_conversation(uuid, uuid, text) from public, anon;
grant execute on function public.dashboard_escalate_conversation(uuid, uuid, text) to authenticated, service_role;
comment on function public.dashboard_escalate_conversation(uuid, uuid, text) is
  '@returns { id: string; handled_by: ''ai'' | ''human''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; escalated_at: string | null }';

-- An internal note, and the members it mentions (each must belong to the tenant). Writes only
-- conversation_notes and note_mentions: no message, no job, nothing reaches the customer.
create or replace function public.dashboard_add_note(
  p_tenant_id uuid, p_conversation_id uuid, p_body text, p_mentions uuid[])
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_body text := btrim(coalesce(p_body, ''));
  v_mentions uuid[] := array(select distinct m from unnest(coalesce(p_mentions, '{}')) m where m is not null);
  v_note public.conversation_notes;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if char_length(v_body) not between 1 and 4000 then
    raise exception 'write a note of 1 to 4000 characters' using errcode = 'PT400', hint = 'note_length';
  end if;
  if cardinality(v_mentions) > 20 then
    raise exception 'at most 20 mentions' using errcode = 'PT400', hint = 'too_many_mentions';
  end if;
  if exists (
    select 1 from unnest(v_mentions) m
    where not exists (select 1 from public.tenant_members t where t.tenant_id = p_tenant_id and t.user_id = m)
  ) then
    raise exception 'a mentioned person is not a member of this tenant' using errcode = 'PT400', hint = 'not_a_member';
  end if;
  if not exists (select 1 from public.conversations c where c.id = p_conversation_id and c.tenant_id = p_tenant_id) then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  insert into public.conversation_notes (tenant_id, conversation_id, author_user_id, body)
  values (p_tenant_id, p_conversation_id, (select auth.uid()), v_body)
  returning * into v_note;
  insert into public.note_mentions (note_id, tenant_id, user_id)
  select v_note.id, p_tenant_id, m from unnest(v_mentions) m;
  return jsonb_build_object('id', v_note.id, 'conversation_id', v_note.conversation_id,
    'mentions', to_jsonb(v_mentions), 'created_at', v_note.created_at);
end $$;
revoke all on function public.dashboard_add_note(uuid, uuid, text, uuid[]) from public, anon;
grant execute on function public.dashboard_add_note(uuid, uuid, text, uuid[]) to authenticated, service_role;
comment on function public.dashboard_add_note(uuid, uuid, text, uuid[]) is
  '@returns { id: string; conversation_id: string; mentions: string[]; created_at: string }';

-- Admins: create (p_tag_id null) or rename / recolour a tag. Names are unique per tenant,
-- whatever the case.
create or replace function public.dashboard_save_tag(
  p_tenant_id uuid, p_tag_id uuid, p_name text, p_color text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_name text := btrim(coalesce(p_name, ''));
  v_row public.tags;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if char_length(v_name) not between 1 and 40 then
    raise exception 'a tag name has 1 to 40 characters' using errcode = 'PT400', hint = 'tag_name_length';
  end if;
  if p_color is null or p_color not in ('slate', 'red', 'amber', 'green', 'teal', 'blue', 'violet', 'pink') then
    raise exception 'unknown colour' using errcode = 'PT400', hint = 'tag_color';
  end if;
  if p_tag_id is null then
    insert into public.tags (tenant_id, name, color) values (p_tenant_id, v_name, p_color) returning * into v_row;
  else
    update public.tags t set name = v_name, color = p_color
    where t.id = p_tag_id and t.tenant_id = p_tenant_id returning * into v_row;
    if v_row.id is null then
      raise exception 'tag not found' using errcode = 'PT404';
    end if;
  end if;
  return jsonb_build_object('id', v_row.id, 'name', v_row.name, 'color', v_row.color);
exception when unique_violation then
  raise exception 'a tag with that name already exists' using errcode = 'PT409', hint = 'tag_name_taken';
end $$;
revoke all on function public.dashboard_save_tag(uuid, uuid, text, text) from public, anon;
grant execute on function public.dashboard_save_tag(uuid, uuid, text, text) to authenticated, service_role;
comment on function public.dashboard_save_tag(uuid, uuid, text, text) is
  '@returns { id: string; name: string; color: string }';

-- Admins: delete a tag (it comes off every conversation and lead that had it).
create or replace function public.dashboard_delete_tag(p_tenant_id uuid, p_tag_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  delete from public.tags t where t.id = p_tag_id and t.tenant_id = p_tenant_id;
  if not found then
    raise exception 'tag not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', p_tag_id);
end $$;
revoke all on function public.dashboard_delete_tag(uuid, uuid) from public, anon;
grant execute on function public.dashboard_delete_tag(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_delete_tag(uuid, uuid) is '@returns { id: string }';

-- Staff: put a tag of the tenant on a conversation or a lead, or take it off. p_target is
-- 'conversation' or 'lead'; the tag and the target must both be the tenant's.
create or replace function public.dashboard_set_tag(
  p_tenant_id uuid, p_target text, p_target_id uuid, p_tag_id uuid, p_on boolean)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_target is null or p_target not in ('conversation', 'lead') or p_on is null then
    raise exception 'target must be conversation or lead' using errcode = 'PT400';
  end if;
  if not exists (select 1 from public.tags t where t.id = p_tag_id and t.tenant_id = p_tenant_id) then
    raise exception 'tag not found' using errcode = 'PT404', hint = 'tag_not_found';
  end if;
  if p_target = 'conversation' then
    if not exists (select 1 from public.conversations c where c.id = p_target_id and c.tenant_id = p_tenant_id) then
      raise exception 'conversation not found' using errcode = 'PT404';
    end if;
    if p_on then
      insert into public.conversation_tags (conversation_id, tag_id, tenant_id)
      values (p_target_id, p_tag_id, p_tenant_id) on conflict do nothing;
    else
      delete from public.conversation_tags x where x.conversation_id = p_target_id and x.tag_id = p_tag_id;
    end if;
  else
    if not exists (select 1 from public.leads l where l.id = p_target_id and l.tenant_id = p_tenant_id) then
      raise exception 'lead not found' using errcode = 'PT404';
    end if;
    if p_on then
      insert into public.lead_tags (lead_id, tag_id, tenant_id)
      values (p_target_id, p_tag_id, p_tenant_id) on conflict do nothing;
    else
      delete from public.lead_tags x where x.lead_id = p_target_id and x.tag_id = p_tag_id;
    end if;
  end if;
  return jsonb_build_object('tag_id', p_tag_id, 'on', p_on);
end $$;
revoke all on function public.dashboard_set_tag(uuid, text, uuid, uuid, boolean) from public, anon;
grant execute on function public.dashboard_set_tag(uuid, text, uuid, uuid, boolean) to authenticated, service_role;
comment on function public.dashboard_set_tag(uuid, text, uuid, uuid, boolean) is
  '@returns { tag_id: string; on: boolean }';

-- Admins: create (p_quick_reply_id null) or edit a quick reply; titles unique per tenant.
create or replace function public.dashboard_save_quick_reply(
  p_tenant_id uuid, p_quick_reply_id uuid, p_title text, p_body text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_title text := btrim(coalesce(p_title, ''));
  v_body text := btrim(coalesce(p_body, ''));
  v_row public.quick_replies;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if char_length(v_title) not between 1 and 60 then
    raise exception 'a title has 1 to 60 characters' using errcode = 'PT400', hint = 'quick_reply_title_length';
  end if;
  if char_length(v_body) not between 1 and 2000 then
    raise exception 'a text has 1 to 2000 characters' using errcode = 'PT400', hint = 'quick_reply_body_length';
  end if;
  if p_quick_reply_id is null then
    insert into public.quick_replies (tenant_id, title, body) values (p_tenant_id, v_title, v_body)
    returning * into v_row;
  else
    update public.quick_replies q set title = v_title, body = v_body
    where q.id = p_quick_reply_id and q.tenant_id = p_tenant_id returning * into v_row;
    if v_row.id is null then
      raise exception 'quick reply not found' using errcode = 'PT404';
    end if;
  end if;
  return jsonb_build_object('id', v_row.id, 'title', v_row.title, 'body', v_row.body);
exception when unique_violation then
  raise exception 'a quick reply with that title already exists' using errcode = 'PT409',
    hint = 'quick_reply_title_taken';
end $$;
revoke all on function public.dashboard_save_quick_reply(uuid, uuid, text, text) from public, anon;
grant execute on function public.dashboard_save_quick_reply(uuid, uuid, text, text) to authenticated, service_role;
comment on function public.dashboard_save_quick_reply(uuid, uuid, text, text) is
  '@returns { id: string; title: string; body: string }';

create or replace function public.dashboard_delete_quick_reply(p_tenant_id uuid, p_quick_reply_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  delete from public.quick_replies q where q.id = p_quick_reply_id and q.tenant_id = p_tenant_id;
  if not found then
    raise exception 'quick reply not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', p_quick_reply_id);
end $$;
revoke all on function public.dashboard_delete_quick_reply(uuid, uuid) from public, anon;
grant execute on function public.dashboard_delete_quick_reply(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_delete_quick_reply(uuid, uuid) is '@returns { id: string }';

-- The tenant's tag list and quick replies (any member reads; admins manage them).
create or replace function public.dashboard_teamwork_lists(p_tenant_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return jsonb_build_object(
    'tags', (select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'color', t.color)
        order by lower(t.name)), '[]'::jsonb) from public.tags t where t.tenant_id = p_tenant_id),
    'quick_replies', (select coalesce(jsonb_agg(jsonb_build_object('id', q.id, 'title', q.title, 'body', q.body)
        order by lower(q.title)), '[]'::jsonb) from public.quick_replies q where q.tenant_id = p_tenant_id),
    'members', (select coalesce(jsonb_agg(jsonb_build_object('user_id', m.user_id, 'email', lower(u.email))
        order by lower(u.email)), '[]'::jsonb)
      from public.tenant_members m join auth.users u on u.id = m.user_id where m.tenant_id = p_tenant_id));
end $$;
revoke all on function public.dashboard_teamwork_lists(uuid) from public, anon;
grant execute on function public.dashboard_teamwork_lists(uuid) to authenticated, service_role;
comment on function public.dashboard_teamwork_lists(uuid) is
  '@returns { tags: { id: string; name: string; color: string }[]; quick_replies: { id: string; title: string; body: string }[]; members: { user_id: string; email: string }[] }';

-- The teamwork side of one conversation: assignee, its tags and its lead's, notes with their
-- mentions, and the assignment / escalation history.
create or replace function public.dashboard_conversation_teamwork(p_tenant_id uuid, p_conversation_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_conv public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_conv from public.conversations c
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id;
  if v_conv.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'assigned_to', v_conv.assigned_to,
    'assignee_email', (select lower(u.email) from auth.users u where u.id = v_conv.assigned_to),
    'conversation_tags', (select coalesce(jsonb_agg(x.tag_id), '[]'::jsonb)
      from public.conversation_tags x where x.conversation_id = v_conv.id),
    'lead_tags', (select coalesce(jsonb_agg(x.tag_id), '[]'::jsonb)
      from public.lead_tags x where x.lead_id = v_conv.lead_id),
    'notes', (select coalesce(jsonb_agg(jsonb_build_object('id', n.id, 'body', n.body,
        'author_email', (select lower(u.email) from auth.users u where u.id = n.author_user_id),
        'created_at', n.created_at,
        'mentions', (select coalesce(jsonb_agg(lower(u.email) order by lower(u.email)), '[]'::jsonb)
          from public.note_mentions nm join auth.users u on u.id = nm.user_id where nm.note_id = n.id))
        order by n.created_at), '[]'::jsonb)
      from public.conversation_notes n where n.conversation_id = v_conv.id),
    'events', (select coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'kind', e.kind, 'reason', e.reason,
        'created_at', e.created_at,
        'actor_email', (select lower(u.email) from auth.users u where u.id = e.actor_user_id),
        'assignee_email', (select lower(u.email) from auth.users u where u.id = e.assignee_user_id))
        order by e.created_at, e.id), '[]'::jsonb)
      from public.conversation_events e where e.conversation_id = v_conv.id));
end $$;
revoke all on function public.dashboard_conversation_teamwork(uuid, uuid) from public, anon;
grant execute on function public.dashboard_conversation_teamwork(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_conversation_teamwork(uuid, uuid) is
  '@returns { assigned_to: string | null; assignee_email: string | null; conversation_tags: string[]; lead_tags: string[]; notes: { id: string; body: string; author_email: string | null; created_at: string; mentions: string[] }[]; events: { id: number; kind: ''assigned'' | ''unassigned'' | ''escalated''; reason: string | null; created_at: string; actor_email: string | null; assignee_email: string | null }[] }';

-- The tags on one lead (the lead page's tag toggles).
create or replace function public.dashboard_lead_tags(p_tenant_id uuid, p_lead_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if not exists (select 1 from public.leads l where l.id = p_lead_id and l.tenant_id = p_tenant_id) then
    raise exception 'lead not found' using errcode = 'PT404';
  end if;
  return (select coalesce(jsonb_agg(x.tag_id), '[]'::jsonb) from public.lead_tags x where x.lead_id = p_lead_id);
end $$;
revoke all on function public.dashboard_lead_tags(uuid, uuid) from public, anon;
grant execute on function public.dashboard_lead_tags(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_lead_tags(uuid, uuid) is '@returns string[]';
