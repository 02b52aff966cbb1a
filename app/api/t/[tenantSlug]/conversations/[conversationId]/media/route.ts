import { after } from 'next/server';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { mediaReplyResponse } from '@/src/dashboard/inbox/media-reply-response';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getMessages } from '@/src/i18n/get-messages';
import { processTenantSoon } from '@/src/jobs/process-tenant-soon';

export const dynamic = 'force-dynamic';

export async function POST(
  request: Request,
  { params }: { params: Promise<{ tenantSlug: string; conversationId: string }> },
): Promise<Response> {
  return mediaReplyResponse(request, await params, {
    db: getDb(),
    env: getEnv(),
    cookies: await getRequestCookies(),
    t: await getMessages(),
    // Send now rather than at the next sweep, as a text reply does.
    afterQueued: (tenantId) => after(() => processTenantSoon(tenantId)),
  });
}
