import type { SendFailure } from '@/src/channels/send-types';

// Postmark's API error codes (https://postmarkapp.com/developer/api/overview#error-codes):
// 422 with {ErrorCode, Message}; 401 for a bad server token; 429 and 5xx are worth a retry.
// Unknown codes are permanent so a customer never gets the same mail twice from blind retries.

type Rule = { kind: SendFailure['kind']; explain: string };

const rules: Record<number, Rule> = {
  10: { kind: 'reauth', explain: 'Postmark no acepta la clave del servidor: vuelve a conectar el correo.' },
  100: { kind: 'retryable', explain: 'Postmark está en mantenimiento; se reintenta.' },
  300: { kind: 'permanent', explain: 'Postmark rechazó el correo (dirección o datos no válidos).' },
  400: { kind: 'permanent', explain: 'La dirección remitente no está verificada en Postmark.' },
  401: { kind: 'permanent', explain: 'La dirección remitente aún no está confirmada en Postmark.' },
  406: {
    kind: 'permanent',
    explain: 'Postmark no envía a esta dirección: rebotó antes o el cliente marcó spam.',
  },
  412: { kind: 'permanent', explain: 'La cuenta de Postmark aún está pendiente de aprobación.' },
  413: { kind: 'permanent', explain: 'La cuenta de Postmark no puede enviar ahora.' },
  429: { kind: 'retryable', explain: 'Postmark limita los envíos por ahora; se reintenta.' },
};

export function classifyPostmarkError(
  status: number,
  body: { ErrorCode?: number; Message?: string } | null,
  retryAfterMs?: number,
): SendFailure {
  const code = body?.ErrorCode;
  const detail =
    `Postmark ${code === undefined ? `HTTP ${status}` : `código ${code}`}: ${body?.Message ?? 'sin mensaje'}`.slice(
      0,
      300,
    );
  const rule = code === undefined ? undefined : rules[code];
  if (rule) {
    return {
      kind: rule.kind,
      code: `postmark_${code}`,
      staffMessage: `${rule.explain} (${detail})`,
      retryAfterMs,
    };
  }
  if (status === 401) {
    return { kind: 'reauth', code: 'postmark_10', staffMessage: `${rules[10]!.explain} (${detail})` };
  }
  if (status >= 500 || status === 429 || status === 408) {
    return {
      kind: 'retryable',
      code: `http_${status}`,
      staffMessage: `${detail}; se reintenta.`,
      retryAfterMs,
    };
  }
  return {
    kind: 'permanent',
    code: code === undefined ? `http_${status}` : `postmark_${code}`,
    staffMessage: `Postmark rechazó el correo (${detail}).`,
  };
}
