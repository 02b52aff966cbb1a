-- A customer can delete a message before the AI answers it (Instagram is_deleted, WhatsApp
-- revoke): the row stays, its content is erased. The history now says which messages were
-- deleted, so the AI job stays silent when everything new was deleted, and Claude is told a
-- message was deleted instead of reading a bare "[text]". Otherwise as in 20261122030200.

create or replace function public.ai_load_context(p_conversation_id uuid, p_history_limit integer default 20)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_latest public.messages;
  v_result jsonb;
begin
  select * into v_conv from public.conversations where id = p_conversation_id;
  if not found then
    return jsonb_build_object('found', false);
  end if;
  v_latest := internal.latest_inbound(v_conv.id);
  select jsonb_build_object(
    'found', true,
    'now', now(),
    'tenant', jsonb_build_object('id', t.id, 'name', t.name, 'timezone', t.timezone, 'locale', t.locale),
    'ai', case when a.tenant_id is null then null else to_jsonb(a) - 'tenant_id' - 'updated_at' end,
    'conversation', jsonb_build_object('id', v_conv.id, 'channel', v_conv.channel, 'status', v_conv.status,
      'handled_by', v_conv.handled_by, 'escalated_at', v_conv.escalated_at, 'last_inbound_at', v_conv.last_inbound_at),
    'lead', jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score, 'classification', l.classification,
      'origin_channel', l.origin_channel, 'created_at', l.created_at),
    'connection', case when c.id is null then null
      else jsonb_build_object('mode', c.mode, 'status', c.status, 'ai_enabled', c.ai_enabled) end,
    'latest_inbound', case when v_latest.id is null then null
      else jsonb_build_object('id', v_latest.id, 'created_at', v_latest.created_at) end,
    'answered', internal.latest_inbound_answered(v_conv.id, v_latest),
    'inbound_count', (select count(*) from public.messages m
      where m.conversation_id = v_conv.id and m.direction = 'inbound'),
    'history', coalesce((
      select jsonb_agg(jsonb_build_object('id', h.id, 'direction', h.direction, 'sender', h.sender,
        'message_type', h.message_type, 'text', h.text, 'created_at', h.created_at,
        'deleted', h.delivery_status = 'deleted') order by h.created_at, h.id)
      from (
        select * from public.messages m
        where m.conversation_id = v_conv.id and not (m.direction = 'outbound' and m.delivery_status = 'failed')
        order by m.created_at desc, m.id desc
        limit greatest(1, least(coalesce(p_history_limit, 20), 100))
      ) h), '[]'::jsonb))
  into v_result
  from public.tenants t
  join public.leads l on l.id = v_conv.lead_id
  left join public.ai_tenant_context a on a.tenant_id = t.id
  left join public.channel_connections c on c.tenant_id = t.id and c.channel = v_conv.channel
  where t.id = v_conv.tenant_id;
  return v_result;
end $$;
