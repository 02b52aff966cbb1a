import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { DbPort } from '@/src/db/rpc-port';

// Typed calls of the fetch_media job's SQL functions (supabase/migrations/*_media_in.sql).

const nullableString = z.string().nullable();

export const mediaFetchContextSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    file: z.object({
      id: z.string(),
      tenant_id: z.string(),
      kind: z.enum(['image', 'audio', 'video', 'document', 'sticker']),
      status: z.enum(['pending', 'stored', 'unavailable', 'refused']),
      mime_type: nullableString,
      sha256: nullableString,
      filename: nullableString,
      platform_media_id: nullableString,
      source_url: nullableString,
    }),
    message: z.object({
      channel: channelSchema,
      platform_message_id: nullableString,
      external_thread_id: nullableString,
    }),
    connection: z
      .object({
        mode: z.enum(['live', 'sandbox']),
        status: z.string(),
        phone_number_id: nullableString,
        tiktok_business_id: nullableString,
        access_token_encrypted: nullableString,
      })
      .nullable(),
  }),
  z.object({ found: z.literal(false) }),
]);

export async function loadMediaFetchContext(db: DbPort, fileId: string) {
  return mediaFetchContextSchema.parse(await db.rpc('media_fetch_context', { p_media_file_id: fileId }));
}

export type MediaFetchEnd =
  | {
      status: 'stored';
      storagePath: string;
      mimeType: string;
      byteSize: number;
      sha256: string;
      filename: string | null;
    }
  | { status: 'unavailable' | 'refused'; reason: string; byteSize?: number; mimeType?: string | null };

export function recordMediaFetch(db: DbPort, fileId: string, attempts: number, end: MediaFetchEnd) {
  return db.rpc('media_record_fetch', {
    p_media_file_id: fileId,
    p_status: end.status,
    p_attempts: attempts,
    p_mime_type: end.mimeType ?? null,
    p_byte_size: end.byteSize ?? null,
    p_sha256: end.status === 'stored' ? end.sha256 : null,
    p_filename: end.status === 'stored' ? end.filename : null,
    p_storage_path: end.status === 'stored' ? end.storagePath : null,
    p_failure_reason: end.status === 'stored' ? null : end.reason,
  });
}
