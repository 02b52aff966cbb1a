import { type Channel, channelSchema } from '@/src/channels/channel-registry';
import { log } from '@/src/shared/logger';
import { webhookErrorResponse } from './webhook-error-response';

// The route's [channel] segment is anything a caller typed: only registered channels go on.
export function knownChannel(name: string): Channel | undefined {
  const parsed = channelSchema.safeParse(name);
  return parsed.success ? parsed.data : undefined;
}

export function unknownChannelResponse(method: string): Response {
  // The segment itself is not logged: it is the caller's text.
  log.warn('webhook.unknown_channel', { method });
  return webhookErrorResponse(404, 'unknown_channel', 'no such channel');
}
