import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { fetchWithTimeout } from '@/src/db/fetch-with-timeout';
import { NoRealtimeOnServer } from '@/src/db/no-realtime-on-server';
import type { AppEnv } from '@/src/env';

// Supabase Auth's admin API (service role key), for server code only; null when not configured.
export function createSupabaseAdminClient(
  env: AppEnv,
  options: { fetch?: typeof fetch } = {},
): SupabaseClient | null {
  if (!env.NEXT_PUBLIC_SUPABASE_URL || !env.SUPABASE_SERVICE_ROLE_KEY) return null;
  return createClient(env.NEXT_PUBLIC_SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtimeOnServer as never },
    // Supabase Auth that stops answering must not hold a sign-in (or a page) forever.
    global: { fetch: fetchWithTimeout(env.SUPABASE_HTTP_TIMEOUT_MS, options.fetch) },
  });
}
