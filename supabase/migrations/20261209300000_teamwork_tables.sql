-- Working a conversation as a team (issue 18 §2): who a conversation is assigned to (and the
-- history of it), internal notes with @mentions, the tenant's tags on conversations and leads,
-- and saved quick replies. Tables only; their functions are in the next migration.

-- The assignee: a member of the conversation's tenant or nobody ("the team"). The composite key
-- makes membership a constraint, not only a check: removing a member unassigns their
-- conversations. The inbox filters "mine / unassigned / all" on this column through
-- internal.assignment_matches (next migration).
alter table public.conversations add column assigned_to uuid;
alter table public.conversations add constraint conversations_assignee_member_fkey
  foreign key (tenant_id, assigned_to) references public.tenant_members (tenant_id, user_id)
  on delete set null (assigned_to);
create index conversations_assigned_idx on public.conversations (tenant_id, assigned_to, last_message_at desc);
comment on column public.conversations.assigned_to is
  'The member this conversation is assigned to; null = the whole team (unassigned).';

-- What staff did to a conversation: assignments and manual escalations, with who and when.
create table public.conversation_events (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  actor_user_id uuid references auth.users (id) on delete set null,
  kind text not null check (kind in ('assigned', 'unassigned', 'escalated')),
  assignee_user_id uuid references auth.users (id) on delete set null,
  reason text check (char_length(reason) between 1 and 500),
  created_at timestamptz not null default now()
);
create index conversation_events_conversation_idx on public.conversation_events (conversation_id, created_at);
create index conversation_events_tenant_idx on public.conversation_events (tenant_id);
alter table public.conversation_events enable row level security;
create policy conversation_events_member_read on public.conversation_events for select to authenticated
  using ((select public.is_tenant_member(conversation_events.tenant_id)));
revoke all on table public.conversation_events from public, anon;
grant select on table public.conversation_events to authenticated;
grant select, insert, update, delete on table public.conversation_events to service_role;

-- Internal notes: staff-only text in the thread. Never a message, never a job: nothing here is
-- ever sent to the customer.
create table public.conversation_notes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  author_user_id uuid references auth.users (id) on delete set null,
  body text not null check (char_length(body) between 1 and 4000),
  created_at timestamptz not null default now()
);
create index conversation_notes_conversation_idx on public.conversation_notes (conversation_id, created_at);
create index conversation_notes_tenant_idx on public.conversation_notes (tenant_id);
alter table public.conversation_notes enable row level security;
create policy conversation_notes_member_read on public.conversation_notes for select to authenticated
  using ((select public.is_tenant_member(conversation_notes.tenant_id)));
revoke all on table public.conversation_notes from public, anon;
grant select on table public.conversation_notes to authenticated;
grant select, insert, update, delete on table public.conversation_notes to service_role;

-- Who a note mentions (one row per member), for notifications. The member must belong to the
-- note's tenant (composite key on tenant_members).
create table public.note_mentions (
  note_id uuid not null references public.conversation_notes (id) on delete cascade,
  tenant_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (note_id, user_id),
  foreign key (tenant_id, user_id) references public.tenant_members (tenant_id, user_id) on delete cascade
);
create index note_mentions_user_idx on public.note_mentions (tenant_id, user_id, created_at desc);
alter table public.note_mentions enable row level security;
create policy note_mentions_member_read on public.note_mentions for select to authenticated
  using ((select public.is_tenant_member(note_mentions.tenant_id)));
revoke all on table public.note_mentions from public, anon;
grant select on table public.note_mentions to authenticated;
grant select, insert, update, delete on table public.note_mentions to service_role;

-- The tenant's tags (admins manage them), applied to conversations and leads by staff.
create table public.tags (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 40 and name = btrim(name)),
  color text not null default 'slate'
    check (color in ('slate', 'red', 'amber', 'green', 'teal', 'blue', 'violet', 'pink')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index tags_tenant_name_key on public.tags (tenant_id, lower(name));
create trigger tags_touch before update on public.tags for each row execute function public.touch_updated_at();
alter table public.tags enable row level security;
create policy tags_member_read on public.tags for select to authenticated
  using ((select public.is_tenant_member(tags.tenant_id)));
revoke all on table public.tags from public, anon;
grant select on table public.tags to authenticated;
grant select, insert, update, delete on table public.tags to service_role;

create table public.conversation_tags (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  tag_id uuid not null references public.tags (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (conversation_id, tag_id)
);
create index conversation_tags_tag_idx on public.conversation_tags (tag_id);
create index conversation_tags_tenant_idx on public.conversation_tags (tenant_id);
alter table public.conversation_tags enable row level security;
create policy conversation_tags_member_read on public.conversation_tags for select to authenticated
  using ((select public.is_tenant_member(conversation_tags.tenant_id)));
revoke all on table public.conversation_tags from public, anon;
grant select on table public.conversation_tags to authenticated;
grant select, insert, update, delete on table public.conversation_tags to service_role;

create table public.lead_tags (
  lead_id uuid not null references public.leads (id) on delete cascade,
  tag_id uuid not null references public.tags (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (lead_id, tag_id)
);
create index lead_tags_tag_idx on public.lead_tags (tag_id);
create index lead_tags_tenant_idx on public.lead_tags (tenant_id);
alter table public.lead_tags enable row level security;
create policy lead_tags_member_read on public.lead_tags for select to authenticated
  using ((select public.is_tenant_member(lead_tags.tenant_id)));
revoke all on table public.lead_tags from public, anon;
grant select on table public.lead_tags to authenticated;
grant select, insert, update, delete on table public.lead_tags to service_role;

-- Saved answers staff insert in the reply box by typing "/".
create table public.quick_replies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 60 and title = btrim(title)),
  body text not null check (char_length(body) between 1 and 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index quick_replies_tenant_title_key on public.quick_replies (tenant_id, lower(title));
create trigger quick_replies_touch before update on public.quick_replies for each row
  execute function public.touch_updated_at();
alter table public.quick_replies enable row level security;
create policy quick_replies_member_read on public.quick_replies for select to authenticated
  using ((select public.is_tenant_member(quick_replies.tenant_id)));
revoke all on table public.quick_replies from public, anon;
grant select on table public.quick_replies to authenticated;
grant select, insert, update, delete on table public.quick_replies to service_role;
