import type { CookieOptions, CookieStore } from '@/src/auth/cookie-store';

// A browser's cookie jar for one site, in memory: what the server set is what it gets back.
export function createMemoryCookies(): CookieStore & { options: Map<string, CookieOptions | undefined> } {
  const values = new Map<string, string>();
  const options = new Map<string, CookieOptions | undefined>();
  return {
    options,
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
    set(name, value, cookieOptions) {
      options.set(name, cookieOptions);
      if (value === '' || cookieOptions?.maxAge === 0) values.delete(name);
      else values.set(name, value);
    },
  };
}
