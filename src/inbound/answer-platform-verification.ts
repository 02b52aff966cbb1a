import { platformApp } from '@/src/channels/platform-app-registry';
import { getEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { challengeResponse } from './challenge-response';
import { webhookErrorResponse } from './webhook-error-response';

// GET /api/webhook/<platform>: Meta's hub.challenge with META_VERIFY_TOKEN, answered raw as
// text/plain; every failure is the same 403. A platform without a handshake (TikTok): a GET is
// a health probe.
export function answerPlatformVerification(request: Request, name: string): Response {
  const app = platformApp(name);
  if (!app) return webhookErrorResponse(404, 'unknown_platform', 'no such platform');
  if (!app.handshake)
    return Response.json({ ok: true, platform: name }, { headers: { 'cache-control': 'no-store' } });
  const token = app.handshake.verifyToken(getEnv());
  const result = app.handshake.answer(new URL(request.url).searchParams, token ? [token] : []);
  if (!result.ok) {
    log.warn('webhook.verification_failed', { platform: name, detail: result.detail });
    return webhookErrorResponse(403, 'verification_failed', 'verification failed');
  }
  log.info('webhook.verification_ok', { platform: name });
  return challengeResponse(result.challenge);
}
