import { getRequestCookies } from '@/src/auth/request-cookies';
import { serveMediaFile } from '@/src/dashboard/media/serve-media-file';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';

export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ tenantSlug: string; fileId: string }> },
): Promise<Response> {
  return serveMediaFile(await params, { db: getDb(), env: getEnv(), cookies: await getRequestCookies() });
}
