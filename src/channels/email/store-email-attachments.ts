import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
// Type only: media-file-store imports the channel registry, which imports this adapter.
import type { MediaFetchEnd } from '@/src/media/media-file-store';
import {
  baseMimeType,
  isAllowedType,
  maxBytesByKind,
  tooLargeReason,
  typeRefusedReason,
} from '@/src/media/media-limits';
import { mediaPath, mediaStorageFor } from '@/src/media/media-storage';
import { sha256Hex } from '@/src/media/verify-sha256';
import { log } from '@/src/shared/logger';
import { attachmentBytes, emailAttachmentMissing } from './email-attachments';
import { emailPlatformId } from './normalise-email-webhook';
import { type PostmarkInbound, postmarkInboundSchema } from './postmark-webhook-schema';

// Postmark posts an attachment's bytes inside the webhook: after the delivery is committed (its
// media_files rows pending), the bytes go to media storage with the same type and size rules as
// a download. Only pending files are written, so a retried delivery stores what a failed one
// left and doubles nothing; a failure here answers 500 and Postmark retries.

type StoreInput = { db: DbPort; env: AppEnv; tenantId: string; body: unknown };

async function attachmentEnd(
  env: AppEnv,
  file: PostmarkInbound['Attachments'][number] | undefined,
  pending: { id: string; kind: keyof typeof maxBytesByKind },
  tenantId: string,
): Promise<MediaFetchEnd> {
  const bytes = file ? attachmentBytes(file) : Buffer.alloc(0);
  if (!file || bytes.length === 0) return { status: 'unavailable', reason: emailAttachmentMissing };
  const mimeType = baseMimeType(file.ContentType);
  if (!isAllowedType(pending.kind, mimeType)) {
    return { status: 'refused', reason: typeRefusedReason(mimeType), mimeType, byteSize: bytes.length };
  }
  if (bytes.length > maxBytesByKind[pending.kind]) {
    return {
      status: 'refused',
      reason: tooLargeReason(bytes.length, pending.kind),
      mimeType,
      byteSize: bytes.length,
    };
  }
  const storagePath = mediaPath(tenantId, pending.id);
  await mediaStorageFor(env).put(storagePath, bytes, mimeType!);
  return {
    status: 'stored',
    storagePath,
    mimeType: mimeType!,
    byteSize: bytes.length,
    sha256: sha256Hex(bytes),
    filename: file.Name || null,
  };
}

export async function storeEmailAttachments({ db, env, tenantId, body }: StoreInput): Promise<void> {
  const parsed = postmarkInboundSchema.safeParse(body);
  if (!parsed.success || parsed.data.Attachments.length === 0) return;
  const mail = parsed.data;
  const pending = await db.rpc('email_pending_attachments', {
    p_tenant_id: tenantId,
    p_platform_message_id: emailPlatformId(mail),
  });
  for (const file of pending) {
    const end = await attachmentEnd(env, mail.Attachments[Number(file.index)], file, tenantId);
    await db.rpc('media_record_fetch', {
      p_media_file_id: file.id,
      p_status: end.status,
      p_attempts: 1,
      p_mime_type: end.mimeType ?? null,
      p_byte_size: end.byteSize ?? null,
      p_sha256: end.status === 'stored' ? end.sha256 : null,
      p_filename: end.status === 'stored' ? end.filename : null,
      p_storage_path: end.status === 'stored' ? end.storagePath : null,
      p_failure_reason: end.status === 'stored' ? null : end.reason,
    });
    log.info(`media.${end.status}`, { tenantId, fileId: file.id, channel: 'email', kind: file.kind });
  }
}
