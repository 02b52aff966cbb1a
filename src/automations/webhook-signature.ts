import { createHmac, timingSafeEqual } from 'node:crypto';

// The signature a receiver checks: HMAC-SHA256, keyed with the endpoint's secret (its UTF-8
// text, "whsec_…" included), over `${timestamp}.${rawBody}`, hex, sent as "v1=<hex>". The
// timestamp (unix seconds) is signed too, so a captured request cannot be replayed later.

export const signatureHeaders = {
  id: 'x-webhook-id',
  event: 'x-webhook-event',
  timestamp: 'x-webhook-timestamp',
  signature: 'x-webhook-signature',
} as const;

export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
  return `v1=${mac}`;
}

/** The receiver's side (README's recipe): signature matches and the timestamp is recent. */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string; signature: string },
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
