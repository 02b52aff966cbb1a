-- The "Prueba" badge (issue 18 §5): the inbox and leads lists say which rows are test traffic.
-- dashboard_conversations and dashboard_leads are redefined only to add is_test; the detail reads
-- (dashboard_conversation, dashboard_lead) already return the whole row, only their @returns grow.
create or replace function public.dashboard_conversations(p_tenant_id uuid, p_status text DEFAULT 'open'::text, p_channel text DEFAULT NULL::text, p_handled_by text DEFAULT NULL::text, p_limit integer DEFAULT 50)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (
    select coalesce(jsonb_agg(to_jsonb(x) order by x.escalated_first desc, x.last_message_at desc nulls last),
      '[]'::jsonb)
    from (
      select c.id, c.channel, c.status, c.handled_by, c.escalated_at, c.escalation_reason, c.is_test,
        c.last_message_at, c.last_inbound_at,
        (c.escalated_at is not null and c.status in ('active', 'pending')) as escalated_first,
        jsonb_build_object('id', l.id, 'name', l.name, 'score', l.score,
          'classification', l.classification) as lead,
        (select jsonb_build_object('text', left(m.text, 140), 'message_type', m.message_type,
            'sender', m.sender, 'delivery_status', m.delivery_status, 'created_at', m.created_at)
          from public.messages m where m.conversation_id = c.id
          order by m.created_at desc limit 1) as last_message
      from public.conversations c join public.leads l on l.id = c.lead_id
      where c.tenant_id = p_tenant_id
        and (p_status is null
          or (p_status = 'open' and c.status in ('active', 'pending'))
          or c.status = p_status)
        and (p_channel is null or c.channel = p_channel)
        and (p_handled_by is null or c.handled_by = p_handled_by)
      order by escalated_first desc, c.last_message_at desc nulls last
      limit least(greatest(coalesce(p_limit, 50), 1), 200)
    ) x);
end $function$;
comment on function public.dashboard_conversations(p_tenant_id uuid, p_status text, p_channel text, p_handled_by text, p_limit integer) is '@returns { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; escalation_reason: string | null; is_test: boolean; last_message_at: string | null; last_inbound_at: string | null; escalated_first: boolean; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold'' }; last_message: { text: string | null; message_type: string; sender: ''lead'' | ''ai'' | ''human'' | ''system''; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; created_at: string } | null }[]';

create or replace function public.dashboard_leads(p_tenant_id uuid, p_classification text DEFAULT NULL::text, p_channel text DEFAULT NULL::text, p_limit integer DEFAULT 100)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (
    select coalesce(jsonb_agg(to_jsonb(x) order by x.last_message_at desc nulls last, x.created_at desc),
      '[]'::jsonb)
    from (
      select l.id, l.name, l.origin_channel, l.score, l.classification, l.last_message_at, l.created_at, l.is_test,
        (select left(m.text, 140) from public.messages m where m.lead_id = l.id
          order by m.created_at desc limit 1) as last_message_text
      from public.leads l
      where l.tenant_id = p_tenant_id
        and (p_classification is null or l.classification = p_classification)
        and (p_channel is null or l.origin_channel = p_channel
          or exists (select 1 from public.lead_identities i where i.lead_id = l.id and i.channel = p_channel))
      order by l.last_message_at desc nulls last, l.created_at desc
      limit least(greatest(coalesce(p_limit, 100), 1), 500)
    ) x);
end $function$;
comment on function public.dashboard_leads(p_tenant_id uuid, p_classification text, p_channel text, p_limit integer) is '@returns { id: string; name: string | null; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; score: number; classification: ''hot'' | ''warm'' | ''cold''; last_message_at: string | null; created_at: string; is_test: boolean; last_message_text: string | null }[]';

comment on function public.dashboard_conversation(p_tenant_id uuid, p_conversation_id uuid) is '@returns { conversation: { id: string; lead_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; escalation_reason: string | null; external_thread_id: string | null; is_test: boolean; last_inbound_at: string | null; last_message_at: string | null; created_at: string; updated_at: string }; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok'' }; messages: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; media: { [key: string]: Json | undefined } | null; generated_by: ''claude'' | ''offline'' | null; ai_tool_calls: { name: string; outcome: string; appointment_id: string | null; is_error: boolean }[] | null; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; error_code: string | null; error_message: string | null; created_at: string; sent_at: string | null; delivered_at: string | null; read_at: string | null; failed_at: string | null; sent_by_email: string | null }[] }';
comment on function public.dashboard_lead(p_tenant_id uuid, p_lead_id uuid) is '@returns { lead: { id: string; name: string | null; profile_picture_url: string | null; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; phone: string | null; email: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; profile_fetched_at: string | null; last_message_at: string | null; created_at: string; updated_at: string; is_test: boolean }; identities: { channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; external_id: string; username: string | null }[]; score_events: { id: string; delta: number; score_before: number; score_after: number; classification_after: ''hot'' | ''warm'' | ''cold''; signals: string[]; reason: string | null; created_at: string; message_id: string | null; message_text: string | null }[]; conversations: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; last_message_at: string | null; messages: number }[] }';

-- How much test traffic a tenant holds, for the card that offers to delete it.
create or replace function public.dashboard_test_traffic(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return jsonb_build_object(
    'leads', (select count(*) from public.leads l where l.tenant_id = p_tenant_id and l.is_test),
    'conversations', (select count(*) from public.conversations c where c.tenant_id = p_tenant_id and c.is_test),
    'messages', (select count(*) from public.messages m where m.tenant_id = p_tenant_id and m.is_test));
end $$;
revoke all on function public.dashboard_test_traffic(uuid) from public, anon;
grant execute on function public.dashboard_test_traffic(uuid) to authenticated, service_role;
comment on function public.dashboard_test_traffic(uuid) is
  '@returns { leads: number; conversations: number; messages: number }';
-- Test rows are few: tiny partial indexes find them (the count above, the delete) without
-- reading a tenant's real messages.
create index leads_test_idx on public.leads (tenant_id) where is_test;
create index conversations_test_idx on public.conversations (tenant_id) where is_test;
create index messages_test_idx on public.messages (tenant_id) where is_test;
