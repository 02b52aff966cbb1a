import { z } from 'zod';
import { metaMediaDelivery } from '@/src/channels/meta/meta-media-attachment';
import { buildMetaSendBody } from '@/src/channels/meta/meta-send-body';
import type { ChannelSender } from '@/src/channels/send-types';
import { classifyFacebookSendError } from './facebook-send-errors';

// Messenger Send API: POST /{version}/{page_id}/messages (PLATFORMS.md 3.3), Page token as Bearer.

const successSchema = z.object({ message_id: z.string().min(1) });

export const facebookSender: ChannelSender = {
  recipientOf: ({ externalId }) => externalId,
  buildRequest(input, accessToken, env) {
    return {
      method: 'POST',
      url: `${env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(input.account.page_id ?? '')}/messages`,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: buildMetaSendBody(input),
    };
  },
  readResponse(status, body, retryAfterMs) {
    if (status >= 200 && status < 300) {
      const parsed = successSchema.safeParse(body);
      if (parsed.success) return { ok: true, platformMessageId: parsed.data.message_id };
      return { ok: 'unknown', detail: `Messenger answered ${status} without a message id` };
    }
    return { ok: false, failure: classifyFacebookSendError(status, body, retryAfterMs) };
  },
  media: metaMediaDelivery,
};
