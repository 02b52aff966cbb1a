import type { InboundEvent, NormalisedDelivery } from '@/src/webhooks/inbound-event';
import { parseOrReject } from '@/src/webhooks/parse-or-reject';
import { messagingEnvelopeSchema } from './messaging-webhook-schema';
import { normaliseMessagingItem } from './normalise-messaging-item';

// Every entry and every messaging/standby item of a Messenger or Instagram delivery. The
// routing key is entry[].id: the Page id (Messenger) or the Instagram professional account id.
// Comments and mentions arrive as entry[].changes[] and are not direct messages: counted, not stored.

export function normaliseMessagingWebhook(body: unknown, object: 'page' | 'instagram'): NormalisedDelivery {
  const envelope = parseOrReject(messagingEnvelopeSchema(object), body);
  const accountIds = new Set<string>();
  const events: InboundEvent[] = [];
  const ignored: string[] = [];
  envelope.entry.forEach((entry, e) => {
    accountIds.add(entry.id);
    const lists = [
      { items: entry.messaging ?? [], standby: false, name: 'messaging' },
      { items: entry.standby ?? [], standby: true, name: 'standby' },
    ];
    for (const list of lists) {
      list.items.forEach((item, i) => {
        const result = normaliseMessagingItem(item, {
          standby: list.standby,
          path: `entry.${e}.${list.name}.${i}`,
        });
        events.push(...result.events);
        ignored.push(...result.ignored);
      });
    }
    for (const change of entry.changes ?? []) ignored.push(`field:${change.field}`);
  });
  return { accountIds: [...accountIds], events, ignored };
}
