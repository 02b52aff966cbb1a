import { classifyMetaMessagingError, type MetaErrorRule } from '@/src/channels/meta/meta-messaging-errors';
import type { SendFailure } from '@/src/channels/send-types';

// Messenger subcodes worth their own explanation (Send API error codes reference).
const subcodes: Record<number, MetaErrorRule> = {
  2018278: {
    kind: 'permanent',
    explain: "Outside Messenger's allowed window: the customer must write again (humans have 7 days).",
  },
  2018001: { kind: 'permanent', explain: 'No Messenger user matches this recipient for this Page.' },
  2018022: { kind: 'retryable', explain: 'Too many sends at once; retrying later.', retryAfterMs: 60_000 },
  2018108: { kind: 'permanent', explain: 'This person cannot receive messages from the Page right now.' },
};

export function classifyFacebookSendError(status: number, body: unknown, retryAfterMs?: number): SendFailure {
  return classifyMetaMessagingError('Messenger', status, body, subcodes, retryAfterMs);
}
