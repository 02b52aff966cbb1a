import { createHash, timingSafeEqual } from 'node:crypto';
import type { SignatureCheck } from '@/src/channels/signature-check';

// Postmark signs nothing: the webhook URL carries HTTP Basic credentials
// (https://user:pass@host/api/webhook/email/<tenant>, PLATFORMS-2.md §9.1) and Postmark sends
// them as `Authorization: Basic base64(user:pass)`. The connection's secret is "user:pass".
// Compared as SHA-256 digests so the lengths never differ, every secret tried (constant time).

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function verifyBasicAuth(headers: Headers, secrets: readonly string[]): SignatureCheck {
  const header = headers.get('authorization');
  if (!header) return { ok: false, detail: 'missing Authorization header' };
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return { ok: false, detail: 'Authorization is not HTTP Basic' };
  const received = digest(Buffer.from(match[1]!, 'base64').toString('utf8'));
  let matched = false;
  for (const secret of secrets) {
    if (timingSafeEqual(digest(secret), received)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, detail: 'Basic credentials do not match' };
}

export function basicAuthHeader(secret: string): string {
  return `Basic ${Buffer.from(secret, 'utf8').toString('base64')}`;
}
