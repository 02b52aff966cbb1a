import { performance } from 'node:perf_hooks';
import type { SignedRequest } from '@/src/channels/channel-adapter';
import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import type { NormalisedDelivery } from '@/src/channels/inbound-event';
import type { SignatureCheck } from '@/src/channels/signature-check';
import { getDb } from '@/src/db/get-db';
import type { DbPort } from '@/src/db/rpc-port';
import { getEnv } from '@/src/env';
import { isAppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { answerWebhookFailure } from './answer-webhook-failure';
import { enqueuedWork } from './enqueued-work';
import { type IngestSummary, ingestDelivery } from './ingest-delivery';
import {
  type ConnectionLookup,
  forgetWebhookConnection,
  loadWebhookConnection,
  type WebhookConnection,
} from './load-webhook-connection';
import { logSkippedItems } from './log-skipped-items';
import { normaliseDelivery } from './normalise-delivery';
import { readWebhookBody } from './read-webhook-body';
import { tenantSlugSchema } from './tenant-slug-schema';
import { knownChannel, unknownChannelResponse } from './unknown-channel';
import { WebhookRefusal } from './webhook-refusal';
import { webhookSecrets } from './webhook-secrets';

// POST /api/webhook/<channel>/<tenantSlug>, in this order: tenant + connection (404; 403 when
// disconnected), raw body (413), signature over the raw bytes with the connection's one accepted
// secret (webhook-secrets.ts), failing closed (401; 503 without a secret), zod parse of the
// envelope (400: not this platform's webhook at all; a malformed item inside is skipped and
// counted in `ignored`, see malformed-item.ts), store in one call the events addressed to this
// tenant's account (others are counted in `skipped`), 200 with a summary. A refused request
// stores only its webhook_events row.

export type WebhookResult = { response: Response; processTenantId?: string };

type Incoming = SignedRequest & { db: DbPort; channel: Channel; tenantSlug: string };
type Known = { tenantId?: string; bodyBytes?: number };

function disconnectedRefusal(channel: Channel): WebhookRefusal {
  return new WebhookRefusal('disconnected', 403, `the ${channel} connection is disconnected`);
}

function connectionOf(lookup: ConnectionLookup, channel: Channel, known: Known): WebhookConnection {
  if (lookup.found === 'no_tenant') throw new WebhookRefusal('unknown_tenant', 404, 'no such tenant');
  known.tenantId = lookup.tenant_id;
  if (lookup.found === 'no_connection')
    throw new WebhookRefusal('no_connection', 404, `no ${channel} connection`);
  return lookup;
}

function checkSignature(connection: WebhookConnection, req: Incoming): SignatureCheck | WebhookRefusal {
  const env = getEnv();
  const secrets = webhookSecrets(connection, env);
  if (secrets.length === 0) {
    return new WebhookRefusal('secret_missing', 503, `the ${req.channel} webhook secret is not configured`);
  }
  return channelAdapter(req.channel).inbound.verifySignature(req, secrets, env);
}

/** Verifies against the (possibly cached) connection; on failure, once more against a fresh read. */
async function verify(req: Incoming, first: ConnectionLookup, known: Known): Promise<WebhookConnection> {
  let connection = connectionOf(first, req.channel, known);
  let check = checkSignature(connection, req);
  const failed = check instanceof WebhookRefusal || !check.ok;
  if (failed && first.found === 'connection' && first.cached) {
    const fresh = await loadWebhookConnection(req.db, req.tenantSlug, req.channel, { fresh: true });
    connection = connectionOf(fresh, req.channel, known);
    check = checkSignature(connection, req);
  }
  if (check instanceof WebhookRefusal) throw check;
  if (!check.ok) {
    const status = channelAdapter(req.channel).inbound.refusalStatus ?? 401;
    throw new WebhookRefusal('bad_signature', status, check.detail);
  }
  // Only after the signature: an unsigned probe must not learn that a connection exists.
  if (connection.status === 'disconnected') throw disconnectedRefusal(req.channel);
  return connection;
}

/** The events, and the parsed body they came from (what `storeFiles` reads after the commit). */
type Normalised = { delivery: NormalisedDelivery; body?: unknown };

async function normalise(req: Incoming): Promise<Normalised> {
  const { inbound } = channelAdapter(req.channel);
  const parse = () => inbound.parseBody(req.rawBody.toString('utf8'));
  if (!inbound.expandBody) return { delivery: normaliseDelivery(inbound, parse) };
  let body: unknown;
  try {
    body = await inbound.expandBody(parse());
  } catch (error) {
    // Refused the same way as a body that does not parse (400 for bad_request).
    return {
      delivery: normaliseDelivery(inbound, () => {
        throw error;
      }),
    };
  }
  return { delivery: normaliseDelivery(inbound, () => body), body };
}

function refusalFromIngest(error: unknown, channel: Channel): unknown {
  if (!isAppError(error)) return error;
  if (error.code === 'forbidden') {
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    if (reason === 'connection_disconnected') return disconnectedRefusal(channel);
    return new WebhookRefusal('forbidden_account', 403, error.message);
  }
  if (error.code === 'not_found') return new WebhookRefusal('no_connection', 404, error.message);
  if (error.code === 'bad_request') {
    // PostgreSQL's own messages may quote the offending value (a customer's data): not echoed.
    log.debug('webhook.ingest_refused', { error: error.message });
    return new WebhookRefusal('bad_request', 400, 'malformed payload: refused by the database');
  }
  return error;
}

async function verifyAndStore(
  req: Incoming,
  first: ConnectionLookup,
  known: Known,
  started: number,
): Promise<{ summary: IngestSummary; tenantId: string } & Normalised> {
  let lookup = first;
  for (let attempt = 1; ; attempt += 1) {
    const connection = await verify(req, lookup, known);
    const { delivery, body } = await normalise(req);
    try {
      const summary = await ingestDelivery(req.db, {
        tenantId: connection.tenant_id,
        tenantSlug: req.tenantSlug,
        channel: req.channel,
        secretFingerprint: connection.secret_fingerprint,
        bodyBytes: req.rawBody.length,
        durationMs: performance.now() - started,
        delivery,
      });
      return { summary, delivery, body, tenantId: connection.tenant_id };
    } catch (error) {
      // Whatever went wrong, the next delivery reads the connection afresh.
      forgetWebhookConnection(req.db, req.tenantSlug, req.channel);
      // A conflict: the secret changed since it was read, or a concurrent write won a race. Once more, fresh.
      if (isAppError(error) && error.code === 'conflict' && attempt === 1) {
        lookup = await loadWebhookConnection(req.db, req.tenantSlug, req.channel, { fresh: true });
        continue;
      }
      throw refusalFromIngest(error, req.channel);
    }
  }
}

export async function receiveWebhook(
  request: Request,
  channelName: string,
  tenantSlug: string,
): Promise<WebhookResult> {
  const channel = knownChannel(channelName);
  if (!channel) return { response: unknownChannelResponse('POST') };
  const started = performance.now();
  const db = getDb();
  const known: Known = {};
  try {
    if (!tenantSlugSchema.safeParse(tenantSlug).success) {
      throw new WebhookRefusal('unknown_tenant', 404, 'no such tenant');
    }
    const lookup = await loadWebhookConnection(db, tenantSlug, channel);
    // 404 before reading a byte of the body.
    connectionOf(lookup, channel, known);
    const rawBody = await readWebhookBody(request);
    known.bodyBytes = rawBody.length;
    const req = { db, channel, tenantSlug, rawBody, headers: request.headers, url: request.url };
    const { summary, delivery, body, tenantId } = await verifyAndStore(req, lookup, known, started);
    // Bytes that came inside the delivery (email attachments): after the commit; a failure here
    // is a 500, and the platform's retry stores what is still pending.
    await channelAdapter(channel).inbound.storeFiles?.({ db, env: getEnv(), tenantId, body });
    const ignored = delivery.ignored.length;
    log.info('webhook.stored', { tenantId: known.tenantId, channel, ...summary, ignored });
    logSkippedItems(delivery, channel, known.tenantId);
    return {
      response: Response.json({ ok: true, ...summary, ignored }),
      processTenantId: enqueuedWork(summary) ? known.tenantId : undefined,
    };
  } catch (error) {
    const response = await answerWebhookFailure(db, error, { channel, started, tenantSlug, ...known });
    return { response };
  }
}
