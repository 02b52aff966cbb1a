import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { CookieStore } from './cookie-store';
import { createSupabaseServerClient } from './supabase-server-client';

// Deployed mode: Supabase Auth email + password. The session lands in cookies via setAll.
const passwordSignInSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1000),
});

export async function signInWithPassword(
  env: AppEnv,
  cookies: CookieStore,
  input: unknown,
  options: { fetch?: typeof fetch } = {},
): Promise<void> {
  if (env.appMode !== 'production') throw new AppError('forbidden', 'Use the local sign-in in local mode');
  const parsed = passwordSignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Enter your email and password');
  const supabase = createSupabaseServerClient(env, cookies, options);
  const { data, error } = await supabase.auth.signInWithPassword(parsed.data);
  // GoTrue says "not confirmed" only after the password matched, so saying it reveals nothing new
  // and tells a person who skipped the confirmation email what to do.
  if (error?.code === 'email_not_confirmed') {
    log.warn('auth.password_sign_in_unconfirmed', { status: error.status });
    throw new AppError('forbidden', 'Confirm your email address first');
  }
  if (error || !data.session) {
    log.warn('auth.password_sign_in_failed', { status: error?.status });
    throw new AppError('unauthorized', 'Wrong email or password');
  }
  log.info('auth.password_sign_in', { userId: data.user?.id });
}
