import { channelAdapter } from '@/src/channels/channel-registry';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { challengeResponse } from './challenge-response';
import { loadWebhookConnection } from './load-webhook-connection';
import { publicRefusalResponse } from './public-refusal';
import { recordWebhookEvent } from './record-webhook-event';
import { tenantSlugSchema } from './tenant-slug-schema';
import { knownChannel, unknownChannelResponse } from './unknown-channel';
import { webhookErrorResponse } from './webhook-error-response';

// GET /api/webhook/<channel>/<tenantSlug>. A channel with a handshake (Meta's hub.challenge)
// checks the connection's verify token or the deployment-wide one; the challenge goes back raw,
// as text/plain. Any failure (mode, token, challenge) is the same 403 with the same body.
// A channel without one (TikTok): a GET is a health probe for a known tenant and connection.
export async function answerWebhookVerification(
  request: Request,
  channelName: string,
  tenantSlug: string,
): Promise<Response> {
  const channel = knownChannel(channelName);
  if (!channel) return unknownChannelResponse('GET');
  try {
    if (!tenantSlugSchema.safeParse(tenantSlug).success) {
      return publicRefusalResponse(404, 'unknown_tenant', 'no such tenant');
    }
    const db = getDb();
    // Rare, and a just-changed verify token must work at once: never from the cache.
    const lookup = await loadWebhookConnection(db, tenantSlug, channel, { fresh: true });
    if (lookup.found !== 'connection') return publicRefusalResponse(404, lookup.found, 'no such connection');
    const handshake = channelAdapter(channel).inbound.handshake;
    if (!handshake) {
      return Response.json({ ok: true, channel }, { headers: { 'cache-control': 'no-store' } });
    }
    const tokens = [lookup.verify_token, handshake.fallbackToken(getEnv())].filter(
      (token): token is string => !!token,
    );
    const result = handshake.answer(new URL(request.url).searchParams, tokens);
    await recordWebhookEvent(db, {
      channel,
      outcome: result.ok ? 'verification_ok' : 'verification_failed',
      httpStatus: result.ok ? 200 : 403,
      tenantId: lookup.tenant_id,
      tenantSlug,
      detail: result.ok ? undefined : result.detail,
    });
    // One answer for every failure; what was wrong is in webhook_events only.
    if (!result.ok) return webhookErrorResponse(403, 'verification_failed', 'verification failed');
    return challengeResponse(result.challenge);
  } catch (error) {
    log.error('webhook.verification_failed', {
      channel,
      error: error instanceof Error ? error.message : String(error),
    });
    return webhookErrorResponse(500, 'internal', 'internal error');
  }
}
