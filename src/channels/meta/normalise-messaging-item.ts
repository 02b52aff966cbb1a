import type { InboundEvent, MessageEvent } from '@/src/channels/inbound-event';
import { labelled } from '@/src/channels/message-labels';
import { ownMessageIdFrom } from '@/src/channels/own-send-marker';
import { isoFromMillis } from '@/src/channels/platform-time';
import { describeMessagingMessage } from './describe-messaging-message';
import { withReferralLine } from './describe-referral';
import { customerOf, type ItemContext, requireId } from './messaging-customer';
import type { MessagingItem } from './messaging-webhook-schema';
import { fromEdit, fromPolicyEnforcement } from './normalise-messaging-notices';

// One messaging[] (or standby[]) item of Messenger or Instagram, dispatched on the key it
// carries. Echoes (is_echo) are what the business sent: from our sender ("inbox:<uuid>"
// metadata) or typed by staff in Meta's apps. Standby items are stored but never answered:
// another app owns that thread; nor are reactions and `is_unsupported` messages. An item that
// lacks the id it needs throws MalformedItem: the batch skips just that item.

function messageEvent(
  item: MessagingItem,
  context: ItemContext,
  fields: Pick<
    MessageEvent,
    'platform_message_id' | 'message_type' | 'text' | 'media' | 'reply_to_platform_message_id'
  > &
    Partial<Pick<MessageEvent, 'answerable'>>,
): MessageEvent {
  const echo = item.message?.is_echo === true;
  return {
    kind: 'message',
    direction: echo ? 'outbound' : 'inbound',
    sender: echo ? 'human' : 'lead',
    contact: { external_id: customerOf(item, context, echo) },
    platform_timestamp: isoFromMillis(item.timestamp),
    external_thread_id: null,
    own_message_id: echo ? ownMessageIdFrom(item.message?.metadata) : null,
    raw: item,
    ...fields,
    answerable: !echo && !context.standby && (fields.answerable ?? true),
  };
}

function fromMessage(item: MessagingItem, context: ItemContext): InboundEvent[] {
  const message = item.message!;
  if (message.is_deleted) {
    // Instagram: the customer unsent an earlier message (same mid).
    return [
      {
        kind: 'status',
        platform_message_id: message.mid,
        status: 'deleted',
        status_at: isoFromMillis(item.timestamp),
        error_code: null,
        error_message: null,
      },
    ];
  }
  const described = describeMessagingMessage(message);
  return [
    messageEvent(item, context, {
      platform_message_id: message.mid,
      message_type: described.message_type,
      text: described.text || labelled('other'),
      media: described.media,
      reply_to_platform_message_id: described.reply_to,
      // Meta could not show us what the customer sent: stored, not answered (as on WhatsApp).
      answerable: described.answerable,
    }),
  ];
}

function fromReceipt(item: MessagingItem, context: ItemContext): InboundEvent[] {
  const events: InboundEvent[] = [];
  const at = isoFromMillis(item.timestamp);
  const customer = item.sender?.id;
  const receipts = [
    { status: 'read' as const, mids: item.read?.mid ? [item.read.mid] : [], watermark: item.read?.watermark },
    { status: 'delivered' as const, mids: item.delivery?.mids ?? [], watermark: item.delivery?.watermark },
  ];
  for (const receipt of receipts) {
    for (const mid of receipt.mids) {
      events.push({
        kind: 'status',
        platform_message_id: mid,
        status: receipt.status,
        status_at: at,
        error_code: null,
        error_message: null,
      });
    }
    const watermark = isoFromMillis(receipt.watermark);
    if (watermark) {
      const contact = requireId(customer, `${context.path}.sender.id`);
      events.push({ kind: 'watermark', status: receipt.status, watermark, contact_external_id: contact });
    }
  }
  return events;
}

export function normaliseMessagingItem(
  item: MessagingItem,
  context: ItemContext,
): { events: InboundEvent[]; ignored: string[] } {
  if (item.message) return { events: fromMessage(item, context), ignored: [] };
  if (item.postback) {
    const { mid, title, payload, referral } = item.postback;
    const id = mid ?? `postback:${item.sender?.id}:${item.timestamp}`;
    // Get Started from an m.me link, an ad or a QR code carries where the customer came from.
    const words = title || payload || labelled('other');
    return {
      events: [
        messageEvent(item, context, {
          platform_message_id: id,
          message_type: 'postback',
          text: referral ? withReferralLine(words, referral) : words,
          media: referral ? { referral } : null,
          reply_to_platform_message_id: null,
        }),
      ],
      ignored: [],
    };
  }
  if (item.referral) {
    // messaging_referrals: a customer with a thread came back through a link or an ad. Shown in
    // the thread; no words to answer. No id of its own: this one is stable across redeliveries.
    return {
      events: [
        messageEvent(item, context, {
          platform_message_id: `referral:${item.sender?.id}:${item.timestamp}`,
          message_type: 'referral',
          text: withReferralLine(null, item.referral),
          media: { referral: item.referral },
          reply_to_platform_message_id: null,
          answerable: false,
        }),
      ],
      ignored: [],
    };
  }
  if (item.message_edit) return fromEdit(item, context);
  if (item.policy_enforcement) return fromPolicyEnforcement(item);
  if (item.reaction) {
    const { mid, action, emoji, reaction } = item.reaction;
    const removed = action === 'unreact';
    return {
      events: [
        messageEvent(item, context, {
          // Reactions have no id of their own; this one is stable across redeliveries.
          platform_message_id: `reaction:${mid}:${item.sender?.id}:${action ?? 'react'}:${item.timestamp}`,
          message_type: 'reaction',
          text: removed ? labelled('reaction_removed') : labelled('reaction', emoji ?? reaction),
          media: null,
          reply_to_platform_message_id: mid,
          answerable: false,
        }),
      ],
      ignored: [],
    };
  }
  if (item.read || item.delivery) return { events: fromReceipt(item, context), ignored: [] };
  const kind = Object.keys(item).find((key) => !['sender', 'recipient', 'timestamp'].includes(key));
  return { events: [], ignored: [`messaging:${kind ?? 'empty'}`] };
}
