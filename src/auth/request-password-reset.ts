import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { issueAuthLinkState } from './auth-link-state';
import type { CookieStore } from './cookie-store';
import { createSupabaseServerClient } from './supabase-server-client';

// "Forgot my password": Supabase mails a recovery link that lands on /auth/callback (PKCE code,
// or token_hash + type=recovery with our state), then /auth/set-password. Same answer whether
// or not the address has an account.
const resetSchema = z.object({ email: z.email().max(320) });

export async function requestPasswordReset(
  env: AppEnv,
  cookies: CookieStore,
  input: unknown,
  options: { fetch?: typeof fetch } = {},
): Promise<void> {
  if (env.appMode !== 'production') throw new AppError('forbidden', 'Use the local sign-in in local mode');
  const parsed = resetSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Enter a valid email address');
  if (!env.APP_BASE_URL) throw new AppError('unavailable', 'APP_BASE_URL is not set');
  const redirect = new URL('/auth/callback', env.APP_BASE_URL);
  redirect.searchParams.set('state', issueAuthLinkState(cookies, redirect.protocol === 'https:'));
  const supabase = createSupabaseServerClient(env, cookies, options);
  const { error } = await supabase.auth.resetPasswordForEmail(parsed.data.email, {
    redirectTo: redirect.toString(),
  });
  if (error) log.warn('auth.password_reset_failed', { status: error.status, code: error.code });
}
