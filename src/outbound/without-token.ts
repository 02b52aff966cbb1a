import type { SendFailure } from '@/src/channels/send-types';

// Platforms may quote the credential they were sent in their error text (Graph answers a
// malformed token with "Malformed access token <token>"). That text is shown to staff, stored
// and logged, so the token is cut out of it wherever the sender still knows which one it sent.

export function withoutToken(text: string, token: string): string {
  return token ? text.split(token).join('[token]') : text;
}

export function failureWithoutToken<T extends Pick<SendFailure, 'staffMessage'>>(
  failure: T,
  token: string,
): T {
  return { ...failure, staffMessage: withoutToken(failure.staffMessage, token) };
}
