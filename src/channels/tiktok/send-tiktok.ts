import { z } from 'zod';
import type { ChannelSender } from '@/src/channels/send-types';
import { classifyTikTokSendError } from './tiktok-send-errors';

// TikTok Business Messaging send (PLATFORMS.md 4.1): Access-Token header (not Bearer), the
// conversation id as recipient, and HTTP 200 with code != 0 is an error.

const envelopeSchema = z.object({
  code: z.coerce.number(),
  message: z.string().optional(),
  data: z
    .object({ message: z.object({ message_id: z.string().min(1) }).optional() })
    .loose()
    .nullish(),
});

export const tiktokSender: ChannelSender = {
  recipientOf: ({ threadId }) => threadId,
  buildRequest(input, accessToken, env) {
    return {
      method: 'POST',
      url: `${env.TIKTOK_API_BASE_URL}/open_api/v1.3/business/message/send/`,
      headers: { 'access-token': accessToken, 'content-type': 'application/json' },
      body: {
        business_id: input.account.tiktok_business_id,
        recipient_type: 'CONVERSATION',
        recipient: input.recipientId,
        message_type: 'TEXT',
        text: { body: input.text },
      },
    };
  },
  readResponse(status, body, retryAfterMs) {
    const parsed = envelopeSchema.safeParse(body);
    if (status >= 200 && status < 300 && parsed.success && parsed.data.code === 0) {
      const id = parsed.data.data?.message?.message_id;
      if (id) return { ok: true, platformMessageId: id };
      return { ok: 'unknown', detail: 'TikTok answered code 0 without a message id' };
    }
    // A 2xx we cannot read may still be a message TikTok took: never a definite refusal.
    if (status >= 200 && status < 300 && !parsed.success) {
      return { ok: 'unknown', detail: `TikTok answered ${status} with a body we could not read` };
    }
    return {
      ok: false,
      failure: classifyTikTokSendError(status, parsed.success ? parsed.data : null, retryAfterMs),
    };
  },
};
