'use server';

import { redirect, unstable_rethrow } from 'next/navigation';
import { clientIp } from '@/src/accounts/client-ip';
import { enforceRateLimit } from '@/src/accounts/rate-limit';
import { signInAsDevStaff } from '@/src/auth/dev-sign-in';
import { sendMagicLink } from '@/src/auth/magic-link';
import { signInWithPassword } from '@/src/auth/password-sign-in';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { safeNextPath } from '@/src/auth/safe-next-path';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getMessages } from '@/src/i18n/get-messages';
import { log } from '@/src/shared/logger';
import type { ActionState } from '@/src/ui/action-state';

async function failure(
  error: unknown,
  messageFor: (code: string) => string | undefined,
): Promise<ActionState> {
  unstable_rethrow(error);
  const t = await getMessages();
  const code = appErrorCode(error) ?? 'generic';
  if (code === 'generic') log.error('auth.sign_in_failed', { error });
  const message =
    messageFor(code) ?? (t.errors as Record<string, string | undefined>)[code] ?? t.errors.generic;
  return { status: 'error', message, fields: [] };
}

export async function devSignInAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  try {
    await signInAsDevStaff(getDb(), getEnv(), await getRequestCookies(), { email: data.get('email') });
  } catch (error) {
    return failure(error, (code) => (code === 'not_found' ? t.login.noStaff : undefined));
  }
  redirect(safeNextPath(data.get('next')));
}

export async function passwordSignInAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  try {
    await enforceRateLimit(getDb(), 'sign_in', { ip: await clientIp(), email: data.get('email') });
    await signInWithPassword(getEnv(), await getRequestCookies(), {
      email: data.get('email'),
      password: data.get('password'),
    });
  } catch (error) {
    return failure(error, (code) =>
      code === 'unauthorized'
        ? t.login.wrongPassword
        : code === 'forbidden'
          ? t.account.signupReasons.email_unconfirmed
          : undefined,
    );
  }
  redirect(safeNextPath(data.get('next')));
}

export async function magicLinkAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  try {
    await enforceRateLimit(getDb(), 'magic_link', { ip: await clientIp(), email: data.get('email') });
    await sendMagicLink(getEnv(), await getRequestCookies(), { email: data.get('email') });
    return { status: 'ok', notice: t.login.magicLinkSent };
  } catch (error) {
    return failure(error, () => undefined);
  }
}
