import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { issueAuthLinkState } from './auth-link-state';
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
  const redirect = new URL('/auth/callback', env.APP_BASE_URL);
  redirect.searchParams.set('state', issueAuthLinkState(cookies, redirect.protocol === 'https:'));
  const { error } = await supabase.auth.signInWithOtp({
    email: parsed.data.email,
    options: { shouldCreateUser: false, emailRedirectTo: redirect.toString() },
  });
  if (error) log.warn('auth.magic_link_failed', { status: error.status });
}
