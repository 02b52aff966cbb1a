import type { AppEnv } from '@/src/env';
import type { CookieStore } from './cookie-store';
import { devSessionCookieName } from './dev-session-cookie';
import { createSupabaseServerClient, isSupabaseAuthConfigured } from './supabase-server-client';

export async function signOutStaff(env: AppEnv, cookies: CookieStore): Promise<void> {
  cookies.set(devSessionCookieName, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
  if (env.appMode === 'production' && isSupabaseAuthConfigured(env)) {
    await createSupabaseServerClient(env, cookies).auth.signOut();
  }
}
