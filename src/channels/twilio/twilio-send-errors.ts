import type { SendFailure } from '@/src/channels/send-types';

// Twilio REST errors: an HTTP status with a JSON body { code, message, more_info, status }
// (twilio.com/docs/api/errors). Unknown 4xx codes are permanent so a customer is never
// spammed by blind retries; 429 and 5xx are retried.

type Rule = { kind: SendFailure['kind']; explain: string; retryAfterMs?: number };

const rules: Record<number, Rule> = {
  63016: {
    kind: 'permanent',
    explain:
      "More than 24 h since the customer's last message: WhatsApp only allows approved message templates (Content SID) now.",
  },
  21211: { kind: 'permanent', explain: 'Twilio says the customer’s number is not valid.' },
  21610: {
    kind: 'permanent',
    explain: 'The customer unsubscribed (replied STOP): Twilio blocks messages to them.',
  },
  21408: { kind: 'permanent', explain: 'The Twilio account may not send to this country or region.' },
  21606: { kind: 'permanent', explain: 'The "From" number is not a WhatsApp sender of this Twilio account.' },
  63007: { kind: 'permanent', explain: 'The "From" number is not a WhatsApp sender of this Twilio account.' },
  63018: {
    kind: 'retryable',
    explain: 'Twilio is rate limiting this WhatsApp sender; retrying later.',
    retryAfterMs: 60_000,
  },
  20429: { kind: 'retryable', explain: 'Too many requests to Twilio; retrying later.', retryAfterMs: 30_000 },
  20003: {
    kind: 'reauth',
    explain: 'Twilio refused the credentials (Account SID, Auth Token or API key): reconnect the channel.',
  },
  20404: {
    kind: 'permanent',
    explain: 'Twilio does not know this account or resource (check the Account SID).',
  },
  21656: {
    kind: 'permanent',
    explain: 'The template variables (ContentVariables) are not valid for this Content SID.',
  },
  63027: {
    kind: 'permanent',
    explain: 'The template could not be sent (Content SID unknown or not approved).',
  },
};

export function classifyTwilioSendError(
  status: number,
  body: { code?: number; message?: string } | null,
  retryAfterMs?: number,
): SendFailure {
  const code = body?.code;
  const detail =
    `Twilio ${code === undefined ? `HTTP ${status}` : `error ${code}`}: ${body?.message ?? 'no message'}`.slice(
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
  if (status === 401) {
    return {
      kind: 'reauth',
      code: code === undefined ? 'http_401' : String(code),
      staffMessage: `Twilio refused the credentials: reconnect the channel. (${detail})`,
    };
  }
  if (status >= 500 || status === 429 || status === 408) {
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
    staffMessage: `Twilio refused the message (${detail}).`,
  };
}
