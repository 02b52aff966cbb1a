import { z } from 'zod';
import { metaMediaDelivery } from '@/src/channels/meta/meta-media-attachment';
import { buildMetaSendBody } from '@/src/channels/meta/meta-send-body';
import type { ChannelSender } from '@/src/channels/send-types';
import { classifyInstagramSendError } from './instagram-send-errors';

// Instagram messaging (PLATFORMS.md 3.3): with a linked Page (Facebook Login) through
// graph.facebook.com/{page_id}/messages; without one (Instagram Login) through
// graph.instagram.com/{ig_id}/messages. Same body as Messenger.

const successSchema = z.object({ message_id: z.string().min(1) });

export const instagramSender: ChannelSender = {
  recipientOf: ({ externalId }) => externalId,
  buildRequest(input, accessToken, env) {
    const { page_id: pageId, instagram_account_id: instagramAccountId } = input.account;
    const url = pageId
      ? `${env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(pageId)}/messages`
      : `${env.INSTAGRAM_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(instagramAccountId ?? '')}/messages`;
    return {
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: buildMetaSendBody(input),
    };
  },
  readResponse(status, body, retryAfterMs) {
    if (status >= 200 && status < 300) {
      const parsed = successSchema.safeParse(body);
      if (parsed.success) return { ok: true, platformMessageId: parsed.data.message_id };
      return { ok: 'unknown', detail: `Instagram answered ${status} without a message id` };
    }
    return { ok: false, failure: classifyInstagramSendError(status, body, retryAfterMs) };
  },
  media: metaMediaDelivery,
};
