import { after } from 'next/server';
import { answerPlatformVerification } from '@/src/inbound/answer-platform-verification';
import { receivePlatformWebhook } from '@/src/inbound/receive-platform-webhook';
import { processTenantSoon } from '@/src/jobs/process-tenant-soon';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const maxDuration = 60;

// The platform app's one callback URL: /api/webhook/meta, /api/webhook/tiktok (the segment is
// named [channel] because Next.js needs one name per level; here it names a platform app, see
// src/channels/platform-app-registry.ts). Per-tenant URLs are /api/webhook/<channel>/<tenant>.
type Context = { params: Promise<{ channel: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { channel: platform } = await context.params;
  return answerPlatformVerification(request, platform);
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const { channel: platform } = await context.params;
  const { response, processTenantIds } = await receivePlatformWebhook(request, platform);
  // Only after the delivery is committed: each tenant's new jobs start now, not at the next sweep.
  for (const tenantId of processTenantIds) after(() => processTenantSoon(tenantId));
  return response;
}
