'use server';

import { redirect, unstable_rethrow } from 'next/navigation';
import { clientIp } from '@/src/accounts/client-ip';
import { createBusiness } from '@/src/accounts/create-business';
import { enforceRateLimit } from '@/src/accounts/rate-limit';
import { signUp } from '@/src/accounts/sign-up';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { appErrorCode, appErrorFields, appErrorReason } from '@/src/dashboard/app-error-code';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getMessages } from '@/src/i18n/get-messages';
import type { Messages } from '@/src/i18n/messages-es';
import { log } from '@/src/shared/logger';
import type { ActionState } from '@/src/ui/action-state';

function formValues(data: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ['email', 'password', 'businessName', 'slug', 'timezone', 'country']) {
    const value = data.get(key);
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

function refusal(error: unknown, t: Messages): ActionState {
  unstable_rethrow(error);
  const code = appErrorCode(error);
  if (!code) log.error('accounts.sign_up_error', { error });
  const reason = appErrorReason(error);
  const fields = appErrorFields(error).map((field) => t.account.fieldNames[field] ?? field);
  const message =
    (reason && t.account.signupReasons[reason]) ||
    (fields.length > 0 ? t.errors.invalidFields : undefined) ||
    (t.errors as Record<string, string | undefined>)[code ?? 'generic'] ||
    t.errors.generic;
  return { status: 'error', message, fields: reason ? [] : fields };
}

export async function signUpAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  let slug: string;
  try {
    await enforceRateLimit(getDb(), 'sign_up', { ip: await clientIp(), email: data.get('email') });
    const outcome = await signUp(getDb(), getEnv(), await getRequestCookies(), formValues(data));
    if (outcome.kind === 'confirm_email') return { status: 'ok', notice: t.account.checkEmail };
    slug = outcome.slug;
  } catch (error) {
    return refusal(error, t);
  }
  redirect(`/t/${slug}/welcome`);
}

export async function createBusinessAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  let slug: string;
  try {
    const staff = await readStaffIdentity(getEnv(), await getRequestCookies());
    if (!staff) return { status: 'error', message: t.errors.unauthorized, fields: [] };
    slug = (await createBusiness(getDb(), staff, formValues(data))).slug;
  } catch (error) {
    return refusal(error, t);
  }
  redirect(`/t/${slug}/welcome`);
}
