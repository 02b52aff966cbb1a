import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { mediaPath, mediaStorageFor } from '@/src/media/media-storage';
import { mediaKindOf, outboundMediaRules } from '@/src/media/outbound-media-rules';
import { sniffFileType } from '@/src/media/sniff-file-type';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { loadThread } from './load-thread';

// Staff send a photo or a document. Every check that can refuse the file runs before its bytes
// are stored: the conversation is this tenant's (else 404), the channel takes files, the type is
// what the first bytes say (not the browser's claim) and allowed there, the size within the
// channel's limit. Then the bytes go to storage and send_human_media writes the message, its
// media_files row and the send job in one transaction (re-checking membership and the window);
// if it refuses, the stored bytes are removed again.

const fieldsSchema = z.object({
  conversationId: z.uuid(),
  caption: z.string().max(5000).default(''),
  filename: z.string().max(500),
});

export type SentMedia = { id: string; conversation_id: string; delivery_status: string };

function refuse(
  reason: string,
  message: string,
  code: 'bad_request' | 'payload_too_large' | 'unsupported_media_type' = 'bad_request',
): never {
  throw new AppError(code, message, { reason });
}

/** A file name staff will see on the customer's side: no folders, no control characters. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char >= ' ' && char !== '\u007f')
    .join('')
    .trim();
  return cleaned.slice(0, 200) || 'archivo';
}

export async function sendMediaReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: { conversationId: unknown; caption: unknown; file: File | null },
): Promise<SentMedia> {
  if (!input.file) refuse('media_no_file', 'Choose a file to send');
  const fields = fieldsSchema.safeParse({
    conversationId: input.conversationId,
    caption: input.caption ?? '',
    filename: input.file.name,
  });
  if (!fields.success) {
    if (fields.error.issues[0]?.path[0] === 'conversationId')
      throw new AppError('not_found', 'Conversation not found');
    refuse('media_caption_too_long', 'The caption is too long');
  }
  // Also the tenant check: another tenant's conversation is "not found", before anything is stored.
  const thread = await loadThread(db, staff, tenant, fields.data.conversationId, { pageSize: 1 });
  const channel = thread.conversation.channel;
  const rules = outboundMediaRules(channel);
  if (!rules) refuse(`media_not_supported_${channel}`, `Files cannot be sent on ${channel}`);
  const caption = fields.data.caption.trim();
  if (caption && !rules.caption)
    refuse('media_caption_not_supported', `${channel} sends files without a caption`);
  if (input.file.size === 0) refuse('media_empty', 'The file is empty');
  const largest = Math.max(rules.image.maxBytes, rules.document.maxBytes);
  if (input.file.size > largest) refuse('media_too_big', 'The file is too big', 'payload_too_large');

  const bytes = Buffer.from(await input.file.arrayBuffer());
  const filename = cleanFilename(fields.data.filename);
  const type = sniffFileType(bytes, filename);
  const kind = type ? mediaKindOf(type) : undefined;
  if (!type || !kind || !rules[kind].types.includes(type)) {
    const reason = channel === 'instagram' ? 'media_type_refused_instagram' : 'media_type_refused';
    refuse(reason, 'This kind of file cannot be sent', 'unsupported_media_type');
  }
  if (bytes.length > rules[kind].maxBytes)
    refuse('media_too_big', 'The file is too big', 'payload_too_large');

  const fileId = randomUUID();
  const path = mediaPath(tenant.id, fileId);
  const storage = mediaStorageFor(env);
  await storage.put(path, bytes, type);
  try {
    const message = await db.rpc(
      'send_human_media',
      {
        p_tenant_id: tenant.id,
        p_conversation_id: fields.data.conversationId,
        p_user_id: staff.claims.sub,
        p_file_id: fileId,
        p_media_type: kind,
        p_mime_type: type,
        p_byte_size: bytes.length,
        p_sha256: createHash('sha256').update(bytes).digest('hex'),
        p_filename: kind === 'document' ? filename : null,
        p_caption: caption || null,
      },
      { as: staff },
    );
    log.info('dashboard.media_reply_queued', {
      tenantId: tenant.id,
      conversationId: message.conversation_id,
      kind,
    });
    return message;
  } catch (error) {
    await storage.remove([path]).catch((cleanup: unknown) => {
      log.warn('dashboard.media_cleanup_failed', { tenantId: tenant.id, fileId, error: cleanup });
    });
    throw error;
  }
}
