import type { NormalisedDelivery } from '@/src/channels/inbound-event';
import { normaliseMessagingWebhook } from '@/src/channels/meta/normalise-messaging-webhook';

// Messenger deliveries: object "page", entry[].id is the Page id, customers are PSIDs.
// Receipts are watermarks (read) or mids + watermark (delivery).
export function normaliseFacebookWebhook(body: unknown): NormalisedDelivery {
  return normaliseMessagingWebhook(body, 'page');
}
