-- RLS at scale (issue 19): every read policy asks "is this row's tenant one of mine?" through one
-- array of the signed-in user's tenants, computed once per statement (an InitPlan: Supabase's
-- "call functions with select" pattern), instead of calling is_tenant_member once per row.
-- `tenant_id = any (<array>)` is an index condition, so a member's query walks the tenant's
-- index, and a user with no membership gets an empty array: an index scan that ends before
-- reading a row. The planner assumes ~10 tenants in the array, so with real statistics it
-- prefers the tenant index over a full scan; messages had no plain tenant index, hence the one
-- below (one more btree entry per stored message).

-- Its argument is unnamed on purpose: only policies call it, never rpc() (db:types skips it).
create function public.member_tenant_ids(text default 'agent')
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(m.tenant_id order by m.tenant_id), '{}')
  from public.tenant_members m
  where m.user_id = (select auth.uid())
    and case $1
          when 'owner' then m.role = 'owner'
          when 'admin' then m.role in ('owner', 'admin')
          else true
        end
$$;
revoke all on function public.member_tenant_ids(text) from public, anon;
grant execute on function public.member_tenant_ids(text) to authenticated, service_role;

-- The membership lookup reads only this index (index-only with the role included).
create index tenant_members_user_tenant_idx on public.tenant_members (user_id, tenant_id) include (role);
drop index public.tenant_members_user_idx;
-- On a populated database build it first with `create index concurrently` (same name); this
-- statement then does nothing.
create index if not exists messages_tenant_idx on public.messages (tenant_id, created_at desc, id desc);

drop policy ai_tenant_context_member_read on public.ai_tenant_context;
create policy ai_tenant_context_member_read on public.ai_tenant_context for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy ai_usage_member_read on public.ai_usage;
create policy ai_usage_member_read on public.ai_usage for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy appointment_events_member_read on public.appointment_events;
create policy appointment_events_member_read on public.appointment_events for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy appointment_reminders_member_read on public.appointment_reminders;
create policy appointment_reminders_member_read on public.appointment_reminders for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy appointment_reply_taps_member_read on public.appointment_reply_taps;
create policy appointment_reply_taps_member_read on public.appointment_reply_taps for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy appointments_member_read on public.appointments;
create policy appointments_member_read on public.appointments for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy attention_events_member_read on public.attention_events;
create policy attention_events_member_read on public.attention_events for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy branches_member_read on public.branches;
create policy branches_member_read on public.branches for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy channel_connections_member_read on public.channel_connections;
create policy channel_connections_member_read on public.channel_connections for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy closures_member_read on public.closures;
create policy closures_member_read on public.closures for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy conversation_events_member_read on public.conversation_events;
create policy conversation_events_member_read on public.conversation_events for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy conversation_notes_member_read on public.conversation_notes;
create policy conversation_notes_member_read on public.conversation_notes for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy conversation_reads_own_read on public.conversation_reads;
create policy conversation_reads_own_read on public.conversation_reads for select to authenticated
  using (user_id = (select auth.uid()) and tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy conversation_tags_member_read on public.conversation_tags;
create policy conversation_tags_member_read on public.conversation_tags for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy conversations_member_read on public.conversations;
create policy conversations_member_read on public.conversations for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy follow_up_opt_outs_member_read on public.follow_up_opt_outs;
create policy follow_up_opt_outs_member_read on public.follow_up_opt_outs for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy jobs_admin_read on public.jobs;
create policy jobs_admin_read on public.jobs for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids('admin'))::uuid[]));
drop policy lead_changes_member_read on public.lead_changes;
create policy lead_changes_member_read on public.lead_changes for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy lead_follow_ups_member_read on public.lead_follow_ups;
create policy lead_follow_ups_member_read on public.lead_follow_ups for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy lead_identities_member_read on public.lead_identities;
create policy lead_identities_member_read on public.lead_identities for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy lead_merges_member_read on public.lead_merges;
create policy lead_merges_member_read on public.lead_merges for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy lead_score_events_member_read on public.lead_score_events;
create policy lead_score_events_member_read on public.lead_score_events for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy lead_tags_member_read on public.lead_tags;
create policy lead_tags_member_read on public.lead_tags for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy leads_member_read on public.leads;
create policy leads_member_read on public.leads for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy media_files_member_read on public.media_files;
create policy media_files_member_read on public.media_files for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy message_edits_member_read on public.message_edits;
create policy message_edits_member_read on public.message_edits for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy messages_member_read on public.messages;
create policy messages_member_read on public.messages for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy note_mentions_member_read on public.note_mentions;
create policy note_mentions_member_read on public.note_mentions for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy notification_preferences_own_read on public.notification_preferences;
create policy notification_preferences_own_read on public.notification_preferences for select to authenticated
  using (user_id = (select auth.uid()) and tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy outbox_messages_member_read on public.outbox_messages;
create policy outbox_messages_member_read on public.outbox_messages for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy quick_replies_member_read on public.quick_replies;
create policy quick_replies_member_read on public.quick_replies for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy reminder_settings_member_read on public.reminder_settings;
create policy reminder_settings_member_read on public.reminder_settings for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy resource_services_member_read on public.resource_services;
create policy resource_services_member_read on public.resource_services for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy resources_member_read on public.resources;
create policy resources_member_read on public.resources for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy service_branches_member_read on public.service_branches;
create policy service_branches_member_read on public.service_branches for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy services_member_read on public.services;
create policy services_member_read on public.services for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy tags_member_read on public.tags;
create policy tags_member_read on public.tags for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy tenant_members_member_read on public.tenant_members;
create policy tenant_members_member_read on public.tenant_members for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
drop policy tenants_member_read on public.tenants;
create policy tenants_member_read on public.tenants for select to authenticated
  using (id = any ((select public.member_tenant_ids())::uuid[]));
drop policy webhook_events_admin_read on public.webhook_events;
create policy webhook_events_admin_read on public.webhook_events for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids('admin'))::uuid[]));
drop policy whatsapp_templates_member_read on public.whatsapp_templates;
create policy whatsapp_templates_member_read on public.whatsapp_templates for select to authenticated
  using (tenant_id = any ((select public.member_tenant_ids())::uuid[]));
