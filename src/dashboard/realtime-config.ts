import { isSupabaseAuthConfigured } from '@/src/auth/supabase-server-client';
import type { AppEnv } from '@/src/env';
import type { RealtimeConfig } from '@/src/ui/live-refresh';
import type { TenantContext } from './tenants/resolve-tenant';

// Supabase Realtime for live pages where deployed with Supabase Auth; locally pages poll.
// Only public values: the project URL and the publishable (anon) key.
export function realtimeConfig(env: AppEnv, tenant: TenantContext): RealtimeConfig | undefined {
  if (env.appMode !== 'production' || !isSupabaseAuthConfigured(env)) return undefined;
  return {
    url: env.NEXT_PUBLIC_SUPABASE_URL!,
    anonKey: env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
    tenantId: tenant.id,
  };
}
