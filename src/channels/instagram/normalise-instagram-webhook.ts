import type { NormalisedDelivery } from '@/src/channels/inbound-event';
import { normaliseMessagingWebhook } from '@/src/channels/meta/normalise-messaging-webhook';

// Instagram deliveries: object "instagram", entry[].id is the professional account id,
// customers are IGSIDs. Seen receipts name one mid; is_deleted unsends an earlier message.
export function normaliseInstagramWebhook(body: unknown): NormalisedDelivery {
  return normaliseMessagingWebhook(body, 'instagram');
}
