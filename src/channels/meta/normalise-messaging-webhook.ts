import type { InboundEvent, NormalisedDelivery } from '@/src/channels/inbound-event';
import { MalformedItem, parseItem } from '@/src/channels/malformed-item';
import { parseOrReject } from '@/src/channels/parse-or-reject';
import { routeEvents } from '@/src/channels/route-events';
import type { ItemContext } from './messaging-customer';
import {
  messagingChangeSchema,
  messagingEntrySchema,
  messagingEnvelopeSchema,
  messagingItemSchema,
} from './messaging-webhook-schema';
import { normaliseMessagingItem } from './normalise-messaging-item';

// Every entry and every messaging/standby item of a Messenger or Instagram delivery. The
// routing key is entry[].id: the Page id (Messenger) or the Instagram professional account id.
// Comments and mentions arrive as entry[].changes[] and are not direct messages: counted, not stored.
//
// Only a body that is not this platform's webhook at all is refused (400). A malformed entry or
// item is skipped and counted in `ignored` (src/channels/malformed-item.ts). Every event carries
// its entry's id: ingest stores it under the tenant that owns that account, or skips it.

type Batch = { events: InboundEvent[]; ignored: string[] };

function normaliseItem(raw: unknown, context: ItemContext, batch: Batch): void {
  const item = parseItem(messagingItemSchema, raw, context.path);
  if (!item.ok) {
    batch.ignored.push(item.reason);
    return;
  }
  try {
    const result = normaliseMessagingItem(item.data, context);
    batch.events.push(...result.events);
    batch.ignored.push(...result.ignored);
  } catch (error) {
    if (!(error instanceof MalformedItem)) throw error;
    batch.ignored.push(error.reason);
  }
}

export function normaliseMessagingWebhook(body: unknown, object: 'page' | 'instagram'): NormalisedDelivery {
  const envelope = parseOrReject(messagingEnvelopeSchema(object), body);
  const delivery: NormalisedDelivery = { events: [], ignored: [] };
  envelope.entry.forEach((raw, e) => {
    const entry = parseItem(messagingEntrySchema, raw, `entry.${e}`);
    if (!entry.ok) {
      // No readable id or no readable list of items: nothing in it can be routed or stored.
      delivery.ignored.push(entry.reason);
      return;
    }
    const batch: Batch = { events: [], ignored: delivery.ignored };
    const lists = [
      { items: entry.data.messaging ?? [], standby: false, name: 'messaging' },
      { items: entry.data.standby ?? [], standby: true, name: 'standby' },
    ];
    for (const list of lists) {
      list.items.forEach((item, i) => {
        const path = `entry.${e}.${list.name}.${i}`;
        normaliseItem(item, { standby: list.standby, path, account: entry.data.id }, batch);
      });
    }
    (entry.data.changes ?? []).forEach((raw, c) => {
      const change = parseItem(messagingChangeSchema, raw, `entry.${e}.changes.${c}`);
      delivery.ignored.push(change.ok ? `field:${change.data.field}` : change.reason);
    });
    delivery.events.push(...routeEvents(batch.events, entry.data.id));
  });
  return delivery;
}
