import { z } from 'zod';
import { lenient, lenientText, optionalId, platformId } from '@/src/channels/lenient-fields';

// TikTok Business Messaging webhook (PLATFORMS.md §4): one event per POST, business account in
// user_openid, and `content` a JSON *string* to be parsed again. Optional fields accept null,
// ids accept numbers, and a badly typed optional field is dropped alone
// (src/channels/lenient-fields.ts); ids and a text message's own body stay strict.

const id = platformId();
const text = z.string().max(100_000);

/**
 * Not a TikTok webhook at all (no event name, no business id): the only failure that refuses
 * the delivery (400). A malformed `content` is skipped and counted (normalise-tiktok-webhook).
 */
export const tiktokEnvelopeSchema = z.looseObject({
  client_key: z.string().max(512).optional(),
  event: z.string().min(1).max(128),
  create_time: z.union([z.number(), z.string().max(32)]).optional(),
  user_openid: z.string().min(1).max(512),
  content: z.unknown(),
});

const user = z.looseObject({ id, role: lenientText(64) });

/** content of im_receive_msg / im_send_msg. */
export const tiktokMessageContentSchema = z.looseObject({
  conversation_id: id,
  message_id: id,
  type: z.string().min(1).max(64),
  timestamp: z.union([z.number(), z.string().max(32)]).nullish(),
  from: lenientText(512),
  from_user: user,
  to: lenientText(512),
  to_user: lenient(user),
  text: z.looseObject({ body: text }).nullish(),
  image: lenient(z.looseObject({ media_id: optionalId() })),
  sticker: lenient(z.looseObject({ media_id: optionalId() })),
  share_post: lenient(z.looseObject({ video_id: lenient(id), embed_url: lenientText(8192) })),
  referenced_message_info: lenient(z.looseObject({ referenced_message_id: lenient(id) })),
});
export type TiktokMessageContent = z.infer<typeof tiktokMessageContentSchema>;

/** content of im_mark_read_msg (shape from Chatwoot's integration; TikTok's page is gated). */
export const tiktokReadContentSchema = z.looseObject({
  conversation_id: id,
  read: z.looseObject({ last_read_timestamp: z.union([z.number(), z.string().max(32)]) }),
  from_user: lenient(user),
});
