import { createHash } from 'node:crypto';

// WhatsApp gives a file's sha256 in the webhook (base64) and in GET /{media-id} (hex in Meta's
// examples): the bytes match when their digest equals it in either spelling.
export function matchesSha256(bytes: Buffer, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  const given = expected.trim();
  return given.toLowerCase() === digest.toString('hex') || given === digest.toString('base64');
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
