'use server';

import { redirect, unstable_rethrow } from 'next/navigation';
import { clientIp } from '@/src/accounts/client-ip';
import { enforceRateLimit } from '@/src/accounts/rate-limit';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { requestPasswordReset } from '@/src/auth/request-password-reset';
import { safeNextPath } from '@/src/auth/safe-next-path';
import { setPassword } from '@/src/auth/set-password';
import { appErrorCode, appErrorReason } from '@/src/dashboard/app-error-code';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getMessages } from '@/src/i18n/get-messages';
import { log } from '@/src/shared/logger';
import type { ActionState } from '@/src/ui/action-state';

export async function requestResetAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  try {
    await enforceRateLimit(getDb(), 'password_reset', { ip: await clientIp(), email: data.get('email') });
    await requestPasswordReset(getEnv(), await getRequestCookies(), { email: data.get('email') });
    return { status: 'ok', notice: t.account.resetSent };
  } catch (error) {
    unstable_rethrow(error);
    const code = appErrorCode(error);
    if (!code) log.error('auth.reset_request_failed', { error });
    const message = (t.errors as Record<string, string | undefined>)[code ?? 'generic'] ?? t.errors.generic;
    return { status: 'error', message, fields: [] };
  }
}

export async function setPasswordAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  try {
    await setPassword(getEnv(), await getRequestCookies(), {
      password: data.get('password'),
      confirm: data.get('confirm'),
    });
  } catch (error) {
    unstable_rethrow(error);
    const code = appErrorCode(error);
    if (!code) log.error('auth.set_password_failed', { error });
    const message =
      code === 'unauthorized'
        ? t.account.expired
        : appErrorReason(error) === 'weak_password'
          ? t.account.weak
          : code === 'bad_request'
            ? t.account.mismatch
            : t.errors.generic;
    return { status: 'error', message, fields: [] };
  }
  redirect(safeNextPath(data.get('next')));
}
