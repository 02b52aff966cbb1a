import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// Meta's subscription check: GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…;
// answer the raw challenge when the token is ours. The dots are literal in the names.

const querySchema = z.object({
  mode: z.string().max(64).nullable(),
  token: z.string().max(512).nullable(),
  challenge: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
});

/**
 * Every failure is the same 403 to the caller (a prober learns nothing about which part was
 * wrong); `detail` says which, for webhook_events only.
 */
export type MetaVerificationResult =
  | { ok: true; challenge: string }
  | { ok: false; status: 403; detail: string };

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function checkMetaVerification(
  params: URLSearchParams,
  acceptedTokens: readonly string[],
): MetaVerificationResult {
  const parsed = querySchema.safeParse({
    mode: params.get('hub.mode'),
    token: params.get('hub.verify_token'),
    challenge: params.get('hub.challenge'),
  });
  if (!parsed.success) return { ok: false, status: 403, detail: 'hub.challenge missing or malformed' };
  const { mode, token, challenge } = parsed.data;
  if (mode !== 'subscribe') return { ok: false, status: 403, detail: 'hub.mode is not subscribe' };
  if (!token || !acceptedTokens.some((accepted) => sameText(token, accepted))) {
    return { ok: false, status: 403, detail: 'hub.verify_token does not match' };
  }
  return { ok: true, challenge };
}
