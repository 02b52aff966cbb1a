import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// The token of a one-click unsubscribe link (RFC 8058) in automated mail: "<payload>.<mac>"
// (base64url) naming the tenant and the lead. The MAC key is derived from ENCRYPTION_KEY (HKDF,
// its own label), so a link cannot be forged or pointed at another business's customer. No
// expiry: an unsubscribe link must keep working in a mail read months later.

const payloadSchema = z.object({ t: z.uuid(), l: z.uuid() }).strict();
export type UnsubscribeTarget = { tenantId: string; leadId: string };

/** What the route accepts before checking the MAC: two base64url parts, bounded. */
export const unsubscribeTokenSchema = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

function mac(payload: string, encryptionKey: string): Buffer {
  const ikm = Buffer.from(encryptionKey, 'base64');
  if (ikm.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  const key = Buffer.from(hkdfSync('sha256', ikm, 'inbox-ai', 'unsubscribe link v1', 32));
  return createHmac('sha256', key).update(payload).digest();
}

export function signUnsubscribeToken(target: UnsubscribeTarget, encryptionKey: string): string {
  const payload = Buffer.from(JSON.stringify({ t: target.tenantId, l: target.leadId })).toString('base64url');
  return `${payload}.${mac(payload, encryptionKey).toString('base64url')}`;
}

/** The tenant and lead a token names, or null when it is malformed or tampered with. */
export function openUnsubscribeToken(token: string, encryptionKey: string): UnsubscribeTarget | null {
  if (!unsubscribeTokenSchema.safeParse(token).success) return null;
  const [payload, signature] = token.split('.') as [string, string];
  const expected = mac(payload, encryptionKey);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? { tenantId: parsed.data.t, leadId: parsed.data.l } : null;
  } catch {
    return null;
  }
}

/** The public URL of the unsubscribe route (APP_BASE_URL, where mail clients reach this app). */
export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/unsubscribe/${token}`;
}
