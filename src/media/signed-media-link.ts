import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// A link Meta can fetch one outbound file by: "<payload>.<mac>" (both base64url) naming the
// tenant, the file and an expiry a few minutes away. The MAC key is derived from ENCRYPTION_KEY
// (HKDF, its own label), so a link cannot be guessed or altered, and it stops working once expired.

export const signedMediaLinkSeconds = 15 * 60;

const payloadSchema = z.object({ t: z.uuid(), f: z.uuid(), exp: z.number().int() }).strict();
export type SignedMediaFile = { tenantId: string; fileId: string };

function mac(payload: string, encryptionKey: string): Buffer {
  const ikm = Buffer.from(encryptionKey, 'base64');
  if (ikm.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  const key = Buffer.from(hkdfSync('sha256', ikm, 'inbox-ai', 'signed-media-link v1', 32));
  return createHmac('sha256', key).update(payload).digest();
}

export function signMediaToken(
  file: SignedMediaFile,
  encryptionKey: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const payload = Buffer.from(
    JSON.stringify({ t: file.tenantId, f: file.fileId, exp: nowSeconds + signedMediaLinkSeconds }),
  ).toString('base64url');
  return `${payload}.${mac(payload, encryptionKey).toString('base64url')}`;
}

/** The file a token names, or null when it is malformed, tampered with or expired. */
export function openMediaToken(
  token: string,
  encryptionKey: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): SignedMediaFile | null {
  if (token.length > 512) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(payload, encryptionKey);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.exp <= nowSeconds) return null;
    return { tenantId: parsed.data.t, fileId: parsed.data.f };
  } catch {
    return null;
  }
}

/** The public URL of the signed-link route (APP_BASE_URL, where platforms reach this app). */
export function signedMediaUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/media/signed/${token}`;
}
