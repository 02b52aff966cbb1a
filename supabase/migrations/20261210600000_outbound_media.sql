-- Staff send a photo or a document (issue 16 §3). The bytes are already in storage
-- (`<tenant_id>/<file id>`) when send_human_media runs: it stores the message, its media_files
-- row and the send job in one transaction, with the same checks as a text reply.

-- When the WhatsApp upload id was obtained: Meta keeps uploaded media 30 days, so a retry or a
-- resend within that time sends by the same id instead of uploading again.
alter table public.media_files add column platform_media_uploaded_at timestamptz;

create or replace function public.send_human_media(
  p_tenant_id uuid,
  p_conversation_id uuid,
  p_user_id uuid,
  p_file_id uuid,
  p_media_type text,
  p_mime_type text,
  p_byte_size bigint,
  p_sha256 text,
  p_filename text,
  p_caption text
) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_conv public.conversations;
  v_msg public.messages;
  v_caption text := nullif(btrim(coalesce(p_caption, '')), '');
  v_window_error text;
begin
  if coalesce(auth.role(), '') <> 'service_role' then
    if auth.uid() is null or auth.uid() is distinct from p_user_id
      or not public.is_tenant_member(p_tenant_id) then
      raise exception 'not a member of this tenant' using errcode = 'PT403';
    end if;
  end if;
  if not exists (select 1 from public.tenant_members where tenant_id = p_tenant_id and user_id = p_user_id) then
    raise exception 'user is not a member of this tenant' using errcode = 'PT403';
  end if;
  select * into v_conv from public.conversations where id = p_conversation_id and tenant_id = p_tenant_id for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if p_media_type not in ('image', 'document') then
    raise exception 'only images and documents can be sent' using errcode = 'PT400', hint = 'media_type_refused';
  end if;
  -- The file's own checks (type by its first bytes, size per channel) ran before it was stored;
  -- these are the ones a caller cannot get around.
  if v_conv.channel = 'tiktok' then
    raise exception 'files cannot be sent on TikTok from here' using errcode = 'PT400', hint = 'media_not_supported_tiktok';
  end if;
  if p_byte_size is null or p_byte_size <= 0 or p_mime_type is null or p_sha256 is null then
    raise exception 'the file is missing its type, size or hash' using errcode = 'PT400', hint = 'media_file_invalid';
  end if;
  -- Messenger and Instagram send a file without words; WhatsApp captions are up to 1024 characters.
  if v_caption is not null and v_conv.channel <> 'whatsapp' then
    raise exception '% sends files without a caption', v_conv.channel using errcode = 'PT400', hint = 'media_caption_not_supported';
  end if;
  if char_length(v_caption) > 1024 then
    raise exception 'the caption is longer than 1024 characters' using errcode = 'PT400', hint = 'media_caption_too_long';
  end if;
  v_window_error := internal.human_reply_window_error(v_conv.channel, v_conv.last_inbound_at);
  if v_window_error is not null then
    raise exception '%', v_window_error using errcode = 'PT400', hint = case
      when v_conv.last_inbound_at is null then 'no_customer_message'
      when v_conv.channel = 'whatsapp' then 'whatsapp_template_required'
      else 'meta_window_closed' end;
  end if;
  insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
    text, content, sent_by_user_id, delivery_status)
  values (p_tenant_id, v_conv.id, v_conv.lead_id, v_conv.channel, 'outbound', 'human', p_media_type, v_caption,
    jsonb_strip_nulls(jsonb_build_object('kind', 'media', 'mediaType', p_media_type, 'fileId', p_file_id,
      'mimeType', p_mime_type, 'filename', p_filename)),
    p_user_id, 'queued')
  returning * into v_msg;
  insert into public.media_files (id, tenant_id, message_id, direction, kind, mime_type, byte_size, sha256,
    filename, storage_path, status)
  values (p_file_id, p_tenant_id, v_msg.id, 'outbound', p_media_type, p_mime_type, p_byte_size, p_sha256,
    p_filename, p_tenant_id || '/' || p_file_id, 'stored');
  update public.conversations set last_message_at = now() where id = v_conv.id;
  perform internal.enqueue_send_job(v_msg);
  return to_jsonb(v_msg) - 'raw_payload';
end $$;
revoke all on function public.send_human_media(uuid, uuid, uuid, uuid, text, text, bigint, text, text, text) from public, anon;
grant execute on function public.send_human_media(uuid, uuid, uuid, uuid, text, text, bigint, text, text, text) to authenticated, service_role;
comment on function public.send_human_media(uuid, uuid, uuid, uuid, text, text, bigint, text, text, text) is
  '@returns { id: string; tenant_id: string; conversation_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; message_type: ''image'' | ''document''; text: string | null; delivery_status: ''queued'' }';

-- The sender's view of an outbound file: where its bytes are and whether WhatsApp already has it.
create or replace function public.outbound_media_file(p_tenant_id uuid, p_file_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('id', f.id, 'tenant_id', f.tenant_id, 'message_id', f.message_id, 'kind', f.kind,
    'mime_type', f.mime_type, 'byte_size', f.byte_size, 'filename', f.filename, 'storage_path', f.storage_path,
    'status', f.status, 'platform_media_id', f.platform_media_id,
    'platform_media_uploaded_at', f.platform_media_uploaded_at)
  from public.media_files f
  where f.id = p_file_id and f.tenant_id = p_tenant_id and f.direction = 'outbound'
$$;
revoke all on function public.outbound_media_file(uuid, uuid) from public, anon, authenticated;
grant execute on function public.outbound_media_file(uuid, uuid) to service_role;
comment on function public.outbound_media_file(uuid, uuid) is
  '@returns { id: string; tenant_id: string; message_id: string; kind: string; mime_type: string | null; byte_size: number | null; filename: string | null; storage_path: string | null; status: ''pending'' | ''stored'' | ''unavailable'' | ''refused''; platform_media_id: string | null; platform_media_uploaded_at: string | null } | null';

-- Keeps WhatsApp's upload id, so a retried send reuses it (the upload is the send's side effect).
create or replace function public.outbound_record_media_upload(p_tenant_id uuid, p_file_id uuid, p_platform_media_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  if coalesce(btrim(p_platform_media_id), '') = '' then
    raise exception 'empty platform media id' using errcode = 'PT400';
  end if;
  update public.media_files set platform_media_id = p_platform_media_id, platform_media_uploaded_at = now()
  where id = p_file_id and tenant_id = p_tenant_id and direction = 'outbound';
  if not found then
    raise exception 'media file % not found', p_file_id using errcode = 'PT404';
  end if;
  return jsonb_build_object('recorded', true);
end $$;
revoke all on function public.outbound_record_media_upload(uuid, uuid, text) from public, anon, authenticated;
grant execute on function public.outbound_record_media_upload(uuid, uuid, text) to service_role;
comment on function public.outbound_record_media_upload(uuid, uuid, text) is '@returns { recorded: true }';
