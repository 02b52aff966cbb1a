import type { StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import type { CookieStore } from './cookie-store';
import { devSessionCookieName, openDevSession } from './dev-session-cookie';
import { createSupabaseServerClient, isSupabaseAuthConfigured } from './supabase-server-client';
import { readSupabaseStaffIdentity } from './supabase-staff-identity';

// The signed-in staff member of a request, as db.rpc's `as`. Local mode trusts only the signed
// dev cookie; production only a Supabase session verified by getClaims(). Never both.
export async function readStaffIdentity(
  env: AppEnv,
  cookies: CookieStore,
  options: { fetch?: typeof fetch } = {},
): Promise<StaffIdentity | null> {
  if (env.appMode === 'local') {
    if (!env.ENCRYPTION_KEY) return null;
    const value = cookies.getAll().find((cookie) => cookie.name === devSessionCookieName)?.value;
    const session = openDevSession(value, env.ENCRYPTION_KEY);
    if (!session) return null;
    return {
      claims: { sub: session.sub, role: 'authenticated', email: session.email, aud: 'authenticated' },
    };
  }
  if (!isSupabaseAuthConfigured(env)) return null;
  return readSupabaseStaffIdentity(createSupabaseServerClient(env, cookies, options));
}
