import { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { CookieStore } from './cookie-store';
import { devSessionCookieName, devSessionMaxAgeSeconds, sealDevSession } from './dev-session-cookie';

// Local mode only: sign in as a seeded staff member, no password. Refused in production before
// the database is even asked (and the SQL function refuses on a real Supabase project too).

const devSignInSchema = z.object({ email: z.email().max(320) });

export async function signInAsDevStaff(
  db: DbPort,
  env: AppEnv,
  cookies: CookieStore,
  input: unknown,
): Promise<{ userId: string }> {
  if (env.appMode !== 'local') {
    throw new AppError('forbidden', 'The dev sign-in is only available in local mode');
  }
  if (!env.ENCRYPTION_KEY) throw new AppError('unavailable', 'ENCRYPTION_KEY is not set');
  const parsed = devSignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Enter a valid email address');
  const member = await db.rpc('dev_find_staff_member', {
    p_email: parsed.data.email,
  });
  cookies.set(
    devSessionCookieName,
    sealDevSession({ sub: member.user_id, email: member.email }, env.ENCRYPTION_KEY),
    {
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/',
      maxAge: devSessionMaxAgeSeconds,
    },
  );
  log.info('auth.dev_sign_in', { userId: member.user_id });
  return { userId: member.user_id };
}
