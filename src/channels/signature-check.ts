import { createHmac, timingSafeEqual } from 'node:crypto';

// Shared by the Meta and TikTok verifiers: HMAC-SHA256 over raw bytes, compared in constant time.

export type SignatureCheck = { ok: true } | { ok: false; detail: string };

const hex64 = /^[0-9a-f]{64}$/i;

/** True when `receivedHex` is the HMAC-SHA256 of `parts` under any of `secrets`. */
export function hmacMatchesAny(
  secrets: readonly string[],
  parts: readonly Buffer[],
  receivedHex: string,
): boolean {
  if (!hex64.test(receivedHex)) return false;
  const received = Buffer.from(receivedHex, 'hex');
  let matched = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets) {
    const hmac = createHmac('sha256', secret);
    for (const part of parts) hmac.update(part);
    if (timingSafeEqual(hmac.digest(), received)) matched = true;
  }
  return matched;
}
