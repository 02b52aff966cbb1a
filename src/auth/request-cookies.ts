import { cookies } from 'next/headers';
import type { CookieStore } from './cookie-store';

// Next's cookie jar for the current request (settable in Server Actions and Route Handlers).
export async function getRequestCookies(): Promise<CookieStore> {
  const jar = await cookies();
  return {
    getAll: () => jar.getAll().map(({ name, value }) => ({ name, value })),
    set: (name, value, options) => {
      jar.set(name, value, options);
    },
  };
}
