import { performance } from 'node:perf_hooks';
import type { Channel } from '@/src/channels/channel-names';
import { getDb } from '@/src/db/get-db';
import type { DbPort } from '@/src/db/rpc-port';
import { getEnv } from '@/src/env';
import { isAppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { NormalisedDelivery } from './inbound-event';
import { ingestDelivery } from './ingest-delivery';
import {
  type ConnectionLookup,
  forgetWebhookConnection,
  loadWebhookConnection,
} from './load-webhook-connection';
import { parseJsonBody } from './parse-json-body';
import { readRawBody } from './read-raw-body';
import { recordWebhookEvent } from './record-webhook-event';
import type { SignatureCheck } from './signature-check';
import { tenantSlugSchema } from './tenant-slug-schema';
import { webhookChannels } from './webhook-channels';
import { webhookErrorResponse } from './webhook-error-response';
import { WebhookRefusal } from './webhook-refusal';
import { webhookSecrets } from './webhook-secrets';

// POST /api/webhook/<channel>/<tenantSlug>, in this order: tenant + connection (404), raw body
// (413), signature over the raw bytes, failing closed (401; 503 without a secret), zod parse
// (400), account ids belong to this tenant (403, checked inside the ingest transaction),
// store in one call, 200 with a summary. A refused request stores only its webhook_events row.

export type WebhookResult = { response: Response; processTenantId?: string };

type Known = { tenantId?: string; bodyBytes?: number };

function connectionOf(lookup: ConnectionLookup, channel: Channel, known: Known) {
  if (lookup.found === 'no_tenant') throw new WebhookRefusal('unknown_tenant', 404, 'no such tenant');
  known.tenantId = lookup.tenant_id;
  if (lookup.found === 'no_connection')
    throw new WebhookRefusal('no_connection', 404, `no ${channel} connection`);
  return lookup;
}

function attemptSignature(
  lookup: ConnectionLookup,
  channel: Channel,
  rawBody: Buffer,
  request: Request,
): SignatureCheck | WebhookRefusal {
  const connection = connectionOf(lookup, channel, {});
  const env = getEnv();
  const adapter = webhookChannels[channel];
  const secrets = webhookSecrets(connection, env, adapter.fallbackSecret(env));
  if (secrets.length === 0) {
    return new WebhookRefusal('secret_missing', 503, `the ${channel} webhook secret is not configured`);
  }
  return adapter.verifySignature(rawBody, request.headers, secrets, env);
}

async function verifiedDelivery(
  db: DbPort,
  request: Request,
  channel: Channel,
  tenantSlug: string,
  known: Known,
): Promise<NormalisedDelivery> {
  let lookup = await loadWebhookConnection(db, tenantSlug, channel);
  connectionOf(lookup, channel, known);
  const rawBody = await readRawBody(request).catch((error) => {
    if (isAppError(error) && error.code === 'payload_too_large') {
      throw new WebhookRefusal('payload_too_large', 413, error.message);
    }
    throw error;
  });
  known.bodyBytes = rawBody.length;
  let check = attemptSignature(lookup, channel, rawBody, request);
  const failed = check instanceof WebhookRefusal || !check.ok;
  if (failed && lookup.found === 'connection' && lookup.cached) {
    // The secret may have been set or rotated since it was cached: ask once more.
    lookup = await loadWebhookConnection(db, tenantSlug, channel, { fresh: true });
    connectionOf(lookup, channel, known);
    check = attemptSignature(lookup, channel, rawBody, request);
  }
  if (check instanceof WebhookRefusal) throw check;
  if (!check.ok) throw new WebhookRefusal('bad_signature', 401, check.detail);
  try {
    return webhookChannels[channel].normalise(parseJsonBody(rawBody.toString('utf8')));
  } catch (error) {
    if (isAppError(error) && error.code === 'bad_request')
      throw new WebhookRefusal('bad_request', 400, error.message);
    throw error;
  }
}

function refusalFromIngest(error: unknown): unknown {
  if (!isAppError(error)) return error;
  if (error.code === 'forbidden') return new WebhookRefusal('forbidden_account', 403, error.message);
  if (error.code === 'not_found') return new WebhookRefusal('no_connection', 404, error.message);
  if (error.code === 'bad_request') return new WebhookRefusal('bad_request', 400, error.message);
  return error;
}

export async function receiveWebhook(
  request: Request,
  channel: Channel,
  tenantSlug: string,
): Promise<WebhookResult> {
  const started = performance.now();
  const db = getDb();
  const known: Known = {};
  try {
    if (!tenantSlugSchema.safeParse(tenantSlug).success) {
      throw new WebhookRefusal('unknown_tenant', 404, 'no such tenant');
    }
    const delivery = await verifiedDelivery(db, request, channel, tenantSlug, known);
    const tenantId = known.tenantId!;
    const summary = await ingestDelivery(db, {
      tenantId,
      tenantSlug,
      channel,
      bodyBytes: known.bodyBytes ?? 0,
      durationMs: performance.now() - started,
      delivery,
    }).catch((error) => {
      const refusal = refusalFromIngest(error);
      if (refusal instanceof WebhookRefusal && refusal.outcome === 'no_connection') {
        forgetWebhookConnection(db, tenantSlug, channel);
      }
      throw refusal;
    });
    const ignored = delivery.ignored.length;
    log.info('webhook.stored', { tenantId, channel, ...summary, ignored });
    return {
      response: Response.json({ ok: true, ...summary, ignored }),
      processTenantId: summary.stored > 0 || summary.ai_jobs > 0 ? tenantId : undefined,
    };
  } catch (error) {
    const refusal = error instanceof WebhookRefusal ? error : undefined;
    if (refusal) {
      log.warn('webhook.refused', {
        channel,
        tenantId: known.tenantId,
        outcome: refusal.outcome,
        detail: refusal.detail,
      });
    } else {
      log.error('webhook.failed', {
        channel,
        tenantId: known.tenantId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    await recordWebhookEvent(db, {
      channel,
      outcome: refusal?.outcome ?? 'error',
      httpStatus: refusal?.status ?? 500,
      tenantId: known.tenantId,
      tenantSlug,
      bodyBytes: known.bodyBytes,
      detail: refusal?.detail ?? 'internal error',
      durationMs: performance.now() - started,
    });
    return {
      response: refusal
        ? webhookErrorResponse(refusal.status, refusal.outcome, refusal.detail)
        : webhookErrorResponse(500, 'internal', 'internal error'),
    };
  }
}
