-- @mentions in internal notes notify the person mentioned (issue 18 §2), through the attention
-- events of 20261209400000: one event per (note, person), delivered by push and email as their
-- preferences allow, never twice. The author mentioning themselves is not notified.
-- Now that conversations have an assignee (20261209300000), an escalation's email goes to the
-- assignee alone when there is one, to the team otherwise; push still reaches everyone who asked.

alter table public.attention_events drop constraint attention_events_kind_check;
alter table public.attention_events add constraint attention_events_kind_check
  check (kind in ('escalation', 'hot_lead', 'mention'));

create or replace function internal.attention_on_mention() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_note public.conversation_notes;
begin
  select * into v_note from public.conversation_notes n where n.id = new.note_id;
  if v_note.author_user_id is not distinct from new.user_id then
    return null;
  end if;
  perform internal.attention_record_event(new.tenant_id, 'mention',
    'mention:' || new.note_id::text || ':' || new.user_id::text, v_note.conversation_id,
    (select c.lead_id from public.conversations c where c.id = v_note.conversation_id),
    array[new.user_id]);
  return null;
end $$;
revoke all on function internal.attention_on_mention() from public, anon, authenticated, service_role;

create trigger note_mentions_attention after insert on public.note_mentions
  for each row execute function internal.attention_on_mention();

-- The newest event of the last day for the signed-in member: a mention only for the person it names.
create or replace function public.dashboard_attention(p_tenant_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_unread jsonb;
  v_latest jsonb;
  v_prefs jsonb;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select jsonb_build_object(
    'unread_messages', coalesce(sum(u.unread), 0),
    'unread_conversations', count(*),
    'escalations', count(*) filter (where u.escalated),
    'hot_leads', count(*) filter (where u.hot))
  into v_unread from internal.attention_unread(p_tenant_id) u;
  select jsonb_build_object('id', e.id, 'kind', e.kind, 'conversation_id', e.conversation_id,
    'created_at', e.created_at)
  into v_latest from public.attention_events e
  where e.tenant_id = p_tenant_id and e.created_at > now() - interval '1 day'
    and (e.kind <> 'mention' or e.event_key like '%:' || (select auth.uid())::text)
  order by e.created_at desc, e.id desc limit 1;
  select jsonb_build_object('push', p.push_enabled, 'email', p.email_enabled, 'sound', p.sound_enabled)
  into v_prefs from public.notification_preferences p
  where p.tenant_id = p_tenant_id and p.user_id = auth.uid();
  return v_unread || jsonb_build_object('latest_event', v_latest,
    'preferences', coalesce(v_prefs, '{"push": true, "email": true, "sound": true}'::jsonb));
end $$;
comment on function public.dashboard_attention(uuid) is
  '@returns { unread_messages: number; unread_conversations: number; escalations: number; hot_leads: number; latest_event: { id: string; kind: ''escalation'' | ''hot_lead'' | ''mention''; conversation_id: string | null; created_at: string } | null; preferences: { push: boolean; email: boolean; sound: boolean } }';
comment on function public.notification_delivery_load(uuid) is
  '@returns { id: string; event_id: string; user_id: string; status: ''pending'' | ''sent'' | ''skipped''; channel: ''push'' | ''email''; kind: ''escalation'' | ''hot_lead'' | ''mention''; tenant_id: string; tenant_slug: string; tenant_name: string; conversation_id: string | null; lead_id: string | null; email: string | null; subscriptions: { id: string; sealed: string }[] } | null';

create or replace function internal.attention_record_event(
  p_tenant_id uuid,
  p_kind text,
  p_event_key text,
  p_conversation_id uuid,
  p_lead_id uuid,
  p_recipients uuid[] default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_event_id uuid;
  v_delivery record;
  v_assignee uuid;
begin
  insert into public.attention_events (tenant_id, kind, event_key, conversation_id, lead_id)
  values (p_tenant_id, p_kind, p_event_key, p_conversation_id, p_lead_id)
  on conflict (event_key) do nothing
  returning id into v_event_id;
  if v_event_id is null then
    return null;
  end if;
  if p_kind = 'escalation' then
    select c.assigned_to into v_assignee from public.conversations c where c.id = p_conversation_id;
  end if;
  for v_delivery in
    insert into public.notification_deliveries (tenant_id, event_id, user_id, channel)
    select p_tenant_id, v_event_id, m.user_id, ch.channel
    from public.tenant_members m
    left join public.notification_preferences p on p.tenant_id = m.tenant_id and p.user_id = m.user_id
    cross join (values ('push'), ('email')) as ch (channel)
    where m.tenant_id = p_tenant_id
      and (p_recipients is null or m.user_id = any (p_recipients))
      and case ch.channel
        when 'push' then coalesce(p.push_enabled, true) and exists (
          select 1 from public.push_subscriptions s
          where s.tenant_id = m.tenant_id and s.user_id = m.user_id)
        else coalesce(p.email_enabled, true) and p_kind <> 'hot_lead'
          and (v_assignee is null or m.user_id = v_assignee)
      end
    on conflict (event_id, user_id, channel) do nothing
    returning id
  loop
    perform internal.enqueue_job('deliver_notification', jsonb_build_object('delivery_id', v_delivery.id),
      p_tenant_id, 5, 'deliver_notification:' || v_delivery.id::text, null, 6);
  end loop;
  return v_event_id;
end $$;
