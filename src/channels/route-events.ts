import type { InboundEvent, RoutedEvent } from './inbound-event';

/**
 * The events of one entry or change, addressed to the account that entry or change names
 * (WhatsApp account-level changes name the business account: `kind` 'business_account').
 */
export function routeEvents(
  events: InboundEvent[],
  accountId: string,
  kind?: RoutedEvent['account_id_kind'],
): RoutedEvent[] {
  return events.map((event) => ({
    ...event,
    account_id: accountId,
    ...(kind ? { account_id_kind: kind } : {}),
  }));
}
