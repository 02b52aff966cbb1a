import { createHmac } from 'node:crypto';

// Signing as the platforms do it, written here independently of the code under test.

export function metaSignature(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function tiktokSignature(
  body: string | Buffer,
  secret: string,
  unixSeconds = Math.floor(Date.now() / 1000),
): string {
  const hmac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(body);
  return `t=${unixSeconds},s=${hmac.digest('hex')}`;
}

/** X-Twilio-Signature: base64 HMAC-SHA1 of the URL + every POST field sorted by name (name + value). */
export function twilioSignature(url: string, fields: Record<string, string>, authToken: string): string {
  const signed = Object.keys(fields)
    .sort()
    .reduce((text, name) => text + name + fields[name], url);
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/** HTTP Basic, as Postmark sends the user:password written in the webhook URL. */
export function basicAuthorization(userAndPassword: string): string {
  return `Basic ${Buffer.from(userAndPassword, 'utf8').toString('base64')}`;
}
