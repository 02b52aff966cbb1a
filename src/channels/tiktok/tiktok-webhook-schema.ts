import { z } from 'zod';

// TikTok Business Messaging webhook (PLATFORMS.md §4): one event per POST, business account in
// user_openid, and `content` a JSON *string* to be parsed again.

const id = z.string().min(1).max(512);
const text = z.string().max(100_000);

/**
 * Not a TikTok webhook at all (no event name, no business id): the only failure that refuses
 * the delivery (400). A malformed `content` is skipped and counted (normalise-tiktok-webhook).
 */
export const tiktokEnvelopeSchema = z.looseObject({
  client_key: z.string().max(512).optional(),
  event: z.string().min(1).max(128),
  create_time: z.union([z.number(), z.string().max(32)]).optional(),
  user_openid: id,
  content: z.unknown(),
});

const user = z.looseObject({ id, role: z.string().max(64).optional() });

/** content of im_receive_msg / im_send_msg. */
export const tiktokMessageContentSchema = z.looseObject({
  conversation_id: id,
  message_id: id,
  type: z.string().min(1).max(64),
  timestamp: z.union([z.number(), z.string().max(32)]).optional(),
  from: z.string().max(512).optional(),
  from_user: user,
  to: z.string().max(512).optional(),
  to_user: user.optional(),
  text: z.looseObject({ body: text }).optional(),
  image: z.looseObject({ media_id: id.optional() }).optional(),
  sticker: z.looseObject({ media_id: id.optional() }).optional(),
  share_post: z
    .looseObject({ video_id: id.optional(), embed_url: z.string().max(8192).optional() })
    .optional(),
  referenced_message_info: z.looseObject({ referenced_message_id: id.optional() }).optional(),
});
export type TiktokMessageContent = z.infer<typeof tiktokMessageContentSchema>;

/** content of im_mark_read_msg (shape from Chatwoot's integration; TikTok's page is gated). */
export const tiktokReadContentSchema = z.looseObject({
  conversation_id: id,
  read: z.looseObject({ last_read_timestamp: z.union([z.number(), z.string().max(32)]) }),
  from_user: user.optional(),
});
