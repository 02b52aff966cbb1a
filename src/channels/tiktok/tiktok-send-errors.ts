import type { SendFailure } from '@/src/channels/send-types';

// TikTok Business API answers HTTP 200 with `code != 0` for errors. Codes from third-party
// integration docs (PLATFORMS.md 4.2: the portal itself is not readable here); unknown codes
// are permanent so a customer is never spammed by blind retries.

type Rule = { kind: SendFailure['kind']; explain: string; retryAfterMs?: number };

const rules: Record<number, Rule> = {
  40100: { kind: 'retryable', explain: 'TikTok rate limit reached; retrying later.', retryAfterMs: 60_000 },
  40064: {
    kind: 'retryable',
    explain: 'TikTok is throttling messages from this account; retrying later.',
    retryAfterMs: 300_000,
  },
  40104: { kind: 'reauth', explain: 'The TikTok access token is missing or invalid: reconnect the channel.' },
  40105: { kind: 'reauth', explain: 'The TikTok access token is missing or invalid: reconnect the channel.' },
  40001: {
    kind: 'permanent',
    explain: 'The TikTok app lacks permission for Business Messaging on this account.',
  },
  40002: { kind: 'permanent', explain: 'TikTok rejected a parameter of the message.' },
  40007: {
    kind: 'permanent',
    explain: 'TikTok does not know this conversation (deleted or not this account).',
  },
};

export function classifyTikTokSendError(
  status: number,
  body: { code?: number; message?: string } | null,
  retryAfterMs?: number,
): SendFailure {
  const code = body?.code;
  const detail =
    `TikTok ${code === undefined ? `HTTP ${status}` : `code ${code}`}: ${body?.message ?? 'no message'}`.slice(
      0,
      300,
    );
  const rule = code === undefined ? undefined : rules[code];
  if (rule) {
    return {
      kind: rule.kind,
      code: String(code),
      staffMessage: `${rule.explain} (${detail})`,
      retryAfterMs: retryAfterMs ?? rule.retryAfterMs,
    };
  }
  if (
    status >= 500 ||
    status === 429 ||
    status === 408 ||
    (code !== undefined && code >= 50000 && code < 60000)
  ) {
    return {
      kind: 'retryable',
      code: code === undefined ? `http_${status}` : String(code),
      staffMessage: `${detail}; retrying.`,
      retryAfterMs,
    };
  }
  return {
    kind: 'permanent',
    code: code === undefined ? `http_${status}` : String(code),
    staffMessage: `TikTok refused the message (${detail}).`,
  };
}
