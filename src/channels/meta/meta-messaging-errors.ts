import type { SendFailure } from '@/src/channels/send-types';
import { describeGraphError, parseGraphError } from './graph-error';

// Messenger Platform send errors, shared by Messenger and Instagram (same Send API; Meta's
// "Common Error Codes" page). Channel files add their own subcodes and wording.

export type MetaErrorRule = { kind: SendFailure['kind']; explain: string; retryAfterMs?: number };

const byCode: Record<number, MetaErrorRule> = {
  190: { kind: 'reauth', explain: 'The access token is invalid or expired: reconnect the channel.' },
  551: { kind: 'permanent', explain: 'This person is not available (they blocked the account or left).' },
  10: {
    kind: 'permanent',
    explain: 'Meta refused the message: outside the allowed window or missing permission.',
  },
  200: {
    kind: 'permanent',
    explain: 'The token lacks messaging permission: reconnect with the right permissions.',
  },
  230: {
    kind: 'permanent',
    explain: 'The token lacks messaging permission: reconnect with the right permissions.',
  },
  100: { kind: 'permanent', explain: 'Meta rejected the recipient or a parameter as invalid.' },
  1200: { kind: 'retryable', explain: 'Temporary send failure at Meta; retrying.' },
  1: { kind: 'retryable', explain: 'Meta reported an unknown error; retrying.' },
  2: { kind: 'retryable', explain: 'Meta is temporarily unavailable; retrying.' },
  4: { kind: 'retryable', explain: 'Meta rate limit reached; retrying later.', retryAfterMs: 60_000 },
  17: { kind: 'retryable', explain: 'Meta rate limit reached; retrying later.', retryAfterMs: 60_000 },
  32: { kind: 'retryable', explain: 'Meta rate limit reached; retrying later.', retryAfterMs: 60_000 },
  613: { kind: 'retryable', explain: 'Meta rate limit reached; retrying later.', retryAfterMs: 60_000 },
};

export function classifyMetaMessagingError(
  platform: string,
  status: number,
  body: unknown,
  subcodeRules: Record<number, MetaErrorRule>,
  retryAfterMs?: number,
): SendFailure {
  const error = parseGraphError(body);
  const detail = describeGraphError(error, status);
  const rule =
    (error?.subcode === undefined ? undefined : subcodeRules[error.subcode]) ??
    (error?.code === undefined ? undefined : byCode[error.code]);
  const code =
    error?.code === undefined ? `http_${status}` : `${error.code}${error.subcode ? `/${error.subcode}` : ''}`;
  if (rule) {
    return {
      kind: rule.kind,
      code,
      staffMessage: `${rule.explain} (${detail})`,
      retryAfterMs: retryAfterMs ?? rule.retryAfterMs,
    };
  }
  if (status >= 500 || status === 429 || status === 408) {
    return {
      kind: 'retryable',
      code,
      staffMessage: `${platform} answered ${detail}; retrying.`,
      retryAfterMs,
    };
  }
  return { kind: 'permanent', code, staffMessage: `${platform} refused the message (${detail}).` };
}
