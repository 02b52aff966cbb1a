import Link from 'next/link';
import { getLanguage } from '@/src/i18n/get-messages';
import { messagesFor } from '@/src/i18n/messages-for';
import { ActionForm } from '@/src/ui/action-form';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { requestResetAction } from '../actions';

export const dynamic = 'force-dynamic';

export default async function ResetPasswordPage() {
  const t = messagesFor(await getLanguage());
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className={ui.card}>
        <h1 className={ui.h1}>{t.account.resetTitle}</h1>
        <p className={`mt-1 ${ui.muted}`}>{t.account.resetIntro}</p>
        <ActionForm action={requestResetAction} className="mt-6">
          <div className="space-y-4">
            <TextField
              id="email"
              name="email"
              label={t.login.email}
              type="email"
              required
              autoComplete="email"
            />
            <button type="submit" className={`${ui.button} w-full`}>
              {t.account.resetButton}
            </button>
          </div>
        </ActionForm>
        <p className="mt-6 text-sm">
          <Link href="/login" className={ui.link}>
            {t.account.backToLogin}
          </Link>
        </p>
      </div>
    </main>
  );
}
