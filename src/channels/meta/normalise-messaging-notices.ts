import type { InboundEvent } from '@/src/channels/inbound-event';
import { isoFromMillis } from '@/src/channels/platform-time';
import { customerOf, type ItemContext } from './messaging-customer';
import type { MessagingItem } from './messaging-webhook-schema';

// Messenger/Instagram items that change something already stored rather than add a message.

type Normalised = { events: InboundEvent[]; ignored: string[] };

/**
 * message_edits (…/webhook-events/message-edits): the customer edited an earlier message;
 * `text` is the new content and num_edit how many edits so far (at most five). The edit's
 * number keeps a redelivery from adding a second history entry and orders late arrivals.
 */
export function fromEdit(item: MessagingItem, context: ItemContext): Normalised {
  const edit = item.message_edit!;
  // Only the customer edits on these platforms; the sender is checked all the same.
  const byCustomer = customerOf(item, context, false) === item.sender?.id;
  const seq = edit.num_edit === undefined ? Number.NaN : Number(edit.num_edit);
  const editedAt = isoFromMillis(item.timestamp);
  return {
    events: [
      {
        kind: 'edit',
        platform_message_id: edit.mid,
        edit_id: Number.isFinite(seq) ? `num_edit:${seq}` : `at:${item.timestamp ?? 'unknown'}`,
        direction: byCustomer ? 'inbound' : 'outbound',
        text: edit.text ?? '',
        media: null,
        edited_at: editedAt,
        edit_seq: Number.isFinite(seq) ? seq : null,
        raw: item,
      },
    ],
    ignored: [],
  };
}

/**
 * messaging_policy_enforcement (…/webhook-events/messaging_policy_enforcement): `block` stops
 * the Page's messaging (with Meta's reason), `unblock` lifts it; a `warning` changes nothing.
 */
export function fromPolicyEnforcement(item: MessagingItem): Normalised {
  const { action, reason } = item.policy_enforcement!;
  if (action !== 'block' && action !== 'unblock') {
    return { events: [], ignored: [`policy_enforcement:${action ?? 'unknown'}`.slice(0, 80)] };
  }
  return {
    events: [
      {
        kind: 'policy_enforcement',
        action,
        reason: action === 'block' ? (reason ?? null) : null,
        at: isoFromMillis(item.timestamp),
      },
    ],
    ignored: [],
  };
}
