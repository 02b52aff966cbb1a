import type { InboundEvent, RoutedEvent } from './inbound-event';

/** The events of one entry or change, addressed to the account that entry or change names. */
export function routeEvents(events: InboundEvent[], accountId: string): RoutedEvent[] {
  return events.map((event) => ({ ...event, account_id: accountId }));
}
