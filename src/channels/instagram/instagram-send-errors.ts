import { classifyMetaMessagingError, type MetaErrorRule } from '@/src/channels/meta/meta-messaging-errors';
import type { SendFailure } from '@/src/channels/send-types';

// Instagram messaging subcodes worth their own explanation.
const subcodes: Record<number, MetaErrorRule> = {
  2534022: {
    kind: 'permanent',
    explain: "Outside Instagram's allowed window: the customer must write again (humans have 7 days).",
  },
  2534014: { kind: 'permanent', explain: 'No Instagram user matches this recipient.' },
  2018278: {
    kind: 'permanent',
    explain: "Outside Instagram's allowed window: the customer must write again (humans have 7 days).",
  },
  2018001: { kind: 'permanent', explain: 'No Instagram user matches this recipient.' },
};

export function classifyInstagramSendError(
  status: number,
  body: unknown,
  retryAfterMs?: number,
): SendFailure {
  return classifyMetaMessagingError('Instagram', status, body, subcodes, retryAfterMs);
}
