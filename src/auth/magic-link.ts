import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { CookieStore } from './cookie-store';
import { createSupabaseServerClient } from './supabase-server-client';

// Deployed mode: a sign-in link by email. Only existing users get one (no sign-ups from here:
// staff are invited by an operator), and the answer is the same either way.
const magicLinkSchema = z.object({ email: z.email().max(320) });

export async function sendMagicLink(
  env: AppEnv,
  cookies: CookieStore,
  input: unknown,
  options: { fetch?: typeof fetch } = {},
): Promise<void> {
  if (env.appMode !== 'production') throw new AppError('forbidden', 'Use the local sign-in in local mode');
  const parsed = magicLinkSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Enter a valid email address');
  if (!env.APP_BASE_URL) throw new AppError('unavailable', 'APP_BASE_URL is not set');
  const supabase = createSupabaseServerClient(env, cookies, options);
  const { error } = await supabase.auth.signInWithOtp({
    email: parsed.data.email,
    options: {
      shouldCreateUser: false,
      emailRedirectTo: new URL('/auth/callback', env.APP_BASE_URL).toString(),
    },
  });
  if (error) log.warn('auth.magic_link_failed', { status: error.status });
}

/** The link's landing: a PKCE code or an email token hash becomes a session cookie. */
export async function completeMagicLink(
  env: AppEnv,
  cookies: CookieStore,
  params: URLSearchParams,
  options: { fetch?: typeof fetch } = {},
): Promise<boolean> {
  const supabase = createSupabaseServerClient(env, cookies, options);
  const code = params.get('code');
  const tokenHash = params.get('token_hash');
  if (code) return !(await supabase.auth.exchangeCodeForSession(code)).error;
  if (tokenHash) return !(await supabase.auth.verifyOtp({ token_hash: tokenHash, type: 'email' })).error;
  return false;
}
