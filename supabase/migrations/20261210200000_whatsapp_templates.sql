-- WhatsApp message templates (issue 16 §1): the sync from Meta's list, the template webhooks,
-- templates created from the dashboard, and template messages queued by staff, the CLI and
-- other features. PLATFORMS-2.md §3.

-- When the last status change we applied happened (the webhook entry's time), so an older
-- redelivery never overwrites a newer status; and Meta's words about a pause, a disable or a lock.
alter table public.whatsapp_templates
  add column status_event_at timestamptz,
  add column status_note text check (length(status_note) <= 1000);

-- The Meta statuses a template can have, as we store them (lowercase).
create function internal.template_status_ok(p_status text)
returns boolean language sql immutable set search_path = '' as $$
  select p_status in ('pending', 'approved', 'rejected', 'paused', 'disabled', 'flagged', 'in_appeal',
    'pending_deletion', 'deleted', 'archived', 'limit_exceeded', 'locked')
$$;
revoke all on function internal.template_status_ok(text) from public, anon, authenticated, service_role;

-- The tenant's WhatsApp connection, as a template sync or creation needs it.
create function public.template_connection(p_tenant_id uuid)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_conn public.channel_connections;
begin
  select * into v_conn from public.channel_connections c
  where c.tenant_id = p_tenant_id and c.channel = 'whatsapp';
  if not found or v_conn.status = 'disconnected' then
    return jsonb_build_object('found', false);
  end if;
  return jsonb_build_object('found', true, 'connection', jsonb_build_object(
    'id', v_conn.id, 'tenant_id', v_conn.tenant_id, 'mode', v_conn.mode, 'status', v_conn.status,
    'business_account_id', v_conn.business_account_id,
    'access_token_encrypted', v_conn.access_token_encrypted));
end $$;
revoke all on function public.template_connection(uuid) from public, anon, authenticated;
grant execute on function public.template_connection(uuid) to service_role;
comment on function public.template_connection(uuid) is '@returns { found: false } | { found: true; connection: { id: string; tenant_id: string; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; business_account_id: string | null; access_token_encrypted: string | null } }';

-- One sync: every template Meta lists now, upserted by name + language, and the ones Meta no
-- longer lists marked deleted (unless p_complete is false: the sandbox's presets, added beside
-- what staff created). One transaction, so the list is never half replaced.
create function public.template_sync_apply(p_tenant_id uuid, p_waba_id text, p_templates jsonb,
  p_complete boolean default true)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_item jsonb;
  v_upserted integer := 0;
  v_deleted integer;
begin
  if jsonb_typeof(p_templates) is distinct from 'array' then
    raise exception 'templates must be a JSON array' using errcode = 'PT400';
  end if;
  if coalesce(p_waba_id, '') = '' then
    raise exception 'the WhatsApp Business Account id is required' using errcode = 'PT400';
  end if;
  -- One sync per tenant at a time: two would each delete what the other just listed.
  perform pg_advisory_xact_lock(hashtextextended('template_sync/' || p_tenant_id::text, 0));
  for v_item in select e from jsonb_array_elements(p_templates) e loop
    if not internal.template_status_ok(v_item ->> 'status') then
      raise exception 'unknown template status %', v_item ->> 'status' using errcode = 'PT400';
    end if;
    insert into public.whatsapp_templates as t (tenant_id, waba_id, template_id, name, language, category,
      status, parameter_format, components, quality_score, rejection_reason)
    values (p_tenant_id, p_waba_id, v_item ->> 'template_id', v_item ->> 'name', v_item ->> 'language',
      v_item ->> 'category', v_item ->> 'status', coalesce(v_item ->> 'parameter_format', 'positional'),
      coalesce(v_item -> 'components', '[]'::jsonb), v_item ->> 'quality_score',
      left(v_item ->> 'rejection_reason', 1000))
    on conflict (tenant_id, waba_id, name, language) do update set
      template_id = coalesce(excluded.template_id, t.template_id),
      category = excluded.category,
      status = excluded.status,
      parameter_format = excluded.parameter_format,
      components = excluded.components,
      quality_score = coalesce(excluded.quality_score, t.quality_score),
      rejection_reason = case when excluded.status = 'rejected'
        then coalesce(excluded.rejection_reason, t.rejection_reason) end,
      status_note = case when excluded.status = t.status then t.status_note end;
    v_upserted := v_upserted + 1;
  end loop;
  update public.whatsapp_templates t set status = 'deleted', status_note = null
  where p_complete and t.tenant_id = p_tenant_id and t.waba_id = p_waba_id and t.status <> 'deleted'
    and not exists (select 1 from jsonb_array_elements(p_templates) e
      where e ->> 'name' = t.name and e ->> 'language' = t.language);
  get diagnostics v_deleted = row_count;
  return jsonb_build_object('upserted', v_upserted, 'deleted', v_deleted);
end $$;
revoke all on function public.template_sync_apply(uuid, text, jsonb, boolean) from public, anon, authenticated;
grant execute on function public.template_sync_apply(uuid, text, jsonb, boolean) to service_role;
comment on function public.template_sync_apply(uuid, text, jsonb, boolean) is '@returns { upserted: number; deleted: number }';

-- The daily sync: one sync_templates job per live WhatsApp connection with a WABA that was not
-- synced (or tried) in the last day. A new connection has no such job yet, so the next sweep
-- (every minute with Supabase Cron or the local scheduler) syncs it: that is the sync on connect.
create function public.enqueue_template_syncs(p_every_seconds integer default 86400)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_conn record;
  v_count integer := 0;
begin
  if p_every_seconds is null or p_every_seconds not between 60 and 604800 then
    raise exception 'interval must be between 60 and 604800 seconds' using errcode = 'PT400';
  end if;
  for v_conn in
    select c.id, c.tenant_id from public.channel_connections c
    where c.channel = 'whatsapp' and c.mode = 'live' and c.status <> 'disconnected'
      and c.business_account_id is not null and c.access_token_encrypted is not null
      and not exists (select 1 from public.jobs j
        where j.tenant_id = c.tenant_id and j.dedupe_key = 'sync_templates:' || c.tenant_id
          and (j.status in ('pending', 'processing')
            or coalesce(j.completed_at, j.updated_at) > now() - make_interval(secs => p_every_seconds)))
  loop
    if (internal.enqueue_job('sync_templates', jsonb_build_object('tenant_id', v_conn.tenant_id),
        v_conn.tenant_id, -5, 'sync_templates:' || v_conn.tenant_id, null, 5) ->> 'enqueued')::boolean then
      v_count := v_count + 1;
    end if;
  end loop;
  return jsonb_build_object('enqueued', v_count);
end $$;
revoke all on function public.enqueue_template_syncs(integer) from public, anon, authenticated;
grant execute on function public.enqueue_template_syncs(integer) to service_role;
comment on function public.enqueue_template_syncs(integer) is '@returns { enqueued: number }';

-- A template webhook (status, quality or category), routed by the WABA id. Applied once: a
-- redelivery changes nothing, and an older status never overwrites a newer one. A template we
-- have never listed asks for a sync (its components come only from the list).
create function internal.template_apply_update(p_conn public.channel_connections, p_event jsonb)
returns text language plpgsql set search_path = '' as $$
declare
  v_at timestamptz := coalesce((p_event ->> 'at')::timestamptz, now());
  v_status text := p_event ->> 'status';
  v_quality text := p_event ->> 'quality_score';
  v_category text := p_event ->> 'category';
  v_row public.whatsapp_templates;
  v_rows integer;
begin
  if p_conn.channel <> 'whatsapp' or p_conn.business_account_id is null then
    return 'unchanged';
  end if;
  select * into v_row from public.whatsapp_templates t
  where t.tenant_id = p_conn.tenant_id and t.waba_id = p_conn.business_account_id
    and ((p_event ->> 'template_id' is not null and t.template_id = p_event ->> 'template_id')
      or (t.name = p_event ->> 'name' and t.language = p_event ->> 'language'))
  order by (t.template_id is not distinct from p_event ->> 'template_id') desc
  limit 1
  for update;
  if not found then
    perform internal.enqueue_job('sync_templates', jsonb_build_object('tenant_id', p_conn.tenant_id),
      p_conn.tenant_id, -5, 'sync_templates:' || p_conn.tenant_id, null, 5);
    return 'unchanged';
  end if;
  if v_status is not null and not internal.template_status_ok(v_status) then
    v_status := null;
  end if;
  update public.whatsapp_templates t set
    template_id = coalesce(t.template_id, p_event ->> 'template_id'),
    status = case when v_status is not null then v_status else t.status end,
    rejection_reason = case
      when v_status = 'rejected' then left(p_event ->> 'reason', 1000)
      when v_status is not null then null
      else t.rejection_reason end,
    status_note = case when v_status is not null then left(p_event ->> 'status_note', 1000) else t.status_note end,
    status_event_at = case when v_status is not null then v_at else t.status_event_at end,
    quality_score = case when v_quality in ('green', 'yellow', 'red', 'unknown') then v_quality else t.quality_score end,
    category = case when v_category in ('marketing', 'utility', 'authentication') then v_category else t.category end
  where t.id = v_row.id
    and (v_status is null or t.status_event_at is null or t.status_event_at <= v_at)
    and (
      (v_status is not null and (t.status is distinct from v_status
        or t.rejection_reason is distinct from case when v_status = 'rejected' then left(p_event ->> 'reason', 1000) end
        or t.status_note is distinct from left(p_event ->> 'status_note', 1000)))
      or (v_quality in ('green', 'yellow', 'red', 'unknown') and t.quality_score is distinct from v_quality)
      or (v_category in ('marketing', 'utility', 'authentication') and t.category is distinct from v_category));
  get diagnostics v_rows = row_count;
  return case when v_rows > 0 then 'applied' else 'unchanged' end;
end $$;
revoke all on function internal.template_apply_update(public.channel_connections, jsonb) from public, anon, authenticated, service_role;

create or replace function internal.ingest_webhook_other_event(p_conn public.channel_connections, p_event jsonb)
returns text language plpgsql set search_path = '' as $$
begin
  case p_event ->> 'kind'
    when 'edit' then return internal.apply_message_edit(p_conn, p_event);
    when 'connection_quality' then return internal.apply_connection_quality(p_conn, p_event);
    when 'policy_enforcement' then return internal.apply_policy_enforcement(p_conn, p_event);
    when 'template_update' then return internal.template_apply_update(p_conn, p_event);
    else raise exception 'unknown event kind' using errcode = 'PT400';
  end case;
end $$;
revoke all on function internal.ingest_webhook_other_event(public.channel_connections, jsonb) from public, anon, authenticated, service_role;

-- The tenant's templates for the dashboard: every row for the templates page, the approved ones
-- for the reply box.
create function public.dashboard_whatsapp_templates(p_tenant_id uuid)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
begin
  -- Staff read their own tenant's; the service role (sends queued by features) any.
  if coalesce(auth.role(), '') <> 'service_role' then
    perform internal.require_member(p_tenant_id, 'agent');
  end if;
  return jsonb_build_object(
    'connection', (select jsonb_build_object('mode', c.mode, 'status', c.status,
        'has_waba', c.business_account_id is not null)
      from public.channel_connections c where c.tenant_id = p_tenant_id and c.channel = 'whatsapp'),
    'templates', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'template_id', t.template_id,
        'name', t.name, 'language', t.language, 'category', t.category, 'status', t.status,
        'parameter_format', t.parameter_format, 'components', t.components, 'quality_score', t.quality_score,
        'rejection_reason', t.rejection_reason, 'status_note', t.status_note, 'updated_at', t.updated_at)
        order by (t.status = 'deleted'), t.name, t.language)
      from public.whatsapp_templates t where t.tenant_id = p_tenant_id), '[]'::jsonb));
end $$;
revoke all on function public.dashboard_whatsapp_templates(uuid) from public, anon;
grant execute on function public.dashboard_whatsapp_templates(uuid) to authenticated, service_role;
comment on function public.dashboard_whatsapp_templates(uuid) is '@returns { connection: { mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; has_waba: boolean } | null; templates: { id: string; template_id: string | null; name: string; language: string; category: ''marketing'' | ''utility'' | ''authentication''; status: string; parameter_format: ''positional'' | ''named''; components: Record<string, unknown>[]; quality_score: string | null; rejection_reason: string | null; status_note: string | null; updated_at: string }[] }';

-- A template Meta accepted for review (or, in sandbox mode, approved at once), stored with Meta's
-- id. Owners and admins only: a template speaks for the business.
create function public.dashboard_save_whatsapp_template(p_tenant_id uuid, p_waba_id text, p_template jsonb)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_row public.whatsapp_templates;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  if not internal.template_status_ok(p_template ->> 'status') or coalesce(p_waba_id, '') = ''
    or coalesce(p_template ->> 'template_id', '') = '' then
    raise exception 'malformed template' using errcode = 'PT400';
  end if;
  insert into public.whatsapp_templates as t (tenant_id, waba_id, template_id, name, language, category, status,
    parameter_format, components)
  values (p_tenant_id, p_waba_id, p_template ->> 'template_id', p_template ->> 'name', p_template ->> 'language',
    p_template ->> 'category', p_template ->> 'status', coalesce(p_template ->> 'parameter_format', 'named'),
    coalesce(p_template -> 'components', '[]'::jsonb))
  on conflict (tenant_id, waba_id, name, language) do update set
    template_id = excluded.template_id, category = excluded.category, status = excluded.status,
    parameter_format = excluded.parameter_format, components = excluded.components,
    rejection_reason = null, status_note = null, status_event_at = null
  returning * into v_row;
  return to_jsonb(v_row);
end $$;
revoke all on function public.dashboard_save_whatsapp_template(uuid, text, jsonb) from public, anon;
grant execute on function public.dashboard_save_whatsapp_template(uuid, text, jsonb) to authenticated, service_role;
comment on function public.dashboard_save_whatsapp_template(uuid, text, jsonb) is '@returns { id: string; tenant_id: string; waba_id: string; template_id: string | null; name: string; language: string; category: string; status: string; parameter_format: string; components: Record<string, unknown>[]; quality_score: string | null; rejection_reason: string | null; status_note: string | null; status_event_at: string | null; created_at: string; updated_at: string }';

-- The customer's WhatsApp conversation for a phone number (digits, the wa_id): the open one, or
-- a new lead and conversation for a business-initiated template.
create function internal.template_conversation_for_phone(p_tenant_id uuid, p_phone text)
returns uuid language plpgsql set search_path = '' as $$
declare
  v_conn public.channel_connections;
  v_digits text := regexp_replace(coalesce(p_phone, ''), '\D', '', 'g');
  v_lead jsonb;
begin
  if v_digits !~ '^\d{8,15}$' then
    raise exception 'the phone number must have 8 to 15 digits' using errcode = 'PT400', hint = 'bad_phone';
  end if;
  select * into v_conn from public.channel_connections c where c.tenant_id = p_tenant_id and c.channel = 'whatsapp';
  if not found then
    raise exception 'no WhatsApp connection' using errcode = 'PT400', hint = 'no_connection';
  end if;
  perform pg_advisory_xact_lock(hashtextextended(p_tenant_id::text || '/whatsapp/' || v_digits, 0));
  v_lead := internal.resolve_webhook_lead(v_conn,
    jsonb_build_object('external_id', v_digits, 'phone', '+' || v_digits), now());
  return (internal.resolve_webhook_conversation(v_conn, (v_lead ->> 'lead_id')::uuid,
    jsonb_build_object('direction', 'outbound'), now()) ->> 'conversation_id')::uuid;
end $$;
revoke all on function internal.template_conversation_for_phone(uuid, text) from public, anon, authenticated, service_role;

-- A template message, queued with its send job in one call: by a staff member (p_user_id, from
-- the reply box), or by the operator and other features (service role, no user). The template
-- must be approved; the window does not matter (templates are what WhatsApp allows after 24 h).
-- `p_text` is the filled-in body the thread shows; `p_content` the Graph send components.
create function public.send_template_message(p_tenant_id uuid, p_conversation_id uuid, p_phone text,
  p_user_id uuid, p_name text, p_language text, p_text text, p_components jsonb)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_msg public.messages;
  v_conversation_id uuid := p_conversation_id;
begin
  if coalesce(auth.role(), '') <> 'service_role' then
    if p_user_id is null or auth.uid() is distinct from p_user_id or not public.is_tenant_member(p_tenant_id) then
      raise exception 'not a member of this tenant' using errcode = 'PT403';
    end if;
  end if;
  if p_user_id is not null
    and not exists (select 1 from public.tenant_members where tenant_id = p_tenant_id and user_id = p_user_id) then
    raise exception 'user is not a member of this tenant' using errcode = 'PT403';
  end if;
  if jsonb_typeof(p_components) is distinct from 'array' or btrim(coalesce(p_text, '')) = ''
    or char_length(p_text) > 4096 then
    raise exception 'malformed template message' using errcode = 'PT400';
  end if;
  if not exists (select 1 from public.whatsapp_templates t
    where t.tenant_id = p_tenant_id and t.name = p_name and t.language = p_language and t.status = 'approved') then
    raise exception 'the template % (%) is not approved', p_name, p_language
      using errcode = 'PT400', hint = 'template_not_approved';
  end if;
  if v_conversation_id is null then
    if coalesce(auth.role(), '') <> 'service_role' then
      raise exception 'staff send to a conversation' using errcode = 'PT400';
    end if;
    v_conversation_id := internal.template_conversation_for_phone(p_tenant_id, p_phone);
  end if;
  select * into v_conv from public.conversations where id = v_conversation_id and tenant_id = p_tenant_id for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_conv.channel <> 'whatsapp' then
    raise exception 'templates are for WhatsApp conversations' using errcode = 'PT400', hint = 'not_whatsapp';
  end if;
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, content, sent_by_user_id, delivery_status)
  values (p_tenant_id, v_conv.id, v_conv.lead_id, 'whatsapp', 'outbound',
    case when p_user_id is null then 'system' else 'human' end, 'template', btrim(p_text),
    jsonb_build_object('kind', 'template', 'name', p_name, 'language', p_language, 'components', p_components),
    p_user_id, 'queued')
  returning * into v_msg;
  update public.conversations set last_message_at = now() where id = v_conv.id;
  perform internal.enqueue_send_job(v_msg);
  return to_jsonb(v_msg) - 'raw_payload';
end $$;
revoke all on function public.send_template_message(uuid, uuid, text, uuid, text, text, text, jsonb) from public, anon;
grant execute on function public.send_template_message(uuid, uuid, text, uuid, text, text, text, jsonb) to authenticated, service_role;
comment on function public.send_template_message(uuid, uuid, text, uuid, text, text, text, jsonb) is '@returns { id: string; tenant_id: string; conversation_id: string; lead_id: string; channel: ''whatsapp''; direction: ''outbound''; sender: ''human'' | ''system''; message_type: ''template''; text: string; content: Record<string, unknown>; delivery_status: ''queued''; sent_by_user_id: string | null; created_at: string }';

-- Free text from the operator (CLI) to a customer's WhatsApp number, refused with the reason
-- once the 24 h window is closed (then only a template goes).
create function public.operator_send_text(p_tenant_id uuid, p_phone text, p_text text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_msg public.messages;
  v_text text := btrim(coalesce(p_text, ''));
  v_digits text := regexp_replace(coalesce(p_phone, ''), '\D', '', 'g');
  v_window_error text;
begin
  if v_text = '' or char_length(v_text) > internal.channel_text_limit('whatsapp') then
    raise exception 'write 1 to % characters', internal.channel_text_limit('whatsapp') using errcode = 'PT400';
  end if;
  select c.* into v_conv from public.conversations c
  join public.lead_identities i on i.lead_id = c.lead_id and i.tenant_id = c.tenant_id and i.channel = 'whatsapp'
  where c.tenant_id = p_tenant_id and c.channel = 'whatsapp' and i.external_id = v_digits
    and c.status in ('active', 'pending')
  order by c.last_message_at desc nulls last
  limit 1
  for update of c;
  if not found then
    raise exception 'no open WhatsApp conversation with %: the customer has not written (send a template)', v_digits
      using errcode = 'PT400', hint = 'no_customer_message';
  end if;
  v_window_error := internal.human_reply_window_error('whatsapp', v_conv.last_inbound_at);
  if v_window_error is not null then
    raise exception '%', v_window_error using errcode = 'PT400',
      hint = case when v_conv.last_inbound_at is null then 'no_customer_message' else 'whatsapp_template_required' end;
  end if;
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, delivery_status)
  values (p_tenant_id, v_conv.id, v_conv.lead_id, 'whatsapp', 'outbound', 'system', 'text', v_text, 'queued')
  returning * into v_msg;
  update public.conversations set last_message_at = now() where id = v_conv.id;
  perform internal.enqueue_send_job(v_msg);
  return to_jsonb(v_msg) - 'raw_payload';
end $$;
revoke all on function public.operator_send_text(uuid, text, text) from public, anon, authenticated;
grant execute on function public.operator_send_text(uuid, text, text) to service_role;
comment on function public.operator_send_text(uuid, text, text) is '@returns { id: string; tenant_id: string; conversation_id: string; lead_id: string; channel: ''whatsapp''; direction: ''outbound''; sender: ''system''; message_type: ''text''; text: string; delivery_status: ''queued''; created_at: string }';

-- Staff now get the templates instead of a refusal; the words say so.
create or replace function internal.human_reply_window_error(p_channel text, p_last_inbound_at timestamptz)
returns text language sql stable set search_path = '' as $$
  select case
    when p_last_inbound_at is null then 'the customer has not written in this conversation yet'
    when p_channel = 'whatsapp' and p_last_inbound_at < now() - interval '24 hours' then
      'more than 24 hours since the customer''s last message: WhatsApp only allows approved message templates now'
    when p_channel in ('facebook', 'instagram') and p_last_inbound_at < now() - interval '7 days' then
      'more than 7 days since the customer''s last message: Meta allows no more replies until they write again'
  end
$$;
revoke all on function internal.human_reply_window_error(text, timestamptz) from public, anon, authenticated, service_role;

-- A send WhatsApp refused because the template is paused (132015) or disabled (132016): the
-- template stops being offered until a sync or a status webhook says otherwise.
create function internal.template_mark_from_send_error()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  update public.whatsapp_templates t set
    status = case when new.error_code = '132016' then 'disabled' else 'paused' end,
    status_note = left(new.error_message, 1000)
  where t.tenant_id = new.tenant_id and t.name = new.content ->> 'name'
    and t.language = new.content ->> 'language' and t.status = 'approved';
  return null;
end $$;
revoke all on function internal.template_mark_from_send_error() from public, anon, authenticated, service_role;

create trigger messages_template_send_error after update of error_code on public.messages
  for each row
  when (new.error_code in ('132015', '132016') and new.error_code is distinct from old.error_code
    and new.content ->> 'kind' = 'template')
  execute function internal.template_mark_from_send_error();
