import { getSignatureAlgorithm, validateRequest } from 'twilio/lib/webhooks/webhooks';
import type { SignatureCheck } from '@/src/channels/signature-check';
import { parseTwilioForm } from './parse-twilio-form';

// X-Twilio-Signature over the public URL + every POST field sorted by name, checked by the
// official SDK's validateRequest (Twilio asks for its helper: parameters change without notice).
// With a Webhook Rule Twilio signs with HMAC-SHA256 and says so in the settings header; the
// signed string is the same. The secret is the account's Auth Token (PLATFORMS.md §5).
// Subpath import: the package's index would load the whole REST client.

export function verifyTwilioSignature(
  rawBody: Buffer,
  headers: Headers,
  publicUrl: string,
  secrets: readonly string[],
): SignatureCheck {
  const signature = headers.get('x-twilio-signature');
  if (!signature) return { ok: false, detail: 'missing X-Twilio-Signature header' };
  let algorithm: string;
  try {
    algorithm = getSignatureAlgorithm(headers.get('x-twilio-webhooks-signature-settings'));
  } catch {
    return { ok: false, detail: 'unknown X-Twilio-Webhooks-Signature-Settings algorithm' };
  }
  const params = parseTwilioForm(rawBody.toString('utf8'));
  // Every secret is tried, so the time taken does not tell which one matched.
  let matched = false;
  for (const secret of secrets) {
    if (validateRequest(secret, signature, publicUrl, params, algorithm)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, detail: 'X-Twilio-Signature does not match' };
}
