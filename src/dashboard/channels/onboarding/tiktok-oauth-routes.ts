import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { requireStaff } from '@/src/auth/require-staff';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { errorResponse } from '@/src/shared/error-response';
import { appErrorReason } from '../../app-error-code';
import { publicBaseUrl } from '../../public-base-url';
import { canAdminister, resolveTenant } from '../../tenants/resolve-tenant';
import { finishTikTokOAuth, startTikTokOAuth, tenantSlugOfState } from './finish-tiktok-oauth';

// GET /api/onboarding/tiktok/start?tenant=… and GET /api/onboarding/tiktok/callback?code&state.
// A browser navigates here, so a refusal with a reason goes back to the channels page, which
// explains it in Spanish; a request without a tenant we can name gets a JSON 4xx.

const startSchema = z.object({ tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });

function backToChannels(slug: string, query: Record<string, string>): Response {
  const params = new URLSearchParams(query);
  return new Response(null, { status: 303, headers: { location: `/t/${slug}/channels?${params}` } });
}

async function adminTenant(slug: string) {
  const staff = await requireStaff();
  const db = getDb();
  const tenant = await resolveTenant(db, staff, slug);
  if (!canAdminister(tenant)) throw new AppError('forbidden', 'only owners and admins connect channels');
  return { db, staff, tenant };
}

export async function handleTikTokStart(request: Request): Promise<Response> {
  const parsed = startSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return errorResponse(new AppError('bad_request', 'tenant is required'), {});
  try {
    const { db, staff, tenant } = await adminTenant(parsed.data.tenant);
    const env = getEnv();
    const url = await startTikTokOAuth(db, staff, tenant, env, await publicBaseUrl(env));
    return new Response(null, { status: 303, headers: { location: url } });
  } catch (error) {
    unstable_rethrow(error);
    const reason = appErrorReason(error);
    if (reason) return backToChannels(parsed.data.tenant, { connectError: reason });
    return errorResponse(error, { route: 'onboarding.tiktok.start' });
  }
}

export async function handleTikTokCallback(request: Request): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const slug = tenantSlugOfState(query.state ?? '');
  if (!slug) return errorResponse(new AppError('bad_request', 'state is missing or malformed'), {});
  // TikTok sends the person back with `error` instead of `code` when they decline.
  if (!query.code) return backToChannels(slug, { connectError: 'signup_cancelled' });
  try {
    const { db, staff, tenant } = await adminTenant(slug);
    const env = getEnv();
    await finishTikTokOAuth(db, staff, tenant, env, await publicBaseUrl(env), {
      code: query.code,
      state: query.state,
    });
    return backToChannels(slug, { connected: 'tiktok' });
  } catch (error) {
    unstable_rethrow(error);
    const reason = appErrorReason(error);
    if (reason) return backToChannels(slug, { connectError: reason });
    return errorResponse(error, { route: 'onboarding.tiktok.callback' });
  }
}
