import { z } from 'zod';
import type { CookieStore } from '@/src/auth/cookie-store';
import { devSessionCookieName, devSessionMaxAgeSeconds, sealDevSession } from '@/src/auth/dev-session-cookie';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { createSupabaseServerClient } from '@/src/auth/supabase-server-client';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { businessSchema, invalidFields } from './business-schema';
import { createBusiness } from './create-business';

// /signup: an account and its business. Deployed, Supabase Auth makes the account; the business
// is created once the address is confirmed (right away when the project does not ask for
// confirmation). Locally, a confirmed local user and the dev session, no password.

const accountSchema = z.object({ email: z.email().max(320), password: z.string().min(10).max(200) });

export type SignUpOutcome = { kind: 'created'; slug: string } | { kind: 'confirm_email' };

export async function signUp(
  db: DbPort,
  env: AppEnv,
  cookies: CookieStore,
  input: Record<string, unknown>,
  options: { fetch?: typeof fetch } = {},
): Promise<SignUpOutcome> {
  if (env.SIGNUP === 'closed') throw new AppError('forbidden', 'Sign-up is closed');
  const account = (env.appMode === 'local' ? accountSchema.pick({ email: true }) : accountSchema).safeParse(
    input,
  );
  const parsedBusiness = businessSchema.safeParse(input);
  if (!account.success || !parsedBusiness.success) {
    const fields = [account, parsedBusiness].flatMap((result) =>
      result.success ? [] : invalidFields(result.error),
    );
    throw new AppError('bad_request', 'Check the sign-up fields', { fields });
  }
  const email = account.data.email.toLowerCase();
  const business = parsedBusiness.data;
  if (env.appMode === 'local') {
    if (!env.ENCRYPTION_KEY) throw new AppError('unavailable', 'ENCRYPTION_KEY is not set');
    const userId = await db.rpc('dev_create_user', { p_email: email });
    if (!userId) throw new AppError('internal', 'No local user was created');
    const staff = { claims: { sub: userId, role: 'authenticated' as const, email } };
    const created = await createBusiness(db, staff, business);
    cookies.set(devSessionCookieName, sealDevSession({ sub: userId, email }, env.ENCRYPTION_KEY), {
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/',
      maxAge: devSessionMaxAgeSeconds,
    });
    return { kind: 'created', slug: created.slug };
  }
  if (!env.APP_BASE_URL) throw new AppError('unavailable', 'APP_BASE_URL is not set');
  const password = 'password' in account.data ? String(account.data.password) : '';
  const redirect = new URL('/auth/confirm', env.APP_BASE_URL);
  redirect.searchParams.set('next', '/signup/business');
  const supabase = createSupabaseServerClient(env, cookies, options);
  // The business details ride in user_metadata only to fill the form again after the email
  // link; tenancy never comes from metadata (create_my_business reads auth.uid()).
  const { data, error } = await supabase.auth.signUp({
    email,
    password,
    options: { emailRedirectTo: redirect.toString(), data: { pending_business: business } },
  });
  if (error) {
    log.warn('accounts.sign_up_failed', { status: error.status, code: error.code });
    if (error.code === 'weak_password')
      throw new AppError('bad_request', error.message, { fields: ['password'], reason: 'weak_password' });
    if (error.code === 'user_already_exists' || error.code === 'email_exists') {
      throw new AppError('conflict', 'That address already has an account', { reason: 'email_taken' });
    }
    throw new AppError('unavailable', 'Sign-up failed');
  }
  if (!data.session) return { kind: 'confirm_email' };
  const staff = await readStaffIdentity(env, cookies, options);
  if (!staff) throw new AppError('unavailable', 'Sign-up did not start a session');
  return { kind: 'created', slug: (await createBusiness(db, staff, business)).slug };
}
