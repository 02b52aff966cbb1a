import { headers } from 'next/headers';

// The visitor's address as our host reports it: Vercel (and most proxies) put the client first
// in x-forwarded-for. Used only as a rate-limit key, never trusted for anything else.
export async function clientIp(): Promise<string | null> {
  const list = await headers();
  const forwarded = list.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || list.get('x-real-ip') || null;
}
