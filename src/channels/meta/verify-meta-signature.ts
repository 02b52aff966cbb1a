import { hmacMatchesAny, type SignatureCheck } from '@/src/channels/signature-check';

// X-Hub-Signature-256: sha256=<hex HMAC of the raw body, keyed by the app secret>. The raw
// bytes are already Meta's escaped form, so they are hashed as received, never re-serialised.
// The legacy SHA-1 X-Hub-Signature header is ignored.

export function verifyMetaSignature(
  rawBody: Buffer,
  headers: Headers,
  secrets: readonly string[],
): SignatureCheck {
  const header = headers.get('x-hub-signature-256');
  if (!header) return { ok: false, detail: 'missing X-Hub-Signature-256 header' };
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(header.trim());
  if (!match) return { ok: false, detail: 'malformed X-Hub-Signature-256 header' };
  if (!hmacMatchesAny(secrets, [rawBody], match[1]!)) {
    return { ok: false, detail: 'X-Hub-Signature-256 does not match' };
  }
  return { ok: true };
}
