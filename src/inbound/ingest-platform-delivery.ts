import type { Channel } from '@/src/channels/channel-registry';
import type { NormalisedDelivery } from '@/src/channels/inbound-event';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import { describeIgnored } from './describe-ignored';
import { sanitizeForPostgres } from './sanitize-for-postgres';

// A delivery to the platform app's URL in ONE call (one round trip, one transaction): each
// event is stored under the tenant whose live platform-app connection owns its account.

export type PlatformIngestSummary = ResultOf<'ingest_platform_webhook'>;

export async function ingestPlatformDelivery(
  db: DbPort,
  input: { channel: Channel; bodyBytes: number; durationMs: number; delivery: NormalisedDelivery },
): Promise<PlatformIngestSummary> {
  return db.rpc('ingest_platform_webhook', {
    p_channel: input.channel,
    p_events: sanitizeForPostgres(input.delivery.events),
    p_body_bytes: input.bodyBytes,
    p_ignored: input.delivery.ignored.length,
    p_detail: describeIgnored(sanitizeForPostgres(input.delivery.ignored)),
    p_duration_ms: Math.round(input.durationMs * 1000) / 1000,
  });
}
