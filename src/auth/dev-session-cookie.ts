import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// The local dev session: "<payload>.<mac>", both base64url. The MAC key is derived from
// ENCRYPTION_KEY (HKDF), so the cookie cannot be forged without the server's key.

export const devSessionCookieName = 'inbox_dev_session';
export const devSessionMaxAgeSeconds = 12 * 60 * 60;

const payloadSchema = z.object({ sub: z.uuid(), email: z.string().max(320), exp: z.number().int() }).strict();
export type DevSession = z.infer<typeof payloadSchema>;

function macKey(encryptionKey: string): Buffer {
  const ikm = Buffer.from(encryptionKey, 'base64');
  if (ikm.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return Buffer.from(hkdfSync('sha256', ikm, 'inbox-ai', 'dev-session-cookie v1', 32));
}

function mac(payload: string, encryptionKey: string): Buffer {
  return createHmac('sha256', macKey(encryptionKey)).update(payload).digest();
}

export function sealDevSession(
  session: { sub: string; email: string },
  encryptionKey: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const payload = Buffer.from(
    JSON.stringify({ sub: session.sub, email: session.email, exp: nowSeconds + devSessionMaxAgeSeconds }),
  ).toString('base64url');
  return `${payload}.${mac(payload, encryptionKey).toString('base64url')}`;
}

/** The session in a cookie value, or null when it is missing, tampered with or expired. */
export function openDevSession(
  value: string | undefined,
  encryptionKey: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): DevSession | null {
  if (!value || value.length > 2048) return null;
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(payload, encryptionKey);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= nowSeconds) return null;
  return parsed.data;
}
