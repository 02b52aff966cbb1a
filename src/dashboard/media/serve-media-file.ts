import { z } from 'zod';
import type { CookieStore } from '@/src/auth/cookie-store';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { mediaPath, mediaStorageFor } from '@/src/media/media-storage';
import { AppError } from '@/src/shared/app-error';
import { errorResponse } from '@/src/shared/error-response';

// GET /api/t/<tenant>/media/<file id>: a file a customer sent, for a signed-in member of that
// tenant only. The row is looked up by tenant AND id under the member's identity, and the
// storage path is built from that row, never from the URL: another tenant's id answers 404
// exactly like an id that does not exist. Supabase Storage: a redirect to a signed URL that
// lives MEDIA_SIGNED_URL_SECONDS; local: the bytes. Documents download; nothing is sniffed
// or kept by shared caches.

const fileIdSchema = z.uuid();

const notFound = () => new AppError('not_found', 'File not found');

/** `attachment; filename="presupuesto.pdf"; filename*=UTF-8''presupuesto.pdf` */
function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function serveMediaFile(
  route: { tenantSlug: string; fileId: string },
  deps: { db: DbPort; env: AppEnv; cookies: CookieStore },
): Promise<Response> {
  try {
    const staff = await readStaffIdentity(deps.env, deps.cookies);
    if (!staff) throw new AppError('unauthorized', 'Sign in to see this file');
    const tenant = await resolveTenant(deps.db, staff, route.tenantSlug);
    const fileId = fileIdSchema.safeParse(route.fileId);
    if (!fileId.success) throw notFound();
    const file = await deps.db.rpc(
      'dashboard_media_file',
      { p_tenant_id: tenant.id, p_media_file_id: fileId.data },
      { as: staff },
    );
    if (file?.status !== 'stored' || !file.mime_type) throw notFound();
    const storage = mediaStorageFor(deps.env);
    const path = mediaPath(tenant.id, file.id);
    const downloadName =
      file.kind === 'document' ? (file.filename ?? `archivo-${file.id.slice(0, 8)}`) : undefined;
    if (storage.signedUrl) {
      const url = await storage.signedUrl(path, {
        expiresInSeconds: deps.env.MEDIA_SIGNED_URL_SECONDS,
        downloadName,
      });
      if (!url) throw notFound();
      return new Response(null, {
        status: 302,
        headers: { location: url, 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
      });
    }
    const stored = await storage.get(path);
    if (!stored) throw notFound();
    return new Response(new Uint8Array(stored.bytes), {
      headers: {
        'content-type': file.mime_type,
        'content-length': String(stored.bytes.length),
        'content-disposition': downloadName ? attachmentHeader(downloadName) : 'inline',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=300',
      },
    });
  } catch (error) {
    return errorResponse(error, { route: 'dashboard.media', fileId: route.fileId });
  }
}
