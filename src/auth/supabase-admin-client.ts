import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { AppEnv } from '@/src/env';

class NoRealtimeOnServer {
  constructor() {
    throw new Error('Realtime is not used by the server');
  }
}

// Supabase Auth's admin API (service role key), for server code only; null when not configured.
export function createSupabaseAdminClient(
  env: AppEnv,
  options: { fetch?: typeof fetch } = {},
): SupabaseClient | null {
  if (!env.NEXT_PUBLIC_SUPABASE_URL || !env.SUPABASE_SERVICE_ROLE_KEY) return null;
  return createClient(env.NEXT_PUBLIC_SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtimeOnServer as never },
    ...(options.fetch ? { global: { fetch: options.fetch } } : {}),
  });
}
