-- Buttons and lists (issue 16 §2): the tenant's services as a menu, and a staff reply with
-- choices. The channel's limits are checked by the app before this (src/channels/check-choices.ts,
-- with a message naming the field); this checks the shape and the widest limits again.

-- The active services, as the menu offers them (name order; the app keeps the first 10).
CREATE OR REPLACE FUNCTION internal.services_menu(p_tenant_id uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'description', s.description,
      'duration_minutes', s.duration_minutes, 'price_min', s.price_min, 'price_max', s.price_max,
      'currency', s.currency) order by s.name, s.id), '[]'::jsonb)
  from (select * from public.services where tenant_id = p_tenant_id and active order by name, id limit 50) s
$function$;
revoke all on function internal.services_menu(p_tenant_id uuid) from public, anon, authenticated, service_role;

-- For the AI job (service role): the menu it may attach to a reply.
CREATE OR REPLACE FUNCTION public.ai_services_menu(p_tenant_id uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$ select internal.services_menu(p_tenant_id) $function$;
revoke all on function public.ai_services_menu(p_tenant_id uuid) from public, anon, authenticated;
grant execute on function public.ai_services_menu(p_tenant_id uuid) to service_role;
comment on function public.ai_services_menu(p_tenant_id uuid) is '@returns { id: string; name: string; description: string | null; duration_minutes: number; price_min: number | null; price_max: number | null; currency: string }[]';

-- For staff: the same menu, for the reply box's one-click "menú de servicios".
CREATE OR REPLACE FUNCTION public.dashboard_services_menu(p_tenant_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return internal.services_menu(p_tenant_id);
end $function$;
revoke all on function public.dashboard_services_menu(p_tenant_id uuid) from public, anon;
grant execute on function public.dashboard_services_menu(p_tenant_id uuid) to authenticated, service_role;
comment on function public.dashboard_services_menu(p_tenant_id uuid) is '@returns { id: string; name: string; description: string | null; duration_minutes: number; price_min: number | null; price_max: number | null; currency: string }[]';

-- A staff reply with choices: send_human_reply's checks (membership, tenant, text limit of the
-- readable version, window) and queueing, then the choices on the same message, in the same
-- transaction, so the send job never sees the message without them. p_channel is the channel
-- the app checked the limits for: a conversation on another channel undoes the whole call.
CREATE OR REPLACE FUNCTION public.send_human_choices(p_tenant_id uuid, p_conversation_id uuid, p_user_id uuid, p_channel text, p_text text, p_content jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_sent jsonb;
  v_channel text;
begin
  -- send_human_reply checks this too; here first, so a stranger learns nothing from the checks below.
  if coalesce(auth.role(), '') <> 'service_role' then
    if auth.uid() is null or auth.uid() is distinct from p_user_id
      or not public.is_tenant_member(p_tenant_id) then
      raise exception 'not a member of this tenant' using errcode = 'PT403';
    end if;
  end if;
  if jsonb_typeof(p_content) is distinct from 'object' or p_content ->> 'kind' is distinct from 'choices'
    or coalesce(p_content ->> 'style', '') not in ('buttons', 'list')
    or nullif(btrim(coalesce(p_content ->> 'body', '')), '') is null
    or jsonb_typeof(p_content -> 'choices') is distinct from 'array'
    or jsonb_array_length(p_content -> 'choices') not between 1 and 10
    or char_length(coalesce(p_content ->> 'listButton', '')) > 20
    or exists (select 1 from jsonb_array_elements(p_content -> 'choices') c
      where jsonb_typeof(c) <> 'object'
        or nullif(btrim(coalesce(c ->> 'title', '')), '') is null or char_length(c ->> 'title') > 24
        or nullif(coalesce(c ->> 'id', ''), '') is null or char_length(c ->> 'id') > 200
        or char_length(coalesce(c ->> 'description', '')) > 72) then
    raise exception 'choices must be 1 to 10 options with a title of at most 24 characters'
      using errcode = 'PT400', hint = 'choices_invalid';
  end if;
  v_sent := public.send_human_reply(p_tenant_id, p_conversation_id, p_user_id, p_text);
  update public.messages set content = p_content where id = (v_sent ->> 'id')::uuid
  returning channel into v_channel;
  if v_channel is distinct from p_channel then
    raise exception 'the choices were checked for % but the conversation is on %', p_channel, v_channel
      using errcode = 'PT400', hint = 'choices_invalid';
  end if;
  return v_sent || jsonb_build_object('content', p_content);
end $function$;
revoke all on function public.send_human_choices(p_tenant_id uuid, p_conversation_id uuid, p_user_id uuid, p_channel text, p_text text, p_content jsonb) from public, anon;
grant execute on function public.send_human_choices(p_tenant_id uuid, p_conversation_id uuid, p_user_id uuid, p_channel text, p_text text, p_content jsonb) to authenticated, service_role;
comment on function public.send_human_choices(p_tenant_id uuid, p_conversation_id uuid, p_user_id uuid, p_channel text, p_text text, p_content jsonb) is '@returns { id: string; conversation_id: string; delivery_status: ''queued''; text: string; content: { kind: ''choices''; style: ''buttons'' | ''list''; body: string; choices: { id: string; title: string; description?: string }[]; listButton?: string } }';
