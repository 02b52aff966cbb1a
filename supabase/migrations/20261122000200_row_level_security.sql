-- Tenancy is decided by tenant_members only (never by user-editable metadata).
-- Staff (role authenticated) may read their tenants' rows; every write goes through
-- SQL functions that check membership themselves. anon gets nothing.

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

revoke all on function public.touch_updated_at() from public, anon, authenticated;

do $$
declare
  t text;
begin
  foreach t in array array['tenants', 'branches', 'tenant_members', 'channel_connections',
    'ai_tenant_context', 'leads', 'lead_identities', 'lead_score_events', 'conversations',
    'messages', 'jobs', 'webhook_events']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from anon, authenticated', t);
    execute format('grant select, insert, update, delete on table public.%I to service_role', t);
  end loop;
end $$;

-- Staff read access. Column list on channel_connections leaves the ciphertexts out.
grant select on public.tenants, public.branches, public.tenant_members, public.ai_tenant_context,
  public.leads, public.lead_identities, public.lead_score_events, public.conversations,
  public.messages, public.jobs, public.webhook_events to authenticated;
grant select (id, tenant_id, channel, mode, status, ai_enabled, display_name, phone_number_id,
  business_account_id, display_phone_number, page_id, instagram_account_id, tiktok_business_id,
  access_token_hint, webhook_secret_hint, verify_token, last_error, last_webhook_at, created_at,
  updated_at) on public.channel_connections to authenticated;

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
