-- Attention (issue 18 §1): unread counts, read markers, preferences, push subscriptions, and the
-- events that notify members (escalation, new HOT lead), each (event, member, channel) once.

-- Records one event and fans it out, in the caller's transaction: one delivery row per member and
-- channel their preferences allow, each with one deliver_notification job. The unique event_key
-- makes a second call for the same event a no-op (returns null). p_recipients limits the members
-- (null = every member of the business), for sources aimed at one person (an @mention).
-- Push goes only to members with a subscription; email only for escalations and mentions.
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
begin
  insert into public.attention_events (tenant_id, kind, event_key, conversation_id, lead_id)
  values (p_tenant_id, p_kind, p_event_key, p_conversation_id, p_lead_id)
  on conflict (event_key) do nothing
  returning id into v_event_id;
  if v_event_id is null then
    return null;
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
      end
    on conflict (event_id, user_id, channel) do nothing
    returning id
  loop
    perform internal.enqueue_job('deliver_notification', jsonb_build_object('delivery_id', v_delivery.id),
      p_tenant_id, 5, 'deliver_notification:' || v_delivery.id::text, null, 6);
  end loop;
  return v_event_id;
end $$;
revoke all on function internal.attention_record_event(uuid, text, text, uuid, uuid, uuid[])
  from public, anon, authenticated, service_role;

-- Event source: a conversation handed to a person (escalated_at set or moved to a new time). The
-- key names the conversation and the escalation's time in microseconds since 1970.
create or replace function internal.attention_on_escalation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.attention_record_event(new.tenant_id, 'escalation',
    'escalation:' || new.id::text || ':'
      || (extract(epoch from new.escalated_at) * 1000000)::bigint::text, new.id, new.lead_id);
  return null;
end $$;
revoke all on function internal.attention_on_escalation() from public, anon, authenticated, service_role;

create trigger conversations_attention_escalation
  after insert or update of escalated_at on public.conversations
  for each row when (new.escalated_at is not null)
  execute function internal.attention_on_escalation();

-- Event source: a lead that becomes HOT for the first time (once per lead).
create or replace function internal.attention_on_hot_lead() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and old.classification = 'hot' then
    return null;
  end if;
  perform internal.attention_record_event(new.tenant_id, 'hot_lead', 'hot_lead:' || new.id::text,
    (select c.id from public.conversations c where c.lead_id = new.id
     order by c.last_message_at desc nulls last limit 1),
    new.id);
  return null;
end $$;
revoke all on function internal.attention_on_hot_lead() from public, anon, authenticated, service_role;

create trigger leads_attention_hot
  after insert or update of classification on public.leads
  for each row when (new.classification = 'hot')
  execute function internal.attention_on_hot_lead();

-- Unread customer messages per open conversation for the signed-in member: those after the
-- member's read marker (all of them when the member never opened it).
create or replace function internal.attention_unread(p_tenant_id uuid)
returns table (conversation_id uuid, unread bigint, escalated boolean, hot boolean)
language sql stable security definer set search_path = '' as $$
  select c.id, count(m.id), c.escalated_at is not null and c.escalated_at > coalesce(r.last_read_at, '-infinity'),
    l.classification = 'hot'
  from public.conversations c
  join public.leads l on l.id = c.lead_id
  left join public.conversation_reads r on r.conversation_id = c.id and r.user_id = auth.uid()
  join public.messages m on m.conversation_id = c.id and m.direction = 'inbound'
    and m.created_at > coalesce(r.last_read_at, '-infinity')
  where c.tenant_id = p_tenant_id and c.status in ('active', 'pending')
    and coalesce(c.last_inbound_at, c.last_message_at, c.created_at) > coalesce(r.last_read_at, '-infinity')
  group by c.id, c.escalated_at, r.last_read_at, l.classification
$$;
revoke all on function internal.attention_unread(uuid) from public, anon, authenticated, service_role;

create or replace function public.dashboard_unread_counts(p_tenant_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return coalesce((select jsonb_object_agg(u.conversation_id, u.unread)
    from internal.attention_unread(p_tenant_id) u), '{}'::jsonb);
end $$;
revoke all on function public.dashboard_unread_counts(uuid) from public, anon;
grant execute on function public.dashboard_unread_counts(uuid) to authenticated, service_role;
comment on function public.dashboard_unread_counts(uuid) is
  '@returns { [conversationId: string]: number }';

-- The navigation's summary for the signed-in member, and the newest event of the last day (the
-- dashboard shows it as a browser notification once).
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
  order by e.created_at desc, e.id desc limit 1;
  select jsonb_build_object('push', p.push_enabled, 'email', p.email_enabled, 'sound', p.sound_enabled)
  into v_prefs from public.notification_preferences p
  where p.tenant_id = p_tenant_id and p.user_id = auth.uid();
  return v_unread || jsonb_build_object('latest_event', v_latest,
    'preferences', coalesce(v_prefs, '{"push": true, "email": true, "sound": true}'::jsonb));
end $$;
revoke all on function public.dashboard_attention(uuid) from public, anon;
grant execute on function public.dashboard_attention(uuid) to authenticated, service_role;
comment on function public.dashboard_attention(uuid) is
  '@returns { unread_messages: number; unread_conversations: number; escalations: number; hot_leads: number; latest_event: { id: string; kind: ''escalation'' | ''hot_lead''; conversation_id: string | null; created_at: string } | null; preferences: { push: boolean; email: boolean; sound: boolean } }';

-- The member opened the conversation: everything in it until now is read.
create or replace function public.dashboard_mark_conversation_read(p_tenant_id uuid, p_conversation_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := auth.uid();
  v_at timestamptz;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if not exists (select 1 from public.conversations c where c.id = p_conversation_id and c.tenant_id = p_tenant_id) then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  insert into public.conversation_reads as r (tenant_id, conversation_id, user_id, last_read_at)
  values (p_tenant_id, p_conversation_id, v_uid, now())
  on conflict (conversation_id, user_id) do update set last_read_at = greatest(r.last_read_at, excluded.last_read_at)
  returning r.last_read_at into v_at;
  return jsonb_build_object('last_read_at', v_at);
end $$;
revoke all on function public.dashboard_mark_conversation_read(uuid, uuid) from public, anon;
grant execute on function public.dashboard_mark_conversation_read(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_mark_conversation_read(uuid, uuid) is '@returns { last_read_at: string }';

create or replace function public.dashboard_save_notification_preferences(
  p_tenant_id uuid, p_push boolean, p_email boolean, p_sound boolean)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_push is null or p_email is null or p_sound is null then
    raise exception 'every preference is on or off' using errcode = 'PT400';
  end if;
  insert into public.notification_preferences as p (tenant_id, user_id, push_enabled, email_enabled, sound_enabled)
  values (p_tenant_id, auth.uid(), p_push, p_email, p_sound)
  on conflict (tenant_id, user_id) do update
    set push_enabled = excluded.push_enabled, email_enabled = excluded.email_enabled,
      sound_enabled = excluded.sound_enabled, updated_at = now();
  return jsonb_build_object('push', p_push, 'email', p_email, 'sound', p_sound);
end $$;
revoke all on function public.dashboard_save_notification_preferences(uuid, boolean, boolean, boolean) from public, anon;
grant execute on function public.dashboard_save_notification_preferences(uuid, boolean, boolean, boolean)
  to authenticated, service_role;
comment on function public.dashboard_save_notification_preferences(uuid, boolean, boolean, boolean) is
  '@returns { push: boolean; email: boolean; sound: boolean }';

-- This browser's push subscription for the signed-in member (sealed by the app). At most 10 per
-- member and business: the oldest goes first.
create or replace function public.dashboard_save_push_subscription(
  p_tenant_id uuid, p_endpoint_digest text, p_sealed_subscription text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := auth.uid();
  v_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_endpoint_digest is null or p_endpoint_digest !~ '^[0-9a-f]{64}$'
    or p_sealed_subscription is null or length(p_sealed_subscription) not between 1 and 4000 then
    raise exception 'invalid push subscription' using errcode = 'PT400';
  end if;
  insert into public.push_subscriptions as s (tenant_id, user_id, endpoint_digest, sealed_subscription)
  values (p_tenant_id, v_uid, p_endpoint_digest, p_sealed_subscription)
  on conflict (tenant_id, user_id, endpoint_digest) do update set sealed_subscription = excluded.sealed_subscription
  returning s.id into v_id;
  delete from public.push_subscriptions s
  where s.tenant_id = p_tenant_id and s.user_id = v_uid and s.id not in (
    select k.id from public.push_subscriptions k where k.tenant_id = p_tenant_id and k.user_id = v_uid
    order by k.created_at desc, k.id limit 10);
  return jsonb_build_object('id', v_id);
end $$;
revoke all on function public.dashboard_save_push_subscription(uuid, text, text) from public, anon;
grant execute on function public.dashboard_save_push_subscription(uuid, text, text) to authenticated, service_role;
comment on function public.dashboard_save_push_subscription(uuid, text, text) is '@returns { id: string }';

-- What one deliver_notification job needs: nothing of the customer's words or phone.
create or replace function public.notification_delivery_load(p_delivery_id uuid)
returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', d.id, 'event_id', d.event_id, 'user_id', d.user_id, 'status', d.status, 'channel', d.channel, 'kind', e.kind, 'tenant_id', d.tenant_id,
    'tenant_slug', t.slug, 'tenant_name', t.name, 'conversation_id', e.conversation_id,
    'lead_id', e.lead_id, 'email', u.email,
    'subscriptions', coalesce((select jsonb_agg(jsonb_build_object('id', s.id, 'sealed', s.sealed_subscription)
        order by s.created_at)
      from public.push_subscriptions s
      where s.tenant_id = d.tenant_id and s.user_id = d.user_id and s.id <> all (d.pushed_subscription_ids)),
      '[]'::jsonb))
  from public.notification_deliveries d
  join public.attention_events e on e.id = d.event_id
  join public.tenants t on t.id = d.tenant_id
  join auth.users u on u.id = d.user_id
  where d.id = p_delivery_id
$$;
revoke all on function public.notification_delivery_load(uuid) from public, anon, authenticated;
grant execute on function public.notification_delivery_load(uuid) to service_role;
comment on function public.notification_delivery_load(uuid) is
  '@returns { id: string; event_id: string; user_id: string; status: ''pending'' | ''sent'' | ''skipped''; channel: ''push'' | ''email''; kind: ''escalation'' | ''hot_lead''; tenant_id: string; tenant_slug: string; tenant_name: string; conversation_id: string | null; lead_id: string | null; email: string | null; subscriptions: { id: string; sealed: string }[] } | null';

-- One subscription reached (p_gone false) or gone for good (404/410 from the push service: the
-- subscription is deleted).
create or replace function public.notification_push_result(p_delivery_id uuid, p_subscription_id uuid, p_gone boolean)
returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if p_gone then
    delete from public.push_subscriptions s where s.id = p_subscription_id;
  else
    update public.notification_deliveries d
    set pushed_subscription_ids = array_append(d.pushed_subscription_ids, p_subscription_id)
    where d.id = p_delivery_id and not (p_subscription_id = any (d.pushed_subscription_ids));
  end if;
  return jsonb_build_object('ok', true);
end $$;
revoke all on function public.notification_push_result(uuid, uuid, boolean) from public, anon, authenticated;
grant execute on function public.notification_push_result(uuid, uuid, boolean) to service_role;
comment on function public.notification_push_result(uuid, uuid, boolean) is '@returns { ok: true }';

-- The delivery is done: sent, or skipped with a reason (nothing configured, no subscription left).
-- Only a pending delivery changes: a second finish reports the first outcome.
create or replace function public.notification_delivery_finish(p_delivery_id uuid, p_status text, p_detail text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_status text;
begin
  if p_status not in ('sent', 'skipped') then
    raise exception 'status must be sent or skipped' using errcode = 'PT400';
  end if;
  update public.notification_deliveries d set status = p_status, detail = left(p_detail, 200)
  where d.id = p_delivery_id and d.status = 'pending'
  returning d.status into v_status;
  if v_status is null then
    select d.status into v_status from public.notification_deliveries d where d.id = p_delivery_id;
    return jsonb_build_object('status', v_status, 'changed', false);
  end if;
  return jsonb_build_object('status', v_status, 'changed', true);
end $$;
revoke all on function public.notification_delivery_finish(uuid, text, text) from public, anon, authenticated;
grant execute on function public.notification_delivery_finish(uuid, text, text) to service_role;
comment on function public.notification_delivery_finish(uuid, text, text) is
  '@returns { status: ''pending'' | ''sent'' | ''skipped'' | null; changed: boolean }';
