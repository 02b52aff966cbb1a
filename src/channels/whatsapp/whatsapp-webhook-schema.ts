import { z } from 'zod';

// WhatsApp Cloud API webhook (PLATFORMS.md §2). Loose objects: unknown fields pass through
// (they are kept in raw_payload); only what we read is checked. Every field that newer API
// versions omit is optional (from/wa_id disappear for users with usernames since 2026).

const id = z.string().min(1).max(512);
const text = z.string().max(100_000);

const media = z.looseObject({
  id: id.optional(),
  mime_type: z.string().max(255).optional(),
  sha256: z.string().max(255).optional(),
  caption: text.optional(),
  filename: z.string().max(1000).optional(),
  url: z.string().max(4096).optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

export const whatsappMessageSchema = z.looseObject({
  id,
  from: id.optional(),
  from_user_id: id.optional(),
  timestamp: z.union([z.string().max(32), z.number()]).optional(),
  // Any string: a type nobody has seen (even an empty or overlong one) is stored, as "unknown"
  // when it does not read like a type name (describe-whatsapp-message), not skipped.
  type: z.string(),
  context: z.looseObject({ id: id.optional(), from: id.optional() }).optional(),
  text: z.looseObject({ body: text }).optional(),
  image: media.optional(),
  video: media.optional(),
  audio: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  location: z
    .looseObject({
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      name: text.optional(),
      address: text.optional(),
      url: text.optional(),
    })
    .optional(),
  contacts: z
    .array(
      z.looseObject({
        name: z.looseObject({ formatted_name: text.optional() }).optional(),
        phones: z.array(z.looseObject({ phone: text.optional(), wa_id: text.optional() })).optional(),
      }),
    )
    .optional(),
  interactive: z
    .looseObject({
      type: z.string().max(64),
      button_reply: z.looseObject({ id: text.optional(), title: text.optional() }).optional(),
      list_reply: z
        .looseObject({ id: text.optional(), title: text.optional(), description: text.optional() })
        .optional(),
      // WhatsApp Flows (name "flow") and address messages (name "address_message"): what the
      // customer filled in is a JSON string in response_json.
      nfm_reply: z
        .looseObject({ body: text.optional(), name: text.optional(), response_json: text.optional() })
        .optional(),
    })
    .optional(),
  button: z.looseObject({ payload: text.optional(), text: text.optional() }).optional(),
  reaction: z.looseObject({ message_id: id.optional(), emoji: text.optional() }).optional(),
  system: z.looseObject({ body: text.optional(), wa_id: text.optional(), type: text.optional() }).optional(),
  unsupported: z.looseObject({ type: text.optional() }).optional(),
  // A catalog order (…/webhooks/reference/messages/order): every field optional, prices may be
  // decimals although Meta's table says "Integer".
  order: z
    .looseObject({
      catalog_id: text.optional(),
      text: text.optional(),
      product_items: z
        .array(
          z.looseObject({
            product_retailer_id: text.optional(),
            quantity: z.union([z.number(), z.string().max(64)]).optional(),
            item_price: z.union([z.number(), z.string().max(64)]).optional(),
            currency: z.string().max(16).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  // The customer deleted an earlier message (Coexistence numbers only, …/messages/revoke).
  revoke: z.looseObject({ original_message_id: id.optional() }).optional(),
  // Click-to-WhatsApp ad the customer came from, on their first message (…/messages/text).
  referral: z
    .looseObject({
      source_url: text.optional(),
      source_id: text.optional(),
      source_type: text.optional(),
      body: text.optional(),
      headline: text.optional(),
      media_type: text.optional(),
      image_url: text.optional(),
      video_url: text.optional(),
      thumbnail_url: text.optional(),
      ctwa_clid: text.optional(),
    })
    .optional(),
});
export type WhatsappMessage = z.infer<typeof whatsappMessageSchema>;

export const whatsappContactSchema = z.looseObject({
  wa_id: id.optional(),
  user_id: id.optional(),
  profile: z.looseObject({ name: text.optional(), username: text.optional() }).optional(),
});
export type WhatsappContact = z.infer<typeof whatsappContactSchema>;

const statusError = z.looseObject({
  code: z.union([z.number(), z.string().max(64)]).optional(),
  title: text.optional(),
  message: text.optional(),
  error_data: z.looseObject({ details: text.optional() }).optional(),
});

export const whatsappStatusSchema = z.looseObject({
  id,
  status: z.string().min(1).max(64),
  timestamp: z.union([z.string().max(32), z.number()]).optional(),
  recipient_id: id.optional(),
  biz_opaque_callback_data: text.optional(),
  errors: z.array(statusError).optional(),
});

/**
 * `value` of a change whose field is "messages". Its contacts, messages and statuses are parsed
 * one by one (normalise-whatsapp-webhook): one malformed item is skipped, not the change.
 */
export const whatsappMessagesValueSchema = z.looseObject({
  messaging_product: z.string().max(64).optional(),
  metadata: z.looseObject({ phone_number_id: id, display_phone_number: z.string().max(64).optional() }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const whatsappChangeSchema = z.looseObject({ field: z.string().min(1).max(128), value: z.unknown() });

/** entry[].id (the WABA id) is not read: only each change's phone_number_id routes and is checked. */
export const whatsappEntrySchema = z.looseObject({ changes: z.array(z.unknown()).default([]) });

/** Not a WhatsApp webhook at all: the only failure that refuses the whole delivery (400). */
export const whatsappEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});
