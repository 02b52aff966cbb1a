-- fetch_profile (issue 5): what the job needs to ask Meta for a lead's name and picture, and
-- one write that stores the answer (or that there is none) so each lead is asked once.

create or replace function public.profile_load_context(p_lead_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case when l.id is null then jsonb_build_object('found', false) else jsonb_build_object(
    'found', true,
    'lead', jsonb_build_object('id', l.id, 'tenant_id', l.tenant_id, 'name', l.name,
      'origin_channel', l.origin_channel, 'profile_fetched_at', l.profile_fetched_at),
    'identity', (select jsonb_build_object('channel', i.channel, 'external_id', i.external_id)
      from public.lead_identities i where i.lead_id = l.id and i.channel = l.origin_channel
      order by i.created_at limit 1),
    'connection', (select jsonb_build_object('mode', c.mode, 'status', c.status, 'page_id', c.page_id,
        'instagram_account_id', c.instagram_account_id, 'access_token_encrypted', c.access_token_encrypted)
      from public.channel_connections c where c.tenant_id = l.tenant_id and c.channel = l.origin_channel)
  ) end
  from (select 1) one left join public.leads l on l.id = p_lead_id
$$;

-- A name the lead already has (from the webhook or staff) is kept; the picture is refreshed.
create or replace function public.profile_record(p_lead_id uuid, p_external_id text, p_name text,
  p_username text, p_picture_url text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_lead public.leads;
begin
  update public.leads set
    name = coalesce(name, nullif(btrim(p_name), '')),
    profile_picture_url = coalesce(nullif(p_picture_url, ''), profile_picture_url),
    profile_fetched_at = now()
  where id = p_lead_id
  returning * into v_lead;
  if not found then
    raise exception 'lead % not found', p_lead_id using errcode = 'PT404';
  end if;
  if nullif(btrim(p_username), '') is not null then
    update public.lead_identities set username = btrim(p_username)
    where lead_id = p_lead_id and channel = v_lead.origin_channel and external_id = p_external_id;
  end if;
  return jsonb_build_object('id', v_lead.id, 'name', v_lead.name,
    'profile_picture_url', v_lead.profile_picture_url, 'profile_fetched_at', v_lead.profile_fetched_at);
end $$;

-- An invalid token found outside a send (the profile call): the channel needs reconnecting.
create or replace function public.channel_mark_needs_reauth(p_tenant_id uuid, p_channel text, p_error text)
returns void
language sql security definer set search_path = '' as $$
  update public.channel_connections set status = 'needs_reauth', last_error = left(p_error, 500)
  where tenant_id = p_tenant_id and channel = p_channel
$$;

do $$
declare
  f text;
begin
  foreach f in array array['profile_load_context(uuid)', 'profile_record(uuid,text,text,text,text)',
    'channel_mark_needs_reauth(uuid,text,text)']
  loop
    execute format('revoke all on function public.%s from public, anon, authenticated', f);
    execute format('grant execute on function public.%s to service_role', f);
  end loop;
end $$;
