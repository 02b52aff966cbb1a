-- Staff dashboard, local simulator: the thread of one simulated customer (by channel and platform
-- id) with the sandbox outbox entries of the replies, so the reply shows up next to the message.

create or replace function public.dashboard_simulator_thread(p_tenant_id uuid, p_channel text,
  p_external_id text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_lead public.leads;
  v_conversation_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select l.* into v_lead
  from public.lead_identities i join public.leads l on l.id = i.lead_id
  where i.tenant_id = p_tenant_id and i.channel = p_channel and i.external_id = p_external_id;
  if v_lead.id is null then
    return jsonb_build_object('conversation_id', null, 'lead', null, 'messages', '[]'::jsonb);
  end if;
  select c.id into v_conversation_id from public.conversations c
  where c.tenant_id = p_tenant_id and c.lead_id = v_lead.id and c.channel = p_channel
  order by c.created_at desc limit 1;
  return jsonb_build_object(
    'conversation_id', v_conversation_id,
    'lead', jsonb_build_object('id', v_lead.id, 'name', v_lead.name, 'score', v_lead.score,
      'classification', v_lead.classification),
    'messages', (
      select coalesce(jsonb_agg(to_jsonb(x) order by x.created_at, x.id), '[]'::jsonb)
      from (
        select m.id, m.direction, m.sender, m.message_type, m.text, m.generated_by, m.delivery_status,
          m.error_code, m.error_message, m.created_at,
          (select jsonb_build_object('recipient', o.recipient, 'platform_message_id', o.platform_message_id,
              'created_at', o.created_at)
            from public.outbox_messages o where o.message_id = m.id and o.tenant_id = p_tenant_id) as outbox
        from public.messages m
        where m.conversation_id = v_conversation_id and m.tenant_id = p_tenant_id
        order by m.created_at desc, m.id desc limit 50
      ) x));
end $$;

revoke all on function public.dashboard_simulator_thread(uuid, text, text) from public, anon;
grant execute on function public.dashboard_simulator_thread(uuid, text, text) to authenticated, service_role;
