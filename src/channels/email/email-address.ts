// Addresses as routing and leads compare them: the bare address, lowercase, without the
// "+tag" Postmark uses for MailboxHash (reply+<hash>@…) so one connection owns all its tags.

const angle = /<([^<>@\s]+@[^<>@\s]+)>/;
const bare = /([^<>@\s",;]+@[^<>@\s",;]+)/;

/** The address in `"Name" <a@b.c>` or `a@b.c`; null when there is none. */
export function bareAddress(value: string): string | null {
  const found = angle.exec(value)?.[1] ?? bare.exec(value)?.[1];
  return found ? found.toLowerCase() : null;
}

/** The mailbox an address belongs to: "hola+123@x.mx" → "hola@x.mx". */
export function mailboxOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address.toLowerCase();
  const local = address.slice(0, at).split('+')[0];
  return `${local}@${address.slice(at + 1)}`.toLowerCase();
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
