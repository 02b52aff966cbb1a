import { performance } from 'node:perf_hooks';
import type { Channel } from '@/src/channels/channel-registry';
import { channelAdapter } from '@/src/channels/channel-registry';
import type { PlatformApp } from '@/src/channels/platform-app';
import { platformApp } from '@/src/channels/platform-app-registry';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { answerWebhookFailure } from './answer-webhook-failure';
import { enqueuedWork } from './enqueued-work';
import { ingestPlatformDelivery } from './ingest-platform-delivery';
import { logSkippedItems } from './log-skipped-items';
import { normaliseDelivery } from './normalise-delivery';
import { readWebhookBody } from './read-webhook-body';
import { webhookErrorResponse } from './webhook-error-response';
import { WebhookRefusal } from './webhook-refusal';

// POST /api/webhook/<platform> (meta, tiktok): the platform's own app, for every tenant. Raw
// body (413), signature with the app's secret only (401; 503 unset), the body's channel and
// envelope (400), then one SQL call stores each event under the tenant whose live
// platform-app connection owns its account. Events for accounts nobody owns are counted in
// `skipped` and the answer is still 200: a 4xx would make the platform retry the whole batch
// and, in the end, disable the app for every tenant.

export type PlatformWebhookResult = { response: Response; processTenantIds: string[] };

function parsed(app: PlatformApp, rawBody: Buffer): { body: unknown; channel: Channel } {
  let body: unknown;
  try {
    body = app.parseBody(rawBody.toString('utf8'));
  } catch {
    throw new WebhookRefusal('bad_request', 400, 'the body is not JSON');
  }
  const channel = app.channelOf(body);
  if (!channel) throw new WebhookRefusal('bad_request', 400, 'not a delivery of this platform');
  return { body, channel };
}

async function verifyAndStore(app: PlatformApp, request: Request, rawBody: Buffer, started: number) {
  const env = getEnv();
  const secret = app.secret(env);
  if (!secret) throw new WebhookRefusal('secret_missing', 503, 'the platform app secret is not configured');
  const check = app.verifySignature({ rawBody, headers: request.headers, url: request.url }, [secret], env);
  if (!check.ok) throw new WebhookRefusal('bad_signature', 401, check.detail);
  const { body, channel } = parsed(app, rawBody);
  const delivery = normaliseDelivery(channelAdapter(channel).inbound, () => body);
  const summary = await ingestPlatformDelivery(getDb(), {
    channel,
    bodyBytes: rawBody.length,
    durationMs: performance.now() - started,
    delivery,
  });
  return { channel, delivery, summary };
}

export async function receivePlatformWebhook(request: Request, name: string): Promise<PlatformWebhookResult> {
  const app = platformApp(name);
  if (!app) {
    return {
      response: webhookErrorResponse(404, 'unknown_platform', 'no such platform'),
      processTenantIds: [],
    };
  }
  const started = performance.now();
  let bodyBytes: number | undefined;
  try {
    const rawBody = await readWebhookBody(request);
    bodyBytes = rawBody.length;
    const { channel, delivery, summary } = await verifyAndStore(app, request, rawBody, started);
    const totals = { stored: 0, duplicates: 0, statuses_applied: 0, ai_jobs: 0 };
    for (const part of summary.parts) {
      for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += part[key];
    }
    const ignored = delivery.ignored.length;
    const tenants = summary.parts.length;
    log.info('webhook.stored', {
      platform: name,
      channel,
      tenants,
      ...totals,
      skipped: summary.skipped,
      ignored,
    });
    logSkippedItems(delivery, channel, undefined);
    return {
      response: Response.json({
        ok: true,
        events: summary.events,
        ...totals,
        skipped: summary.skipped,
        ignored,
        tenants,
      }),
      processTenantIds: summary.parts.filter(enqueuedWork).map((part) => part.tenant_id),
    };
  } catch (error) {
    const response = await answerWebhookFailure(getDb(), error, {
      channel: app.defaultChannel,
      platform: name,
      started,
      bodyBytes,
    });
    return { response, processTenantIds: [] };
  }
}
