-- Issue 18's known defect: "Devolver a la IA" after an escalation set handled_by = 'ai' but left
-- the conversation 'pending'; ingest queues AI replies only for 'active' conversations, so the AI
-- never answered that customer again. Handing back to the AI now makes a pending conversation
-- active again (a resolved or closed one stays as it is).
create or replace function public.dashboard_set_conversation_handler(p_tenant_id uuid, p_conversation_id uuid, p_handled_by text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.conversations;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if p_handled_by is null or p_handled_by not in ('ai', 'human') then
    raise exception 'handled_by must be ai or human' using errcode = 'PT400';
  end if;
  update public.conversations c set
    handled_by = p_handled_by,
    status = case when p_handled_by = 'ai' and c.status = 'pending' then 'active' else c.status end,
    escalated_at = case when p_handled_by = 'ai' then null else c.escalated_at end,
    escalation_reason = case when p_handled_by = 'ai' then null else c.escalation_reason end
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', v_row.id, 'handled_by', v_row.handled_by, 'status', v_row.status,
    'escalated_at', v_row.escalated_at);
end $$;
