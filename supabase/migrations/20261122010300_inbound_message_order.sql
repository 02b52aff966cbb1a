-- Message order follows commit order. created_at defaulted to now(), the start of the
-- delivery's transaction, which is before it waited for the person's lock: two concurrent
-- deliveries could then commit in one order and sort in the other, and "the newest customer
-- message" (what an AI reply must answer) would be the wrong one. Stamped under the lock instead.

-- One message event. Returns {result: stored|duplicate|linked, ...}.
create or replace function internal.ingest_webhook_message(p_conn public.channel_connections, p_event jsonb)
returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_pid text := p_event ->> 'platform_message_id';
  v_direction text := p_event ->> 'direction';
  v_at timestamptz := coalesce((p_event ->> 'platform_timestamp')::timestamptz, now());
  v_lead jsonb;
  v_conversation jsonb;
  v_open_conversation uuid;
  v_own uuid;
  v_message_id uuid;
begin
  if v_pid is null or p_event #>> '{contact,external_id}' is null or v_direction not in ('inbound', 'outbound') then
    raise exception 'malformed message event' using errcode = 'PT400';
  end if;
  if exists (select 1 from public.messages m
    where m.tenant_id = p_conn.tenant_id and m.channel = p_conn.channel and m.platform_message_id = v_pid) then
    return jsonb_build_object('result', 'duplicate');
  end if;

  if v_direction = 'outbound' then
    select c.id into v_open_conversation from public.conversations c
    join public.lead_identities i on i.lead_id = c.lead_id
    where i.tenant_id = p_conn.tenant_id and i.channel = p_conn.channel
      and i.external_id = p_event #>> '{contact,external_id}'
      and c.channel = p_conn.channel and c.status in ('active', 'pending');
    v_own := internal.find_own_send(p_conn, p_event, v_open_conversation);
    if v_own is not null then
      if internal.attach_platform_message_id(p_conn.tenant_id, p_conn.channel, v_own, v_pid) then
        perform internal.apply_message_status(p_conn.tenant_id, p_conn.channel, v_pid, 'sent', v_at);
        return jsonb_build_object('result', 'linked', 'message_id', v_own);
      end if;
      return jsonb_build_object('result', 'duplicate');
    end if;
  end if;

  v_lead := internal.resolve_webhook_lead(p_conn, p_event -> 'contact', v_at);
  v_conversation := internal.resolve_webhook_conversation(p_conn, (v_lead ->> 'lead_id')::uuid, p_event, v_at);
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, media, raw_payload, platform_message_id, reply_to_platform_message_id, delivery_status,
    platform_timestamp, sent_at, created_at, updated_at)
  values (p_conn.tenant_id, (v_conversation ->> 'conversation_id')::uuid, (v_lead ->> 'lead_id')::uuid,
    p_conn.channel, v_direction, p_event ->> 'sender', coalesce(p_event ->> 'message_type', 'text'),
    p_event ->> 'text', nullif(p_event -> 'media', 'null'::jsonb), nullif(p_event -> 'raw', 'null'::jsonb),
    v_pid, p_event ->> 'reply_to_platform_message_id',
    case when v_direction = 'inbound' then 'received' else 'sent' end,
    (p_event ->> 'platform_timestamp')::timestamptz,
    case when v_direction = 'outbound' then v_at end, clock_timestamp(), clock_timestamp())
  on conflict (tenant_id, channel, platform_message_id) where platform_message_id is not null do nothing
  returning id into v_message_id;
  if v_message_id is null then
    return jsonb_build_object('result', 'duplicate');
  end if;
  perform internal.apply_pending_statuses(p_conn.tenant_id, p_conn.channel, v_pid);
  return jsonb_build_object(
    'result', 'stored',
    'message_id', v_message_id,
    'conversation_id', v_conversation ->> 'conversation_id',
    'lead_created', (v_lead ->> 'created')::boolean,
    'conversation_created', (v_conversation ->> 'created')::boolean,
    'answerable', v_direction = 'inbound' and p_event ->> 'sender' = 'lead'
      and coalesce((p_event ->> 'answerable')::boolean, true));
end $$;
