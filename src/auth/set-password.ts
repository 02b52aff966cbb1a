import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { CookieStore } from './cookie-store';
import { createSupabaseServerClient } from './supabase-server-client';

// After an invitation or a recovery link: the signed-in person chooses their password.
export const passwordSchema = z
  .object({ password: z.string().min(10).max(200), confirm: z.string().max(200) })
  .refine((value) => value.password === value.confirm, { path: ['confirm'] });

export async function setPassword(
  env: AppEnv,
  cookies: CookieStore,
  input: unknown,
  options: { fetch?: typeof fetch } = {},
): Promise<void> {
  if (env.appMode !== 'production') throw new AppError('forbidden', 'Use the local sign-in in local mode');
  const parsed = passwordSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('bad_request', 'Choose a password of 10 or more characters, typed twice', {
      fields: parsed.error.issues.map((issue) => String(issue.path[0])),
    });
  }
  const supabase = createSupabaseServerClient(env, cookies, options);
  const { data, error } = await supabase.auth.updateUser({ password: parsed.data.password });
  if (error) {
    log.warn('auth.set_password_failed', { status: error.status, code: error.code });
    if (error.status === 401 || error.code === 'session_not_found' || error.code === 'no_authorization') {
      throw new AppError('unauthorized', 'Open the link from your email again');
    }
    if (error.code === 'weak_password' || error.code === 'same_password') {
      throw new AppError('bad_request', error.message, { fields: ['password'], reason: error.code });
    }
    throw new AppError('unavailable', 'Could not save the password');
  }
  log.info('auth.password_set', { userId: data.user?.id });
}
