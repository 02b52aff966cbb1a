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

/** HTTP Basic, as Postmark sends the user:password written in the webhook URL. */
export function basicAuthorization(userAndPassword: string): string {
  return `Basic ${Buffer.from(userAndPassword, 'utf8').toString('base64')}`;
}
