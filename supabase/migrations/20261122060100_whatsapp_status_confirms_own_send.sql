-- A WhatsApp send cut off before its answer (timeout, crash) left the message 'sending', then
-- failed 'send_unconfirmed' ("check the chat"). But the send carries biz_opaque_callback_data
-- "inbox:<message uuid>", and WhatsApp returns it on every status webhook: a 'sent', 'delivered'
-- or 'read' status for it proves the customer got it. The status now attaches the wamid to our
-- message (this tenant, this channel, outbound, no platform id yet) and marks it sent, so it is
-- never shown as failed and its send job, if it retries, finds it sent and sends nothing.

create or replace function internal.link_own_send_status(p_tenant_id uuid, p_channel text, p_event jsonb)
returns void
language plpgsql set search_path = '' as $$
declare
  v_own text := p_event ->> 'own_message_id';
  v_platform_id text := p_event ->> 'platform_message_id';
  v_msg public.messages;
begin
  if v_own is null or v_own !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    or p_event ->> 'status' not in ('sent', 'delivered', 'read', 'played') then
    return;
  end if;
  select * into v_msg from public.messages m
  where m.id = v_own::uuid and m.tenant_id = p_tenant_id and m.channel = p_channel
    and m.direction = 'outbound' and m.platform_message_id is null
    and m.delivery_status in ('sending', 'failed')
  for update;
  if not found then
    return;
  end if;
  -- The platform took it: whatever failure was recorded (cut off, timeout) was not the end of it.
  update public.messages set delivery_status = 'sending', error_code = null, error_message = null,
    failed_at = null
  where id = v_msg.id;
  perform internal.mark_outbound_sent(v_msg.id, v_platform_id);
end $$;

revoke all on function internal.link_own_send_status(uuid, text, jsonb) from public;

-- As in 20261122010100 (renamed in 20261122010200), statuses first give our own sends their id.
create or replace function internal.ingest_webhook_unchecked(
  p_tenant_id uuid,
  p_channel text,
  p_account_ids jsonb,
  p_events jsonb,
  p_tenant_slug text default null,
  p_body_bytes integer default null,
  p_ignored integer default 0,
  p_detail text default null,
  p_duration_ms numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conn public.channel_connections;
  v_expected text;
  v_key text;
  v_event jsonb;
  v_result jsonb;
  v_status text;
  v_answer jsonb := '{}'::jsonb;
  v_conversation_id text;
  v_message_id text;
  v_total integer;
  v_stored integer := 0;
  v_duplicates integer := 0;
  v_linked integer := 0;
  v_applied integer := 0;
  v_pending integer := 0;
  v_unchanged integer := 0;
  v_leads integer := 0;
  v_conversations integer := 0;
  v_jobs integer := 0;
  v_outcome text;
begin
  select * into v_conn from public.channel_connections c where c.tenant_id = p_tenant_id and c.channel = p_channel;
  if not found then
    raise exception 'no % connection for this tenant', p_channel using errcode = 'PT404';
  end if;
  if jsonb_typeof(p_events) is distinct from 'array' or jsonb_typeof(p_account_ids) is distinct from 'array' then
    raise exception 'events and account ids must be JSON arrays' using errcode = 'PT400';
  end if;
  v_expected := case p_channel
    when 'whatsapp' then v_conn.phone_number_id when 'facebook' then v_conn.page_id
    when 'instagram' then v_conn.instagram_account_id when 'tiktok' then v_conn.tiktok_business_id end;
  if exists (select 1 from jsonb_array_elements(p_account_ids) a where a #>> '{}' is distinct from v_expected) then
    raise exception 'the delivery names an account that is not this tenant''s % connection', p_channel
      using errcode = 'PT403';
  end if;

  if exists (select 1 from jsonb_array_elements(p_events) e where e ->> 'kind' not in ('message', 'status', 'watermark')
    or e ->> 'kind' is null) then
    raise exception 'unknown event kind' using errcode = 'PT400';
  end if;

  -- Every person of the batch, locked in one fixed order: concurrent deliveries for the same
  -- person serialise (one lead, one conversation) and cannot deadlock each other.
  for v_key in
    select distinct e #>> '{contact,external_id}' from jsonb_array_elements(p_events) e
    where e ->> 'kind' = 'message' and e #>> '{contact,external_id}' is not null
    order by 1
  loop
    perform pg_advisory_xact_lock(hashtextextended(p_tenant_id::text || '/' || p_channel || '/' || v_key, 0));
  end loop;

  for v_event in
    select e from jsonb_array_elements(p_events) with ordinality as x(e, n)
    where e ->> 'kind' = 'message'
    order by (e ->> 'platform_timestamp')::timestamptz nulls last, n
  loop
    v_result := internal.ingest_webhook_message(v_conn, v_event);
    case v_result ->> 'result'
      when 'stored' then
        v_stored := v_stored + 1;
        if (v_result ->> 'lead_created')::boolean then v_leads := v_leads + 1; end if;
        if (v_result ->> 'conversation_created')::boolean then v_conversations := v_conversations + 1; end if;
        if (v_result ->> 'answerable')::boolean then
          v_answer := v_answer || jsonb_build_object(v_result ->> 'conversation_id', v_result ->> 'message_id');
        end if;
      when 'linked' then v_linked := v_linked + 1;
      else v_duplicates := v_duplicates + 1;
    end case;
  end loop;

  for v_event in
    select e from jsonb_array_elements(p_events) e where e ->> 'kind' = 'status'
    order by e ->> 'platform_message_id', coalesce(internal.delivery_status_rank(e ->> 'status'), 99)
  loop
    if v_event ->> 'platform_message_id' is null then
      raise exception 'malformed status event' using errcode = 'PT400';
    end if;
    perform internal.link_own_send_status(p_tenant_id, p_channel, v_event);
    v_status := internal.apply_message_status(p_tenant_id, p_channel, v_event ->> 'platform_message_id',
      v_event ->> 'status', (v_event ->> 'status_at')::timestamptz, v_event ->> 'error_code',
      v_event ->> 'error_message');
    case v_status
      when 'applied' then v_applied := v_applied + 1;
      when 'pending' then v_pending := v_pending + 1;
      else v_unchanged := v_unchanged + 1;
    end case;
  end loop;

  for v_event in select e from jsonb_array_elements(p_events) e where e ->> 'kind' = 'watermark' loop
    if internal.apply_status_watermark(p_tenant_id, p_channel, v_event) > 0 then
      v_applied := v_applied + 1;
    else
      v_unchanged := v_unchanged + 1;
    end if;
  end loop;

  for v_conversation_id, v_message_id in select key, value #>> '{}' from jsonb_each(v_answer) order by key loop
    if v_conn.ai_enabled and exists (select 1 from public.conversations c
      where c.id = v_conversation_id::uuid and c.handled_by = 'ai' and c.status = 'active') then
      perform internal.enqueue_ai_response(p_tenant_id, v_conversation_id::uuid, v_message_id::uuid);
      v_jobs := v_jobs + 1;
    end if;
  end loop;

  v_total := jsonb_array_length(p_events);
  v_outcome := case when v_total > 0 and v_stored + v_linked + v_applied + v_pending = 0 then 'duplicate' else 'accepted' end;
  insert into public.webhook_events (tenant_id, tenant_slug, channel, outcome, http_status, body_bytes,
    event_count, stored_count, duration_ms, detail)
  values (p_tenant_id, left(p_tenant_slug, 100), p_channel, v_outcome, 200, p_body_bytes,
    v_total + coalesce(p_ignored, 0), v_stored, least(p_duration_ms, 9999999), left(p_detail, 500));
  -- Throttled so a busy tenant's deliveries do not all queue on this one row.
  update public.channel_connections c set last_webhook_at = now()
  where c.id = v_conn.id and (c.last_webhook_at is null or c.last_webhook_at < now() - interval '30 seconds');

  return jsonb_build_object(
    'outcome', v_outcome, 'events', v_total, 'stored', v_stored, 'duplicates', v_duplicates,
    'echoes_linked', v_linked, 'statuses_applied', v_applied, 'statuses_pending', v_pending,
    'statuses_unchanged', v_unchanged, 'leads_created', v_leads, 'conversations_created', v_conversations,
    'ai_jobs', v_jobs);
end $$;

revoke all on function internal.ingest_webhook_unchecked(uuid, text, jsonb, jsonb, text, integer, integer, text, numeric)
  from public, anon, authenticated, service_role;
