import { describeGraphError, parseGraphError } from '@/src/channels/meta/graph-error';
import type { SendFailure } from '@/src/channels/send-types';

// WhatsApp Cloud API send errors (PLATFORMS.md 2.5, PLATFORMS-2.md §3.5): which ones a retry can
// fix, and what staff should do about the others. The dashboard shows staff a Spanish text per
// code (src/dashboard/inbox/delivery-error-text.ts); this English one stays as the detail.

type Rule = { kind: SendFailure['kind']; explain: string; retryAfterMs?: number };

const rules: Record<number, Rule> = {
  190: { kind: 'reauth', explain: 'The WhatsApp access token is invalid or expired: reconnect the channel.' },
  131047: {
    kind: 'permanent',
    explain: "More than 24 h since the customer's last message: WhatsApp needs an approved message template.",
  },
  131026: {
    kind: 'permanent',
    explain:
      'WhatsApp could not deliver to this customer (not on WhatsApp, outdated app, or terms not accepted).',
  },
  131030: { kind: 'permanent', explain: 'The recipient is not in the allowed list of this test number.' },
  131009: { kind: 'permanent', explain: 'WhatsApp rejected the recipient or a parameter as invalid.' },
  100: { kind: 'permanent', explain: 'WhatsApp rejected the recipient or a parameter as invalid.' },
  // Meta asks not to retry for at least 24 h: permanent here, staff decide later.
  131049: {
    kind: 'permanent',
    explain:
      'WhatsApp held this message back to protect engagement (marketing limit per customer): do not resend for 24 h.',
  },
  131050: {
    kind: 'permanent',
    explain: 'The customer stopped marketing messages from this business: never resend marketing to them.',
  },
  132000: {
    kind: 'permanent',
    explain: "The template's parameters do not match: the number of values is wrong.",
  },
  132001: {
    kind: 'permanent',
    explain: 'The template does not exist in this language or is not approved: sync the templates.',
  },
  132005: { kind: 'permanent', explain: 'The filled-in template is too long: shorten the values.' },
  132007: {
    kind: 'permanent',
    explain: 'The template content breaks WhatsApp policy: create a new template.',
  },
  132012: {
    kind: 'permanent',
    explain: 'A template value has the wrong format (named or positional, or type).',
  },
  132015: {
    kind: 'permanent',
    explain: 'The template is paused for low quality: edit it and wait for approval.',
  },
  132016: {
    kind: 'permanent',
    explain: 'The template was disabled for good (paused too often): create a new one.',
  },
  131051: { kind: 'permanent', explain: 'WhatsApp does not support this message type.' },
  131031: { kind: 'permanent', explain: 'The WhatsApp Business account is locked: check WhatsApp Manager.' },
  368: {
    kind: 'permanent',
    explain: 'The number is temporarily blocked for policy violations: check WhatsApp Manager.',
  },
  10: {
    kind: 'permanent',
    explain: 'The token lacks WhatsApp messaging permission: reconnect with the right permissions.',
  },
  200: {
    kind: 'permanent',
    explain: 'The token lacks WhatsApp messaging permission: reconnect with the right permissions.',
  },
  130429: { kind: 'retryable', explain: 'WhatsApp throughput limit reached; retrying later.' },
  131056: {
    kind: 'retryable',
    explain: 'Too many messages to this customer in a short time; retrying later.',
    retryAfterMs: 60_000,
  },
  131048: {
    kind: 'retryable',
    explain: 'WhatsApp spam rate limit reached; retrying later.',
    retryAfterMs: 300_000,
  },
  80007: { kind: 'retryable', explain: 'WhatsApp Business account rate limit reached; retrying later.' },
  131000: { kind: 'retryable', explain: 'WhatsApp reported an internal error; retrying.' },
  131016: { kind: 'retryable', explain: 'WhatsApp is temporarily unavailable; retrying.' },
  1: { kind: 'retryable', explain: 'Meta reported an unknown error; retrying.' },
  2: { kind: 'retryable', explain: 'Meta is temporarily unavailable; retrying.' },
  4: { kind: 'retryable', explain: 'Meta app rate limit reached; retrying later.' },
};

export function classifyWhatsAppSendError(status: number, body: unknown, retryAfterMs?: number): SendFailure {
  const error = parseGraphError(body);
  const detail = describeGraphError(error, status);
  const rule = error?.code === undefined ? undefined : rules[error.code];
  if (rule) {
    return {
      kind: rule.kind,
      code: String(error?.code),
      staffMessage: `${rule.explain} (${detail})`,
      retryAfterMs: retryAfterMs ?? rule.retryAfterMs,
    };
  }
  if (status >= 500 || status === 429 || status === 408) {
    return {
      kind: 'retryable',
      code: `http_${status}`,
      staffMessage: `WhatsApp answered ${detail}; retrying.`,
      retryAfterMs,
    };
  }
  return {
    kind: 'permanent',
    code: error?.code === undefined ? `http_${status}` : String(error.code),
    staffMessage: `WhatsApp refused the message (${detail}).`,
  };
}
