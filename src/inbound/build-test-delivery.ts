import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import type { TestDelivery } from '@/src/channels/test-delivery';
import type { WebhookConnection } from './load-webhook-connection';

// A correctly signed inbound text delivery for a tenant's connection, built by its channel.
// Used by `npm run cli -- webhook send` and the dashboard's simulator.

export function buildTestDelivery(input: {
  channel: Channel;
  connection: WebhookConnection;
  secret: string;
  text: string;
  sender?: string;
  now?: Date;
  /** Where it is posted, as the route will see it publicly (Twilio signs the URL). */
  url: string;
}): TestDelivery {
  return channelAdapter(input.channel).inbound.buildTestDelivery({
    account: input.connection,
    secret: input.secret,
    text: input.text,
    sender: input.sender,
    now: input.now ?? new Date(),
    url: input.url,
  });
}
