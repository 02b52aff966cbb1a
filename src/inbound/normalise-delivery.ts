import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import type { NormalisedDelivery } from '@/src/channels/inbound-event';
import { isAppError } from '@/src/shared/app-error';
import { WebhookRefusal } from './webhook-refusal';

/** The adapter's events of a parsed body; a body that is not this platform's webhook at all is 400. */
export function normaliseDelivery(
  inbound: ChannelAdapter['inbound'],
  body: () => unknown,
): NormalisedDelivery {
  try {
    return inbound.normalise(body());
  } catch (error) {
    if (isAppError(error) && error.code === 'bad_request')
      throw new WebhookRefusal('bad_request', 400, error.message);
    throw error;
  }
}
