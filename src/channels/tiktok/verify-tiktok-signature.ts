import { hmacMatchesAny, type SignatureCheck } from '@/src/channels/signature-check';

// TikTok-Signature: t=<unix seconds>,s=<hex HMAC-SHA256 of "<t>.<raw body>", keyed by the
// client secret> (developers.tiktok.com/doc/webhooks-verification). Timestamps outside the
// tolerance, in either direction, are refused so a captured delivery cannot be replayed later.

export function verifyTiktokSignature(
  rawBody: Buffer,
  headers: Headers,
  secrets: readonly string[],
  options: { now: Date; toleranceSeconds: number },
): SignatureCheck {
  const header = headers.get('tiktok-signature');
  if (!header) return { ok: false, detail: 'missing TikTok-Signature header' };
  const parts = new Map<string, string>();
  for (const piece of header.split(',')) {
    const at = piece.indexOf('=');
    if (at > 0) parts.set(piece.slice(0, at).trim(), piece.slice(at + 1).trim());
  }
  const timestamp = parts.get('t');
  const signature = parts.get('s');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) {
    return { ok: false, detail: 'malformed TikTok-Signature header' };
  }
  const age = Math.abs(options.now.getTime() / 1000 - Number(timestamp));
  if (age > options.toleranceSeconds) return { ok: false, detail: 'TikTok-Signature timestamp is stale' };
  if (!hmacMatchesAny(secrets, [Buffer.from(`${timestamp}.`, 'utf8'), rawBody], signature)) {
    return { ok: false, detail: 'TikTok-Signature does not match' };
  }
  return { ok: true };
}
