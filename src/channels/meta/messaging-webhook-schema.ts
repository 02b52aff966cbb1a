import { z } from 'zod';

// Messenger (object "page") and Instagram (object "instagram") webhooks share this shape
// (PLATFORMS.md §3): entry[].messaging[] (or standby[] when another app owns the thread), each
// item carrying one of message, postback, reaction, read, delivery, referral, optin, …

const id = z.string().min(1).max(512);
const text = z.string().max(100_000);
const timestamp = z.union([z.number(), z.string().max(32)]).optional();

const product = z.looseObject({
  id: z.union([z.number(), z.string().max(512)]).optional(),
  retailer_id: text.optional(),
  title: text.optional(),
  subtitle: text.optional(),
  image_url: z.string().max(8192).optional(),
});

const attachment = z.looseObject({
  type: z.string().min(1).max(64),
  // Older fallback attachments carry title and url here, next to a null payload.
  title: text.nullish(),
  url: z.string().max(8192).nullish(),
  payload: z
    .looseObject({
      url: z.string().max(8192).optional(),
      title: text.optional(),
      sticker_id: z.union([z.number(), z.string().max(128)]).optional(),
      // Messenger product template (a customer shares one of the Page's products).
      product: z.looseObject({ elements: z.array(product).optional() }).optional(),
      // Messenger appointment_booking.
      status: z.string().max(64).optional(),
      start_time: z.union([z.number(), z.string().max(64)]).optional(),
    })
    .nullish(),
});

export const messagingItemSchema = z.looseObject({
  // Optional here: some item kinds (checkbox opt-ins) carry user_ref instead; the kinds we store
  // require them in the normaliser.
  sender: z.looseObject({ id: id.optional() }).optional(),
  recipient: z.looseObject({ id: id.optional() }).optional(),
  timestamp,
  message: z
    .looseObject({
      mid: id,
      text: text.optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      is_unsupported: z.boolean().optional(),
      app_id: z.union([z.number(), z.string().max(128)]).optional(),
      metadata: z.string().max(1000).optional(),
      quick_reply: z.looseObject({ payload: text.optional() }).optional(),
      reply_to: z
        .looseObject({
          mid: id.optional(),
          story: z.looseObject({ url: z.string().max(8192).optional(), id: id.optional() }).optional(),
        })
        .optional(),
      attachments: z.array(attachment).optional(),
      // Click-to-Messenger / Click-to-Instagram-Direct ad the customer came from.
      referral: z
        .looseObject({
          ref: text.optional(),
          ad_id: text.optional(),
          source: text.optional(),
          type: text.optional(),
          ads_context_data: z
            .looseObject({ ad_title: text.optional(), photo_url: text.optional(), post_id: text.optional() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  postback: z
    .looseObject({ mid: id.optional(), title: text.optional(), payload: text.optional() })
    .optional(),
  reaction: z
    .looseObject({
      mid: id,
      action: z.string().max(64).optional(),
      reaction: z.string().max(64).optional(),
      emoji: text.optional(),
    })
    .optional(),
  read: z.looseObject({ watermark: timestamp, mid: id.optional() }).optional(),
  delivery: z.looseObject({ mids: z.array(id).optional(), watermark: timestamp }).optional(),
});
export type MessagingItem = z.infer<typeof messagingItemSchema>;

/**
 * One entry. Its messaging[], standby[] and changes[] items are parsed one by one
 * (normalise-messaging-webhook): a malformed item is skipped, not the entry.
 */
export const messagingEntrySchema = z.looseObject({
  id,
  time: timestamp,
  messaging: z.array(z.unknown()).optional(),
  standby: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
});

export const messagingChangeSchema = z.looseObject({ field: z.string().max(128) });

/** Not this platform's webhook at all: the only failure that refuses the whole delivery (400). */
export function messagingEnvelopeSchema<O extends 'page' | 'instagram'>(object: O) {
  return z.looseObject({ object: z.literal(object), entry: z.array(z.unknown()) });
}
