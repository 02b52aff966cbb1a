import { redirect } from 'next/navigation';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { safeNextPath } from '@/src/auth/safe-next-path';
import { getEnv } from '@/src/env';
import { getLanguage } from '@/src/i18n/get-messages';
import { messagesFor } from '@/src/i18n/messages-for';
import { ActionForm } from '@/src/ui/action-form';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { setPasswordAction } from '../actions';

export const dynamic = 'force-dynamic';

// After an invitation or a recovery link has signed the person in: choose a password. The
// account's address is shown, so nobody sets a password on an account that is not theirs.
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ purpose?: string; next?: string }>;
}) {
  const staff = await readStaffIdentity(getEnv(), await getRequestCookies());
  if (!staff) redirect('/login?error=link');
  const { purpose, next } = await searchParams;
  const t = messagesFor(await getLanguage());
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className={ui.card}>
        <h1 className={ui.h1}>{purpose === 'reset' ? t.account.setTitleReset : t.account.setTitleInvite}</h1>
        <p className={`mt-1 ${ui.muted}`}>{t.account.setIntro(String(staff.claims.email ?? ''))}</p>
        <ActionForm action={setPasswordAction} className="mt-6">
          <div className="space-y-4">
            <input type="hidden" name="next" value={safeNextPath(next)} />
            <TextField
              id="password"
              name="password"
              label={t.account.password}
              type="password"
              required
              autoComplete="new-password"
            />
            <TextField
              id="confirm"
              name="confirm"
              label={t.account.confirm}
              type="password"
              required
              autoComplete="new-password"
            />
            <button type="submit" className={`${ui.button} w-full`}>
              {t.account.save}
            </button>
          </div>
        </ActionForm>
      </div>
    </main>
  );
}
