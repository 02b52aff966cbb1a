-- Squashed on 2026-12-07 (see README.md): functions many areas use (membership, updated_at,
-- masked connections, the re-auth rule), then the row level security policies that read
-- public.is_tenant_member and the triggers on updated_at and channel status.
-- Tenancy is decided by tenant_members only (never by user-editable metadata). Staff (role
-- authenticated) may read their tenants' rows; every write goes through SQL functions that
-- check membership themselves. anon gets nothing.

-- Keep updated_at honest without every function remembering it.
create or replace function public.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;
revoke all on function public.touch_updated_at() from public, anon, authenticated;

create or replace function public.is_tenant_member(p_tenant_id uuid, p_min_role text default 'agent')
returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.tenant_members m
    where m.tenant_id = p_tenant_id
      and m.user_id = (select auth.uid())
      and case p_min_role
            when 'owner' then m.role = 'owner'
            when 'admin' then m.role in ('owner', 'admin')
            else true
          end
  )
$$;
revoke all on function public.is_tenant_member(uuid, text) from public, anon;
grant execute on function public.is_tenant_member(uuid, text) to authenticated, service_role;

-- A connection as anyone outside the server may see it: ciphertexts replaced by hints.
create or replace function internal.masked_connection(c public.channel_connections) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object(
    'id', c.id, 'tenant_id', c.tenant_id, 'channel', c.channel, 'mode', c.mode, 'status', c.status,
    'ai_enabled', c.ai_enabled, 'display_name', c.display_name,
    'phone_number_id', c.phone_number_id, 'business_account_id', c.business_account_id,
    'display_phone_number', c.display_phone_number, 'page_id', c.page_id,
    'instagram_account_id', c.instagram_account_id, 'tiktok_business_id', c.tiktok_business_id,
    'access_token', case when c.access_token_encrypted is null then null else '••••' || coalesce(c.access_token_hint, '') end,
    'webhook_secret', case when c.webhook_secret_encrypted is null then null else '••••' || coalesce(c.webhook_secret_hint, '') end,
    'verify_token', c.verify_token, 'last_error', c.last_error, 'last_webhook_at', c.last_webhook_at,
    'updated_at', c.updated_at)
$$;
revoke all on function internal.masked_connection(public.channel_connections) from public;

create or replace function internal.is_uuid(p_value text) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(p_value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', false)
$$;
revoke all on function internal.is_uuid(text) from public;

-- A connection marked needs_reauth (token rejected) or error stays so until a person acts.
-- Saving a new access token is that act: the dashboard and the CLI both write through
-- channel_connections, so one trigger makes a new token bring the channel back to connected
-- (sends and AI replies resume) instead of leaving it stuck until Disable/Enable.
-- While the status stands, an edit of other fields keeps the error that explains it.
create or replace function internal.channel_status_after_edit() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.status = old.status and old.status in ('needs_reauth', 'error') then
    if new.access_token_encrypted is distinct from old.access_token_encrypted
      and new.access_token_encrypted is not null then
      new.status := 'connected';
      new.last_error := null;
    elsif new.last_error is null then
      new.last_error := old.last_error;
    end if;
  end if;
  return new;
end $$;
revoke all on function internal.channel_status_after_edit() from public, anon, authenticated;

create policy tenants_member_read on public.tenants for select to authenticated
  using ((select public.is_tenant_member(id)));
create policy branches_member_read on public.branches for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy tenant_members_member_read on public.tenant_members for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy channel_connections_member_read on public.channel_connections for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy ai_tenant_context_member_read on public.ai_tenant_context for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy leads_member_read on public.leads for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy lead_identities_member_read on public.lead_identities for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy lead_score_events_member_read on public.lead_score_events for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy conversations_member_read on public.conversations for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy messages_member_read on public.messages for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));
create policy jobs_admin_read on public.jobs for select to authenticated
  using ((select public.is_tenant_member(tenant_id, 'admin')));
create policy webhook_events_admin_read on public.webhook_events for select to authenticated
  using ((select public.is_tenant_member(tenant_id, 'admin')));
create policy outbox_messages_member_read on public.outbox_messages for select to authenticated
  using ((select public.is_tenant_member(tenant_id)));

create trigger tenants_touch before update on public.tenants
  for each row execute function public.touch_updated_at();
create trigger channel_connections_touch before update on public.channel_connections
  for each row execute function public.touch_updated_at();
create trigger ai_tenant_context_touch before update on public.ai_tenant_context
  for each row execute function public.touch_updated_at();
create trigger leads_touch before update on public.leads
  for each row execute function public.touch_updated_at();
create trigger conversations_touch before update on public.conversations
  for each row execute function public.touch_updated_at();
create trigger messages_touch before update on public.messages
  for each row execute function public.touch_updated_at();
create trigger jobs_touch before update on public.jobs
  for each row execute function public.touch_updated_at();
create trigger channel_connections_new_token_reauthorizes
before update on public.channel_connections
for each row execute function internal.channel_status_after_edit();
