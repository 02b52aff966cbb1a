-- Issue 16 §3, media in: every inbound message that carries a file gets a media_files row
-- (pending) and a fetch_media job in the ingest's own transaction (a trigger on messages);
-- the job downloads the file later, never on the webhook's ack path. Plus the job's two calls,
-- the dashboard's reads, and retention of the bytes.

-- The files a message's `media` names, as each channel's normaliser writes it:
-- WhatsApp {kind, id, mime_type, sha256, filename}, TikTok {kind, media_id},
-- Messenger/Instagram {attachments: [{type, url, sticker_id}]}. Shared posts, reels, stories and
-- links are someone else's public content, not a file the customer sent: not fetched.
-- Values too long for the table are skipped rather than failing the ingest.
create function internal.media_refs(p_channel text, p_media jsonb)
returns table (kind text, platform_media_id text, source_url text, mime_type text, sha256 text,
  filename text)
language sql immutable set search_path = ''
as $$
  select p_media ->> 'kind', p_media ->> 'id', null::text, left(p_media ->> 'mime_type', 200),
    left(p_media ->> 'sha256', 128), left(p_media ->> 'filename', 500)
  where p_channel = 'whatsapp' and p_media ->> 'kind' in ('image', 'audio', 'video', 'document', 'sticker')
    and length(p_media ->> 'id') between 1 and 500
  union all
  select p_media ->> 'kind', p_media ->> 'media_id', null, null, null, null
  where p_channel = 'tiktok' and p_media ->> 'kind' in ('image', 'sticker')
    and length(p_media ->> 'media_id') between 1 and 500
  union all
  select case a ->> 'type'
      when 'file' then 'document'
      when 'image' then case when a ->> 'sticker_id' is not null then 'sticker' else 'image' end
      else a ->> 'type' end,
    null, a ->> 'url', null, null, null
  from jsonb_array_elements(case when p_channel in ('facebook', 'instagram')
      and jsonb_typeof(p_media -> 'attachments') = 'array' then p_media -> 'attachments' else '[]'::jsonb end) a
  where a ->> 'type' in ('image', 'audio', 'video', 'file', 'sticker')
    and a ->> 'url' ~ '^https://' and length(a ->> 'url') <= 4000
$$;

-- One insert of the files and one of their jobs; the WHEN clause keeps it off every message
-- without media. Priority 5: before the AI answer (0) that may want to read the file, after sends (10).
create function internal.media_register_inbound()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  with files as (
    insert into public.media_files (tenant_id, message_id, direction, kind, platform_media_id, source_url,
      mime_type, sha256, filename)
    select new.tenant_id, new.id, 'inbound', r.kind, r.platform_media_id, r.source_url, r.mime_type, r.sha256,
      r.filename
    from internal.media_refs(new.channel, new.media) r
    returning id)
  insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key, max_attempts)
  select new.tenant_id, 'fetch_media', jsonb_build_object('media_file_id', f.id), 5, 'fetch_media:' || f.id, 5
  from files f;
  return null;
end $$;

create trigger messages_inbound_media after insert on public.messages
  for each row when (new.direction = 'inbound' and new.media is not null)
  execute function internal.media_register_inbound();

-- Bytes whose row is gone (a message deleted by a merge, test traffic cleared, a tenant
-- removed): the cascade cannot reach storage, so the paths wait here for the purge job.
create table internal.media_orphans (
  storage_path text primary key check (length(storage_path) <= 500),
  created_at timestamptz not null default now()
);

create function internal.media_remember_orphans()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  insert into internal.media_orphans (storage_path)
  select g.storage_path from gone g where g.storage_path is not null
  on conflict do nothing;
  return null;
end $$;

create trigger media_files_orphans after delete on public.media_files
  referencing old table as gone
  for each statement execute function internal.media_remember_orphans();

-- What the fetch_media job needs: the file, the message it came in, and the channel's connection.
create function public.media_fetch_context(p_media_file_id uuid)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select case when f.id is null then jsonb_build_object('found', false) else jsonb_build_object(
    'found', true,
    'file', jsonb_build_object('id', f.id, 'tenant_id', f.tenant_id, 'kind', f.kind, 'status', f.status,
      'mime_type', f.mime_type, 'sha256', f.sha256, 'filename', f.filename,
      'platform_media_id', f.platform_media_id, 'source_url', f.source_url),
    'message', jsonb_build_object('channel', m.channel, 'platform_message_id', m.platform_message_id,
      'external_thread_id', c.external_thread_id),
    'connection', (select jsonb_build_object('mode', x.mode, 'status', x.status,
        'phone_number_id', x.phone_number_id, 'tiktok_business_id', x.tiktok_business_id,
        'access_token_encrypted', x.access_token_encrypted)
      from public.channel_connections x where x.tenant_id = f.tenant_id and x.channel = m.channel)
  ) end
  from (select 1) one
  left join public.media_files f on f.id = p_media_file_id
  left join public.messages m on m.id = f.message_id
  left join public.conversations c on c.id = m.conversation_id
$$;
revoke all on function public.media_fetch_context(uuid) from public, anon, authenticated;
grant execute on function public.media_fetch_context(uuid) to service_role;
comment on function public.media_fetch_context(uuid) is '@returns { found: false } | { found: true; file: { id: string; tenant_id: string; kind: ''image'' | ''audio'' | ''video'' | ''document'' | ''sticker''; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused''; mime_type: string | null; sha256: string | null; filename: string | null; platform_media_id: string | null; source_url: string | null }; message: { channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; platform_message_id: string | null; external_thread_id: string | null }; connection: { mode: ''live'' | ''sandbox''; status: string; phone_number_id: string | null; tiktok_business_id: string | null; access_token_encrypted: string | null } | null }';

-- The fetch's end: stored (with what the download said), unavailable or refused (with a reason
-- staff can read). Only a pending file changes: a re-run after the end is a no-op.
create function public.media_record_fetch(p_media_file_id uuid, p_status text, p_attempts integer,
  p_mime_type text default null, p_byte_size bigint default null, p_sha256 text default null,
  p_filename text default null, p_storage_path text default null, p_failure_reason text default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_status text;
begin
  if p_status not in ('stored', 'unavailable', 'refused') then
    raise exception 'invalid media status' using errcode = 'PT400';
  end if;
  if p_status = 'stored' and p_storage_path is null then
    raise exception 'a stored file needs its storage path' using errcode = 'PT400';
  end if;
  update public.media_files f set
    status = p_status,
    attempts = greatest(f.attempts, coalesce(p_attempts, 0)),
    mime_type = coalesce(left(p_mime_type, 200), f.mime_type),
    byte_size = coalesce(p_byte_size, f.byte_size),
    sha256 = coalesce(left(p_sha256, 128), f.sha256),
    filename = coalesce(f.filename, left(p_filename, 500)),
    storage_path = case when p_status = 'stored' then p_storage_path end,
    failure_reason = case when p_status <> 'stored' then left(p_failure_reason, 500) end
  where f.id = p_media_file_id and f.status = 'pending'
  returning f.status into v_status;
  if v_status is null then
    select f.status into v_status from public.media_files f where f.id = p_media_file_id;
    return jsonb_build_object('updated', false, 'status', v_status);
  end if;
  return jsonb_build_object('updated', true, 'status', v_status);
end $$;
revoke all on function public.media_record_fetch(uuid, text, integer, text, bigint, text, text, text, text)
  from public, anon, authenticated;
grant execute on function public.media_record_fetch(uuid, text, integer, text, bigint, text, text, text, text)
  to service_role;
comment on function public.media_record_fetch(uuid, text, integer, text, bigint, text, text, text, text) is '@returns { updated: boolean; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused'' | null }';

-- The thread's files, for the messages on screen (at most a page of them).
create function public.dashboard_media_files(p_tenant_id uuid, p_message_ids uuid[])
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  if cardinality(p_message_ids) > 200 then
    raise exception 'too many messages' using errcode = 'PT400';
  end if;
  return (select coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'message_id', f.message_id,
      'direction', f.direction, 'kind', f.kind, 'mime_type', f.mime_type, 'byte_size', f.byte_size,
      'filename', f.filename, 'status', f.status, 'failure_reason', f.failure_reason,
      'transcript', f.transcript, 'transcript_status', f.transcript_status)
    order by f.created_at, f.id), '[]'::jsonb)
    from public.media_files f
    where f.tenant_id = p_tenant_id and f.message_id = any (coalesce(p_message_ids, '{}')));
end $$;
revoke all on function public.dashboard_media_files(uuid, uuid[]) from public, anon;
grant execute on function public.dashboard_media_files(uuid, uuid[]) to authenticated, service_role;
comment on function public.dashboard_media_files(uuid, uuid[]) is '@returns { id: string; message_id: string; direction: ''inbound'' | ''outbound''; kind: ''image'' | ''audio'' | ''video'' | ''document'' | ''sticker''; mime_type: string | null; byte_size: number | null; filename: string | null; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused''; failure_reason: string | null; transcript: string | null; transcript_status: ''pending'' | ''done'' | ''failed'' | ''skipped'' | null }[]';

-- One file for the media route: only the member's own tenant's, by id; null when not there.
create function public.dashboard_media_file(p_tenant_id uuid, p_media_file_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform internal.require_member(p_tenant_id, 'agent');
  return (select jsonb_build_object('id', f.id, 'kind', f.kind, 'mime_type', f.mime_type,
      'byte_size', f.byte_size, 'filename', f.filename, 'status', f.status)
    from public.media_files f where f.id = p_media_file_id and f.tenant_id = p_tenant_id);
end $$;
revoke all on function public.dashboard_media_file(uuid, uuid) from public, anon;
grant execute on function public.dashboard_media_file(uuid, uuid) to authenticated, service_role;
comment on function public.dashboard_media_file(uuid, uuid) is '@returns { id: string; kind: ''image'' | ''audio'' | ''video'' | ''document'' | ''sticker''; mime_type: string | null; byte_size: number | null; filename: string | null; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused'' } | null';

-- Retention of the bytes: stored files older than p_media_days, and orphans, in one batch. The
-- job removes them from storage, then media_purge_done marks them; a crash in between only
-- means removing them again.
create function public.media_purge_batch(p_media_days integer, p_batch_size integer default 500)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_media_days is null or p_media_days not between 1 and 3650 then
    raise exception 'retention periods must be between 1 and 3650 days' using errcode = 'PT400';
  end if;
  if p_batch_size is null or p_batch_size not between 1 and 1000 then
    raise exception 'batch size must be between 1 and 1000' using errcode = 'PT400';
  end if;
  return jsonb_build_object(
    'files', (select coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'storage_path', x.storage_path)), '[]'::jsonb)
      from (select f.id, f.storage_path from public.media_files f
        where f.status = 'stored' and f.created_at < now() - make_interval(days => p_media_days)
        order by f.created_at limit p_batch_size) x),
    'orphans', (select coalesce(jsonb_agg(x.storage_path), '[]'::jsonb)
      from (select o.storage_path from internal.media_orphans o order by o.created_at limit p_batch_size) x));
end $$;
revoke all on function public.media_purge_batch(integer, integer) from public, anon, authenticated;
grant execute on function public.media_purge_batch(integer, integer) to service_role;
comment on function public.media_purge_batch(integer, integer) is '@returns { files: { id: string; storage_path: string }[]; orphans: string[] }';

create function public.media_purge_done(p_file_ids uuid[], p_orphan_paths text[], p_reason text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_files integer;
  v_orphans integer;
begin
  update public.media_files f set status = 'unavailable', storage_path = null,
    failure_reason = left(p_reason, 500)
  where f.id = any (coalesce(p_file_ids, '{}')) and f.status = 'stored';
  get diagnostics v_files = row_count;
  delete from internal.media_orphans o where o.storage_path = any (coalesce(p_orphan_paths, '{}'));
  get diagnostics v_orphans = row_count;
  return jsonb_build_object('files', v_files, 'orphans', v_orphans);
end $$;
revoke all on function public.media_purge_done(uuid[], text[], text) from public, anon, authenticated;
grant execute on function public.media_purge_done(uuid[], text[], text) to service_role;
comment on function public.media_purge_done(uuid[], text[], text) is '@returns { files: number; orphans: number }';

-- Enqueues purge_media at most once an hour, and only when something is due.
create function public.enqueue_purge_media(p_media_days integer, p_every_seconds integer default 3600)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  if p_media_days is null or p_media_days not between 1 and 3650 then
    raise exception 'retention periods must be between 1 and 3650 days' using errcode = 'PT400';
  end if;
  if exists (select 1 from public.jobs
      where tenant_id is null and job_type = 'purge_media'
        and created_at > now() - make_interval(secs => coalesce(p_every_seconds, 3600))) then
    return jsonb_build_object('enqueued', false, 'reason', 'recently_enqueued');
  end if;
  if not exists (select 1 from internal.media_orphans)
    and not exists (select 1 from public.media_files f
      where f.status = 'stored' and f.created_at < now() - make_interval(days => p_media_days)) then
    return jsonb_build_object('enqueued', false, 'reason', 'nothing_expired');
  end if;
  return internal.enqueue_job('purge_media', '{}'::jsonb, null, -10, 'purge_media', null, 3);
end $$;
revoke all on function public.enqueue_purge_media(integer, integer) from public, anon, authenticated;
grant execute on function public.enqueue_purge_media(integer, integer) to service_role;
comment on function public.enqueue_purge_media(integer, integer) is '@returns { enqueued: false; reason: ''recently_enqueued'' | ''nothing_expired'' } | { id: string; enqueued: boolean }';

create index media_files_stored_age_idx on public.media_files (created_at) where status = 'stored';

-- Supabase Storage's private bucket for the files (the default MEDIA_BUCKET name). Plain
-- PostgreSQL (local, CI) has no storage schema: nothing to do there.
do $$
begin
  if to_regclass('storage.buckets') is not null then
    execute $sql$insert into storage.buckets (id, name, public) values ('media', 'media', false)
      on conflict (id) do nothing$sql$;
  end if;
end $$;

revoke all on function internal.media_refs(text, jsonb) from public, anon, authenticated;
revoke all on function internal.media_register_inbound() from public, anon, authenticated;
revoke all on function internal.media_remember_orphans() from public, anon, authenticated;
revoke all on table internal.media_orphans from public, anon, authenticated;
