import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import { numberedChoiceLimits } from '@/src/channels/choice-limits';
import { parseJsonBody } from '@/src/channels/parse-json-body';
import { buildEmailTestDelivery } from './build-email-test-delivery';
import { emailReplyWindow } from './email-reply-window';
import { emailTokenHealth } from './email-token-health';
import { expandRawEmail } from './expand-raw-email';
import { normaliseEmailWebhook } from './normalise-email-webhook';
import { emailSender } from './send-email';
import { storeEmailAttachments } from './store-email-attachments';
import { verifyBasicAuth } from './verify-basic-auth';

// Email through Postmark (PLATFORMS-2.md §9): inbound and bounce webhooks authenticated by the
// Basic credentials in the webhook URL (each connection has its own), replies via Postmark's API.
export const emailAdapter: ChannelAdapter = {
  inbound: {
    verifySignature: ({ headers }, secrets) => verifyBasicAuth(headers, secrets),
    // Postmark stops retrying on 403: a wrong password is not fixed by retrying.
    refusalStatus: 403,
    fallbackSecret: () => undefined,
    parseBody: parseJsonBody,
    expandBody: expandRawEmail,
    normalise: normaliseEmailWebhook,
    storeFiles: storeEmailAttachments,
    buildTestDelivery: buildEmailTestDelivery,
  },
  sender: emailSender,
  textLimit: { max: 20000, unit: 'characters' },
  choices: numberedChoiceLimits,
  tokenHealth: emailTokenHealth,
  replyWindow: emailReplyWindow,
};
