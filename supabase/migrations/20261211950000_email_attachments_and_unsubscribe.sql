-- Issue 17 §2, email attachments through the media pipeline. Postmark sends an attachment's
-- bytes inside the webhook (base64), so there is nothing to download: the normaliser lists the
-- attachments in messages.media (kind, index, type, name, checksum; never the bytes), the
-- messages_inbound_media trigger registers them as pending media_files like any channel's, and
-- the webhook stores the bytes right after its transaction (src/channels/email/
-- store-email-attachments.ts). A delivery Postmark retries stores what is still pending; the
-- fetch_media job only marks a file unavailable if no delivery ever brought its bytes.

create or replace function internal.media_refs(p_channel text, p_media jsonb)
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
  union all
  select t ->> 'kind', null, t ->> 'url', left(t ->> 'mime_type', 200), null, null
  from jsonb_array_elements(case when p_channel = 'twilio'
      and jsonb_typeof(p_media -> 'items') = 'array' then p_media -> 'items' else '[]'::jsonb end) t
  where t ->> 'kind' in ('image', 'audio', 'video', 'document', 'sticker')
    and t ->> 'url' ~ '^https://' and length(t ->> 'url') <= 4000
  union all
  -- Email: the attachment's position in Postmark's Attachments[] is its platform id.
  select e ->> 'kind', e ->> 'index', null, left(e ->> 'mime_type', 200), left(e ->> 'sha256', 128),
    left(e ->> 'filename', 500)
  from jsonb_array_elements(case when p_channel = 'email'
      and jsonb_typeof(p_media -> 'attachments') = 'array' then p_media -> 'attachments' else '[]'::jsonb end) e
  where e ->> 'kind' in ('image', 'audio', 'video', 'document') and e ->> 'index' ~ '^[0-9]{1,4}$'
$$;

-- The attachments of one inbound mail still waiting for their bytes, by the mail's platform id.
create function public.email_pending_attachments(p_tenant_id uuid, p_platform_message_id text)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'kind', f.kind, 'index', f.platform_media_id)
    order by f.platform_media_id), '[]'::jsonb)
  from public.messages m
  join public.media_files f on f.message_id = m.id and f.tenant_id = m.tenant_id
  where m.tenant_id = p_tenant_id and m.channel = 'email' and m.direction = 'inbound'
    and m.platform_message_id = p_platform_message_id and f.status = 'pending'
$$;
revoke all on function public.email_pending_attachments(uuid, text) from public, anon, authenticated;
grant execute on function public.email_pending_attachments(uuid, text) to service_role;
comment on function public.email_pending_attachments(uuid, text) is '@returns Array<{ id: string; kind: ''image'' | ''audio'' | ''video'' | ''document'' | ''sticker''; index: string }>';

-- Issue 17 §2, one-click unsubscribe (RFC 8058) from automated mail: the signed link names the
-- tenant and the lead; every conversation of that lead is opted out of automated messages
-- (follow_up_opt_outs, what follow-ups already honour). Idempotent; says nothing about whether
-- the lead exists (the route answers the same either way).
create function public.unsubscribe_lead(p_tenant_id uuid, p_lead_id uuid)
returns jsonb
language sql security definer set search_path = ''
as $$
  with added as (
    insert into public.follow_up_opt_outs (conversation_id, tenant_id)
    select c.id, c.tenant_id from public.conversations c
    where c.tenant_id = p_tenant_id and c.lead_id = p_lead_id
    on conflict (conversation_id) do nothing
    returning 1)
  select jsonb_build_object('added', (select count(*) from added)::int)
$$;
revoke all on function public.unsubscribe_lead(uuid, uuid) from public, anon, authenticated;
grant execute on function public.unsubscribe_lead(uuid, uuid) to service_role;
comment on function public.unsubscribe_lead(uuid, uuid) is '@returns { added: number }';
