import { getRequestCookies } from '@/src/auth/request-cookies';
import { previewAiResponse } from '@/src/dashboard/ai/preview-ai-response';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ tenantSlug: string }> }) {
  return previewAiResponse(request, await params, {
    db: getDb(),
    env: getEnv(),
    cookies: await getRequestCookies(),
  });
}
