'use server';

import { redirect, unstable_rethrow } from 'next/navigation';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { appErrorCode, appErrorReason } from '@/src/dashboard/app-error-code';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getMessages } from '@/src/i18n/get-messages';
import { log } from '@/src/shared/logger';
import { acceptInvitation } from '@/src/team/accept-invitation';
import type { ActionState } from '@/src/ui/action-state';

export async function acceptInvitationAction(_state: ActionState, data: FormData): Promise<ActionState> {
  const t = await getMessages();
  let slug: string;
  try {
    const staff = await readStaffIdentity(getEnv(), await getRequestCookies());
    if (!staff) return { status: 'error', message: t.team.signInFirst, fields: [] };
    const token = data.get('token');
    ({ tenantSlug: slug } = await acceptInvitation(getDb(), staff, typeof token === 'string' ? token : ''));
  } catch (error) {
    unstable_rethrow(error);
    const code = appErrorCode(error);
    const reason = appErrorReason(error);
    if (!code) log.error('team.accept_failed', { error });
    const message =
      reason === 'invitation_other_email'
        ? t.team.otherEmail
        : reason === 'email_unconfirmed'
          ? t.team.unconfirmed
          : code === 'not_found' || code === 'bad_request'
            ? t.team.invalid
            : t.errors.generic;
    return { status: 'error', message, fields: [] };
  }
  redirect(`/t/${slug}`);
}
