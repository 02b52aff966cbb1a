-- "Responder ahora con la IA" (issue 18, seed 001's requestAIResponse): after a hand-back the AI
-- answers only the customer's next message; staff can ask it to answer the last one now. One
-- ai_response job, deduplicated like ingest's, and only where the AI would answer anyway: a
-- conversation the AI handles, open, whose latest customer message has no reply yet.
create or replace function public.dashboard_request_ai_reply(p_tenant_id uuid, p_conversation_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conv public.conversations;
  v_latest public.messages;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  select * into v_conv from public.conversations c
  where c.id = p_conversation_id and c.tenant_id = p_tenant_id;
  if v_conv.id is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_conv.handled_by <> 'ai' then
    return jsonb_build_object('outcome', 'human_handled');
  end if;
  if v_conv.status in ('resolved', 'closed') then
    return jsonb_build_object('outcome', 'conversation_closed');
  end if;
  v_latest := internal.latest_inbound(v_conv.id);
  if v_latest.id is null then
    return jsonb_build_object('outcome', 'nothing_to_answer');
  end if;
  if internal.latest_inbound_answered(v_conv.id, v_latest) then
    return jsonb_build_object('outcome', 'already_answered');
  end if;
  perform internal.enqueue_ai_response(p_tenant_id, v_conv.id, v_latest.id);
  return jsonb_build_object('outcome', 'queued', 'message_id', v_latest.id);
end $$;
revoke all on function public.dashboard_request_ai_reply(uuid, uuid) from public, anon;
grant execute on function public.dashboard_request_ai_reply(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_request_ai_reply(uuid, uuid) is
  '@returns { outcome: ''human_handled'' | ''conversation_closed'' | ''nothing_to_answer'' | ''already_answered'' } | { outcome: ''queued''; message_id: string }';
