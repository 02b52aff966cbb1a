import { after } from 'next/server';
import { answerWebhookVerification } from '@/src/inbound/answer-webhook-verification';
import { receiveWebhook } from '@/src/inbound/receive-webhook';
import { processTenantSoon } from '@/src/jobs/process-tenant-soon';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// after() work (draining this tenant's jobs) runs within the route's duration.
export const maxDuration = 60;

// One route for every channel in src/channels/channel-registry.ts; an unknown one is a 404.
type Context = { params: Promise<{ channel: string; tenantSlug: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { channel, tenantSlug } = await context.params;
  return answerWebhookVerification(request, channel, tenantSlug);
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const { channel, tenantSlug } = await context.params;
  const { response, processTenantId } = await receiveWebhook(request, channel, tenantSlug);
  // Only after the delivery is committed: the jobs it enqueued start now instead of at the next sweep.
  if (processTenantId) after(() => processTenantSoon(processTenantId));
  return response;
}
