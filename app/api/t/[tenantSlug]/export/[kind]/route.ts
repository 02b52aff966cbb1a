import { getRequestCookies } from '@/src/auth/request-cookies';
import { exportCsvResponse } from '@/src/dashboard/export/export-csv-response';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getMessages } from '@/src/i18n/get-messages';

export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  { params }: { params: Promise<{ tenantSlug: string; kind: string }> },
): Promise<Response> {
  return exportCsvResponse(request, await params, {
    db: getDb(),
    env: getEnv(),
    cookies: await getRequestCookies(),
    t: await getMessages(),
  });
}
