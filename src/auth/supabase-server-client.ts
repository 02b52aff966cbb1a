import { createServerClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fetchWithTimeout } from '@/src/db/fetch-with-timeout';
import { NoRealtimeOnServer } from '@/src/db/no-realtime-on-server';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import type { CookieStore } from './cookie-store';

// A Supabase client bound to one request's cookies (never a module-global client). Uses only
// getAll/setAll. Setting cookies fails inside Server Components; the proxy refreshes them there.
export function createSupabaseServerClient(
  env: AppEnv,
  cookies: CookieStore,
  options: { fetch?: typeof fetch; onHeaders?: (headers: Record<string, string>) => void } = {},
): SupabaseClient {
  if (!env.NEXT_PUBLIC_SUPABASE_URL || !env.NEXT_PUBLIC_SUPABASE_ANON_KEY) {
    throw new AppError('unavailable', 'Supabase Auth is not configured');
  }
  return createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    // Supabase Auth that stops answering must not hold a sign-in (or a page) forever.
    global: { fetch: fetchWithTimeout(env.SUPABASE_HTTP_TIMEOUT_MS, options.fetch) },
    realtime: { transport: NoRealtimeOnServer as never },
    cookies: {
      getAll: () => cookies.getAll(),
      setAll(list, headers) {
        try {
          for (const { name, value, options: cookieOptions } of list) {
            cookies.set(name, value, cookieOptions as Parameters<CookieStore['set']>[2]);
          }
          options.onHeaders?.(headers);
        } catch {
          // Server Component render: read-only cookies; the proxy has refreshed them already.
        }
      },
    },
  });
}

export function isSupabaseAuthConfigured(env: AppEnv): boolean {
  return Boolean(env.NEXT_PUBLIC_SUPABASE_URL && env.NEXT_PUBLIC_SUPABASE_ANON_KEY);
}
