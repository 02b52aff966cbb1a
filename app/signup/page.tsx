import Link from 'next/link';
import { businessFieldProps } from '@/src/dashboard/signup/business-field-props';
import { BusinessFields } from '@/src/dashboard/signup/business-fields';
import { getEnv } from '@/src/env';
import { getLanguage } from '@/src/i18n/get-messages';
import { messagesFor } from '@/src/i18n/messages-for';
import { ActionForm } from '@/src/ui/action-form';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { signUpAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SignUpPage() {
  const env = getEnv();
  const t = messagesFor(await getLanguage());
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className={ui.card}>
        <h1 className={ui.h1}>{t.account.signupTitle}</h1>
        {env.SIGNUP === 'closed' ? (
          <p role="alert" className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t.account.signupClosed}
          </p>
        ) : (
          <>
            <p className={`mt-1 ${ui.muted}`}>{t.account.signupIntro}</p>
            {env.appMode === 'local' && <p className={`mt-2 ${ui.help}`}>{t.account.signupLocal}</p>}
            <ActionForm action={signUpAction} className="mt-6">
              <div className="space-y-4">
                <TextField
                  id="email"
                  name="email"
                  label={t.login.email}
                  type="email"
                  required
                  autoComplete="email"
                />
                {env.appMode === 'production' && (
                  <TextField
                    id="password"
                    name="password"
                    label={t.account.fieldNames.password}
                    type="password"
                    required
                    autoComplete="new-password"
                  />
                )}
                <BusinessFields {...businessFieldProps(t)} />
                <button type="submit" className={`${ui.button} w-full`}>
                  {t.account.createAccount}
                </button>
              </div>
            </ActionForm>
          </>
        )}
        <p className="mt-6 text-sm">
          <Link href="/login" className={ui.link}>
            {t.account.haveAccount}
          </Link>
        </p>
      </div>
    </main>
  );
}
