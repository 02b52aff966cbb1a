import { z } from 'zod';
import { lenient, lenientNumber, lenientText, optionalId, platformId } from '@/src/channels/lenient-fields';

// WhatsApp Cloud API webhook (PLATFORMS.md §2). Loose objects: unknown fields pass through
// (they are kept in raw_payload); only what we read is checked. Every field that newer API
// versions omit is optional (from/wa_id disappear for users with usernames since 2026). Optional
// fields accept null, ids accept numbers, and a badly typed optional field is dropped alone
// (src/channels/lenient-fields.ts); only ids and a text message's own body stay strict.

const id = platformId();
const text = z.string().max(100_000);
const optionalText = lenientText();

const media = lenient(
  z.looseObject({
    id: lenient(id),
    mime_type: lenientText(255),
    sha256: lenientText(255),
    caption: optionalText,
    filename: lenientText(1000),
    url: lenientText(4096),
    voice: lenient(z.boolean()),
    animated: lenient(z.boolean()),
  }),
);

// What a message carries besides its envelope (id, sender, time); an edit's new version
// (`edit.message`) carries the same, without an envelope.
const content = {
  // Any string: a type nobody has seen (even an empty or overlong one) is stored, as "unknown"
  // when it does not read like a type name (describe-whatsapp-message), not skipped.
  type: z.string(),
  context: lenient(z.looseObject({ id: lenient(id), from: lenient(id) })),
  text: z.looseObject({ body: text }).nullish(),
  image: media,
  video: media,
  audio: media,
  document: media,
  sticker: media,
  location: lenient(
    z.looseObject({
      latitude: lenientNumber(),
      longitude: lenientNumber(),
      name: optionalText,
      address: optionalText,
      url: optionalText,
    }),
  ),
  contacts: lenient(
    z.array(
      z.looseObject({
        name: lenient(z.looseObject({ formatted_name: optionalText })),
        phones: lenient(z.array(z.looseObject({ phone: optionalText, wa_id: optionalText }))),
      }),
    ),
  ),
  interactive: lenient(
    z.looseObject({
      type: lenientText(64),
      button_reply: lenient(z.looseObject({ id: optionalText, title: optionalText })),
      list_reply: lenient(
        z.looseObject({ id: optionalText, title: optionalText, description: optionalText }),
      ),
      // WhatsApp Flows (name "flow") and address messages (name "address_message"): what the
      // customer filled in is a JSON string in response_json.
      nfm_reply: lenient(
        z.looseObject({ body: optionalText, name: optionalText, response_json: optionalText }),
      ),
    }),
  ),
  button: lenient(z.looseObject({ payload: optionalText, text: optionalText })),
  reaction: lenient(z.looseObject({ message_id: lenient(id), emoji: optionalText })),
  system: lenient(
    z.looseObject({
      body: optionalText,
      // user_changed_number: the customer's new WhatsApp id (older payloads: new_wa_id).
      wa_id: lenient(id),
      new_wa_id: lenient(id),
      type: optionalText,
    }),
  ),
  unsupported: lenient(z.looseObject({ type: optionalText })),
  // A catalog order (…/webhooks/reference/messages/order): every field optional, prices may be
  // decimals although Meta's table says "Integer".
  order: lenient(
    z.looseObject({
      catalog_id: optionalText,
      text: optionalText,
      product_items: lenient(
        z.array(
          z.looseObject({
            product_retailer_id: optionalText,
            quantity: lenientNumber(),
            item_price: lenientNumber(),
            currency: lenientText(16),
          }),
        ),
      ),
    }),
  ),
  // Click-to-WhatsApp ad the customer came from, on their first message (…/messages/text).
  referral: lenient(
    z.looseObject({
      source_url: optionalText,
      source_id: optionalText,
      source_type: optionalText,
      body: optionalText,
      headline: optionalText,
      media_type: optionalText,
      image_url: optionalText,
      video_url: optionalText,
      thumbnail_url: optionalText,
      ctwa_clid: optionalText,
    }),
  ),
};

/** An edit's new version (`edit.message`): the content of a message, without id or sender. */
export const whatsappContentSchema = z.looseObject({ ...content, type: z.string().max(64).default('text') });
export type WhatsappContent = z.infer<typeof whatsappContentSchema>;

export const whatsappMessageSchema = z.looseObject({
  id,
  from: optionalId(),
  from_user_id: optionalId(),
  // Coexistence echoes (smb_message_echoes): the business's number sent it to `to`.
  to: optionalId(),
  to_user_id: optionalId(),
  // Only dates the message (an unreadable one is stored with our clock); ids never derive from it.
  timestamp: lenient(z.union([z.string().max(32), z.number()])),
  ...content,
  // The customer deleted an earlier message (Coexistence numbers only, …/messages/revoke).
  revoke: lenient(z.looseObject({ original_message_id: lenient(id) })),
  // The customer edited an earlier message (Coexistence numbers only, …/messages/edit).
  edit: lenient(z.looseObject({ original_message_id: lenient(id), message: lenient(z.unknown()) })),
});
export type WhatsappMessage = z.infer<typeof whatsappMessageSchema>;

export const whatsappContactSchema = z.looseObject({
  wa_id: optionalId(),
  user_id: optionalId(),
  profile: lenient(z.looseObject({ name: optionalText, username: optionalText })),
});
export type WhatsappContact = z.infer<typeof whatsappContactSchema>;

const statusError = z.looseObject({
  code: lenient(z.union([z.number(), z.string().max(64)])),
  title: optionalText,
  message: optionalText,
  error_data: lenient(z.looseObject({ details: optionalText })),
});

export const whatsappStatusSchema = z.looseObject({
  id,
  status: z.string().min(1).max(64),
  timestamp: lenient(z.union([z.string().max(32), z.number()])),
  recipient_id: optionalId(),
  biz_opaque_callback_data: optionalText,
  errors: lenient(z.array(statusError)),
});

/**
 * `value` of a change whose field is "messages" (or "smb_message_echoes"). Its contacts,
 * messages, echoes and statuses are parsed one by one (normalise-whatsapp-webhook): one
 * malformed item is skipped, not the change.
 */
export const whatsappMessagesValueSchema = z.looseObject({
  messaging_product: lenientText(64),
  metadata: z.looseObject({ phone_number_id: id, display_phone_number: lenientText(64) }),
  contacts: lenient(z.array(z.unknown())),
  messages: z.array(z.unknown()).nullish(),
  message_echoes: z.array(z.unknown()).nullish(),
  statuses: z.array(z.unknown()).nullish(),
  errors: lenient(z.array(z.unknown())),
});

/**
 * `value` of phone_number_quality_update (…/webhooks/reference/phone_number_quality_update):
 * the number's throughput tier changed. current_limit is being replaced by
 * max_daily_conversations_per_business.
 */
export const whatsappQualityValueSchema = z.looseObject({
  display_phone_number: lenientText(64),
  event: optionalText,
  current_limit: optionalText,
  old_limit: optionalText,
  max_daily_conversations_per_business: lenient(z.union([z.string().max(64), z.number()])),
});

/** `value` of account_update: only its restriction list says anything about sending. */
export const whatsappAccountUpdateValueSchema = z.looseObject({
  phone_number: lenientText(64),
  event: optionalText,
  restriction_info: lenient(
    z.array(z.looseObject({ restriction_type: optionalText, expiration: optionalText })),
  ),
});

export const whatsappChangeSchema = z.looseObject({ field: z.string().min(1).max(128), value: z.unknown() });

/** entry[].id is the WABA id: it routes the account-level changes (quality, account updates). */
export const whatsappEntrySchema = z.looseObject({
  changes: z.array(z.unknown()).default([]),
  time: lenient(z.union([z.number(), z.string().max(32)])),
});

/** Not a WhatsApp webhook at all: the only failure that refuses the whole delivery (400). */
export const whatsappEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});
