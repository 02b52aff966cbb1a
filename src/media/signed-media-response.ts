import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { mediaPath, mediaStorageFor } from './media-storage';
import { openMediaToken } from './signed-media-link';

// GET /api/media/signed/<token>: the one outbound file a valid, unexpired token names, for the
// platform to fetch (Messenger and Instagram send files by link). Anything else is a plain 404,
// the same for a bad signature, an expired link or a missing file, so the route reveals nothing.

function notFound(): Response {
  return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
}

export async function signedMediaResponse(
  token: string,
  deps: { db: DbPort; env: AppEnv },
): Promise<Response> {
  if (!deps.env.ENCRYPTION_KEY) return notFound();
  const file = openMediaToken(token, deps.env.ENCRYPTION_KEY);
  if (!file) return notFound();
  const row = await deps.db.rpc('outbound_media_file', {
    p_tenant_id: file.tenantId,
    p_file_id: file.fileId,
  });
  if (row?.status !== 'stored') return notFound();
  const stored = await mediaStorageFor(deps.env).get(mediaPath(file.tenantId, file.fileId));
  if (!stored) {
    log.warn('media.signed_link_missing_bytes', { tenantId: file.tenantId, fileId: file.fileId });
    return notFound();
  }
  const filename = (row.filename ?? file.fileId).replace(/[^\w.\- ]/g, '_');
  return new Response(new Uint8Array(stored.bytes), {
    headers: {
      'content-type': stored.mimeType,
      'content-length': String(stored.bytes.length),
      'content-disposition': `inline; filename="${filename}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
