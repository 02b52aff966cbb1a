import { MalformedItem, malformedReason } from '@/src/channels/malformed-item';
import type { MessagingItem } from './messaging-webhook-schema';

// The customer is the sender of a message and the recipient of an echo, but never the account
// itself (the entry's Page or Instagram account): an echo whose sender is the customer is read
// the other way round, so the business never becomes its own lead.

/** `account`: the entry's id (the Page or Instagram account the item was addressed to). */
export type ItemContext = { standby: boolean; path: string; account: string };

export function requireId(value: string | undefined, path: string): string {
  if (!value) throw new MalformedItem(malformedReason(path, 'required'));
  return value;
}

export function customerOf(item: MessagingItem, context: ItemContext, echo: boolean): string {
  const sides: Array<'sender' | 'recipient'> = echo ? ['recipient', 'sender'] : ['sender', 'recipient'];
  for (const side of sides) {
    const id = item[side]?.id;
    if (id && id !== context.account) return id;
  }
  return requireId(undefined, `${context.path}.${sides[0]}.id`);
}
