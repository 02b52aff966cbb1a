import type { Channel } from '@/src/channels/channel-registry';
import type { NormalisedDelivery } from '@/src/channels/inbound-event';
import { isMalformedReason } from '@/src/channels/malformed-item';
import { log } from '@/src/shared/logger';

/** Malformed items skipped from a stored delivery: where and what, never values (malformed-item.ts). */
export function logSkippedItems(
  delivery: NormalisedDelivery,
  channel: Channel,
  tenantId: string | undefined,
): void {
  const reasons = delivery.ignored.filter(isMalformedReason);
  if (reasons.length === 0) return;
  log.warn('webhook.items_skipped', {
    tenantId,
    channel,
    skipped: reasons.length,
    reasons: reasons.slice(0, 5),
  });
}
