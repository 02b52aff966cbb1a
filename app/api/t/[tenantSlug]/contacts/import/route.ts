import { getRequestCookies } from '@/src/auth/request-cookies';
import { importContactsResponse } from '@/src/dashboard/contacts/import-contacts-response';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';

export const dynamic = 'force-dynamic';
// A 10,000-row import runs in one transaction.
export const maxDuration = 60;

export async function POST(request: Request, { params }: { params: Promise<{ tenantSlug: string }> }) {
  return importContactsResponse(request, await params, {
    db: getDb(),
    env: getEnv(),
    cookies: await getRequestCookies(),
  });
}
