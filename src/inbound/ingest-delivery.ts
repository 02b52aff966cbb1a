import type { Channel } from '@/src/channels/channel-registry';
import type { NormalisedDelivery } from '@/src/channels/inbound-event';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import { describeIgnored } from './describe-ignored';
import { sanitizeForPostgres } from './sanitize-for-postgres';

// The whole verified delivery in ONE call (one round trip, one transaction), whatever the
// batch size: public.ingest_webhook also writes its webhook_events row.

export type IngestSummary = ResultOf<'ingest_webhook'>;

export async function ingestDelivery(
  db: DbPort,
  input: {
    tenantId: string;
    tenantSlug: string;
    channel: Channel;
    /** Of the secret the signature was verified with (see load-webhook-connection). */
    secretFingerprint: string;
    bodyBytes: number;
    durationMs: number;
    delivery: NormalisedDelivery;
  },
): Promise<IngestSummary> {
  return db.rpc('ingest_webhook', {
    p_tenant_id: input.tenantId,
    p_channel: input.channel,
    p_events: sanitizeForPostgres(input.delivery.events),
    p_secret_fingerprint: input.secretFingerprint,
    p_tenant_slug: input.tenantSlug,
    p_body_bytes: input.bodyBytes,
    p_ignored: input.delivery.ignored.length,
    p_detail: describeIgnored(sanitizeForPostgres(input.delivery.ignored)),
    p_duration_ms: Math.round(input.durationMs * 1000) / 1000,
  });
}
