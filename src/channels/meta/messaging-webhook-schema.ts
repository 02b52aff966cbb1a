import { z } from 'zod';
import { lenient, lenientNumber, lenientText, optionalId, platformId } from '@/src/channels/lenient-fields';

// Messenger (object "page") and Instagram (object "instagram") webhooks share this shape
// (PLATFORMS.md §3): entry[].messaging[] (or standby[] when another app owns the thread), each
// item carrying one of message, postback, reaction, read, delivery, referral, message_edit,
// policy_enforcement, optin, … Optional fields accept null, ids accept numbers, and a badly typed
// optional field is dropped alone (src/channels/lenient-fields.ts); ids, timestamps and a
// message's own text stay strict.

const id = platformId();
const text = z.string().max(100_000);
const optionalText = lenientText();
const url = lenientText(8192);
const timestamp = z.union([z.number(), z.string().max(32)]).nullish();

const button = z.looseObject({ type: optionalText, title: optionalText, url, payload: optionalText });

// A card of a generic template (a shared post, a product, a link preview).
const element = z.looseObject({
  id: lenient(id),
  retailer_id: optionalText,
  title: optionalText,
  subtitle: optionalText,
  image_url: url,
  default_action: lenient(z.looseObject({ url })),
  buttons: lenient(z.array(button)),
});

const attachment = z.looseObject({
  type: z.string().min(1).max(64),
  // Older fallback attachments carry title and url here, next to a null payload.
  title: optionalText,
  url,
  payload: lenient(
    z.looseObject({
      url,
      title: optionalText,
      sticker_id: lenient(id),
      // Templates (messages webhook reference): generic cards, buttons, media, products.
      template_type: lenientText(64),
      text: optionalText,
      buttons: lenient(z.array(button)),
      elements: lenient(z.array(element)),
      // Messenger product template (a customer shares one of the Page's products).
      product: lenient(z.looseObject({ elements: lenient(z.array(element)) })),
      // A shared location: coordinates of the pin.
      coordinates: lenient(z.looseObject({ lat: lenientNumber(), long: lenientNumber() })),
      // Messenger appointment_booking.
      status: lenientText(64),
      start_time: lenientNumber(),
    }),
  ),
});

/**
 * Where the customer came from: an ad (Click-to-Messenger/Direct), an m.me link, a QR code…
 * On message.referral, postback.referral (Get Started) and standalone referral items.
 */
const referral = lenient(
  z.looseObject({
    ref: optionalText,
    ad_id: lenient(id),
    source: optionalText,
    type: optionalText,
    ads_context_data: lenient(
      z.looseObject({ ad_title: optionalText, photo_url: url, video_url: url, post_id: lenient(id) }),
    ),
  }),
);
export type MessagingReferral = NonNullable<z.infer<typeof referral>>;

export const messagingItemSchema = z.looseObject({
  // Optional here: some item kinds (checkbox opt-ins, policy enforcement) carry no sender; the
  // kinds we store require it in the normaliser.
  sender: lenient(z.looseObject({ id: optionalId() })),
  recipient: lenient(z.looseObject({ id: optionalId() })),
  timestamp,
  message: z
    .looseObject({
      mid: id,
      text: text.nullish(),
      is_echo: lenient(z.boolean()),
      is_deleted: lenient(z.boolean()),
      is_unsupported: lenient(z.boolean()),
      app_id: lenient(id),
      metadata: lenientText(1000),
      quick_reply: lenient(z.looseObject({ payload: optionalText })),
      reply_to: lenient(
        z.looseObject({
          mid: lenient(id),
          story: lenient(z.looseObject({ url, id: lenient(id) })),
        }),
      ),
      attachments: lenient(z.array(attachment)),
      // Click-to-Messenger / Click-to-Instagram-Direct ad the customer came from.
      referral,
    })
    .nullish(),
  postback: lenient(
    z.looseObject({ mid: lenient(id), title: optionalText, payload: optionalText, referral }),
  ),
  referral,
  reaction: z
    .looseObject({
      mid: id,
      action: lenientText(64),
      reaction: lenientText(64),
      emoji: optionalText,
    })
    .nullish(),
  // message_edits: the customer edited an earlier message (num_edit counts the edits).
  message_edit: z.looseObject({ mid: id, text: optionalText, num_edit: lenientNumber() }).nullish(),
  // messaging_policy_enforcement: Meta warns, blocks or unblocks the Page's messaging.
  policy_enforcement: lenient(z.looseObject({ action: lenientText(64), reason: lenientText(2000) })),
  read: lenient(z.looseObject({ watermark: timestamp, mid: lenient(id) })),
  delivery: lenient(z.looseObject({ mids: lenient(z.array(id)), watermark: timestamp })),
});
export type MessagingItem = z.infer<typeof messagingItemSchema>;

/**
 * One entry. Its messaging[], standby[] and changes[] items are parsed one by one
 * (normalise-messaging-webhook): a malformed item is skipped, not the entry.
 */
export const messagingEntrySchema = z.looseObject({
  id,
  time: lenient(z.union([z.number(), z.string().max(32)])),
  messaging: z.array(z.unknown()).nullish(),
  standby: z.array(z.unknown()).nullish(),
  changes: z.array(z.unknown()).nullish(),
});

export const messagingChangeSchema = z.looseObject({ field: z.string().max(128) });

/** Not this platform's webhook at all: the only failure that refuses the whole delivery (400). */
export function messagingEnvelopeSchema<O extends 'page' | 'instagram'>(object: O) {
  return z.looseObject({ object: z.literal(object), entry: z.array(z.unknown()) });
}
