-- Voice-note transcription (issue 16 §3): the transcribe_media job reads one file, records its
-- transcript, and can be enqueued by whoever stores an audio file (the fetch_media job calls
-- ai_enqueue_transcription from SQL or RPC). The transcript is kept on media_files and copied
-- into the message's `media` (what the thread shows staff), in one statement each.

-- One file as the transcription (and the AI job) needs it; null when it does not exist.
create function public.ai_media_file(p_file_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', f.id, 'tenant_id', f.tenant_id, 'message_id', f.message_id,
    'direction', f.direction, 'kind', f.kind, 'mime_type', f.mime_type, 'byte_size', f.byte_size,
    'status', f.status, 'storage_path', f.storage_path, 'transcript_status', f.transcript_status,
    'locale', t.locale)
  from public.media_files f join public.tenants t on t.id = f.tenant_id
  where f.id = p_file_id
$$;
revoke all on function public.ai_media_file(uuid) from public, anon, authenticated;
grant execute on function public.ai_media_file(uuid) to service_role;
comment on function public.ai_media_file(uuid) is '@returns { id: string; tenant_id: string; message_id: string; direction: ''inbound'' | ''outbound''; kind: ''image'' | ''audio'' | ''video'' | ''document'' | ''sticker''; mime_type: string | null; byte_size: number | null; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused''; storage_path: string | null; transcript_status: ''pending'' | ''done'' | ''failed'' | ''skipped'' | null; locale: string } | null';

-- Records a transcription's outcome once: a file whose transcript is already done keeps it (the
-- job and the AI job may both have transcribed it; the first answer stands). A done transcript
-- is copied into the message's `media` so the thread shows it without another read.
create function public.ai_record_transcript(p_file_id uuid, p_status text, p_transcript text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_file public.media_files;
  v_text text := nullif(btrim(coalesce(p_transcript, '')), '');
begin
  if p_status is null or p_status not in ('done', 'failed', 'skipped') then
    raise exception 'status must be done, failed or skipped' using errcode = 'PT400';
  end if;
  if p_status = 'done' and v_text is null then
    raise exception 'a done transcript needs text' using errcode = 'PT400';
  end if;
  select * into v_file from public.media_files where id = p_file_id for update;
  if not found then
    return jsonb_build_object('recorded', false, 'transcript_status', null, 'transcript', null);
  end if;
  if v_file.transcript_status = 'done' then
    return jsonb_build_object('recorded', false, 'transcript_status', 'done', 'transcript', v_file.transcript);
  end if;
  v_text := left(v_text, 20000);
  update public.media_files set transcript_status = p_status,
    transcript = case when p_status = 'done' then v_text end
  where id = p_file_id;
  if p_status = 'done' then
    update public.messages m set media = coalesce(m.media, '{}'::jsonb) || jsonb_build_object('transcript', v_text)
    where m.id = v_file.message_id and m.tenant_id = v_file.tenant_id
      and (m.media is null or jsonb_typeof(m.media) = 'object');
  end if;
  return jsonb_build_object('recorded', true, 'transcript_status', p_status,
    'transcript', case when p_status = 'done' then v_text end);
end $$;
revoke all on function public.ai_record_transcript(uuid, text, text) from public, anon, authenticated;
grant execute on function public.ai_record_transcript(uuid, text, text) to service_role;
comment on function public.ai_record_transcript(uuid, text, text) is '@returns { recorded: boolean; transcript_status: ''done'' | ''failed'' | ''skipped'' | null; transcript: string | null }';

-- Enqueues transcribe_media for a stored inbound audio file not yet transcribed (one pending job
-- per file). Safe to call more than once, and for any file: others are left alone.
create function public.ai_enqueue_transcription(p_file_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_file public.media_files;
begin
  select * into v_file from public.media_files where id = p_file_id;
  if not found or v_file.kind <> 'audio' or v_file.direction <> 'inbound' or v_file.status <> 'stored'
      or v_file.transcript_status in ('done', 'failed', 'skipped') then
    return jsonb_build_object('enqueued', false);
  end if;
  update public.media_files set transcript_status = 'pending'
  where id = p_file_id and transcript_status is null;
  return internal.enqueue_job('transcribe_media', jsonb_build_object('media_file_id', v_file.id),
    v_file.tenant_id, 10, 'transcribe_media:' || v_file.id, null, 4);
end $$;
revoke all on function public.ai_enqueue_transcription(uuid) from public, anon, authenticated;
grant execute on function public.ai_enqueue_transcription(uuid) to service_role;
comment on function public.ai_enqueue_transcription(uuid) is '@returns { id?: string; enqueued: boolean }';
