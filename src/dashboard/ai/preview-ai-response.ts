import type { CookieStore } from '@/src/auth/cookie-store';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError, isAppError } from '@/src/shared/app-error';
import { errorResponse } from '@/src/shared/error-response';
import { resolveTenant } from '../tenants/resolve-tenant';
import { previewAiReply } from './preview-ai-reply';

// POST /api/t/<tenant>/ai/preview {message, channel?, draft.<section>.<field>...}: "Probar la
// IA" as JSON, for a script or the chat. Over the preview limit (src/dashboard/ai/
// limit-ai-preview.ts): 429 {error: {code: "too_many_requests", message}} with Retry-After, and
// Claude is not called. No session: 401; not a member: 404.
export async function previewAiResponse(
  request: Request,
  route: { tenantSlug: string },
  deps: { db: DbPort; env: AppEnv; cookies: CookieStore },
): Promise<Response> {
  try {
    const staff = await readStaffIdentity(deps.env, deps.cookies);
    if (!staff) throw new AppError('unauthorized', 'Sign in to try the AI');
    const tenant = await resolveTenant(deps.db, staff, route.tenantSlug);
    const body: unknown = await request.json().catch(() => {
      throw new AppError('bad_request', 'The body must be JSON');
    });
    const preview = await previewAiReply(deps.db, staff, tenant, deps.env, body);
    return Response.json(preview, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const response = errorResponse(error, { route: 'dashboard.ai_preview' });
    const retryAfter = isAppError(error)
      ? (error.details as { retryAfterSeconds?: unknown })?.retryAfterSeconds
      : undefined;
    if (response.status === 429 && typeof retryAfter === 'number') {
      response.headers.set('retry-after', String(retryAfter));
    }
    return response;
  }
}
