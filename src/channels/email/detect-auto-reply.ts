import { type HeaderList, headerValue } from './email-headers';

// Mail no person wrote: out-of-office answers, mailing lists, bounces and our own mail coming
// back. Stored for staff, never answered by the AI (that is how two auto-responders loop).
// RFC 3834 Auto-Submitted; Precedence bulk/junk/list; Microsoft's X-Auto-Response-Suppress is
// about what to suppress, not a marker, so it is not read.

export function autoReplyReason(headers: HeaderList, from: string, ownAddress: string): string | null {
  const autoSubmitted = headerValue(headers, 'auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `auto-submitted:${autoSubmitted}`;
  const precedence = headerValue(headers, 'precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `precedence:${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (headerValue(headers, name) !== null) return name;
  }
  if (headerValue(headers, 'list-id') !== null) return 'list-id';
  if (from === ownAddress) return 'own-address';
  if (/^(mailer-daemon|postmaster|no-?reply)@/i.test(from)) return 'system-sender';
  return null;
}
