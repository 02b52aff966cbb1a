import Link from 'next/link';
import { redirect } from 'next/navigation';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { safeNextPath } from '@/src/auth/safe-next-path';
import { isSupabaseAuthConfigured } from '@/src/auth/supabase-server-client';
import { getEnv } from '@/src/env';
import { getLanguage } from '@/src/i18n/get-messages';
import { messagesFor } from '@/src/i18n/messages-for';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { ActionForm } from '@/src/ui/action-form';
import { LanguageSwitch } from '@/src/ui/language-switch';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { setLanguageAction } from '../language-action';
import { devSignInAction, magicLinkAction, passwordSignInAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; next?: string }>;
}) {
  const env = getEnv();
  const { error, next: nextParam } = await searchParams;
  const next = safeNextPath(nextParam);
  if (await readStaffIdentity(env, await getRequestCookies())) redirect(next);
  const language = await getLanguage();
  const t = messagesFor(language);
  const nextField = <input type="hidden" name="next" value={next} />;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="mb-6 flex items-center justify-between">
        <p className="text-sm font-semibold text-teal-800">{t.common.appName}</p>
        <LanguageSwitch action={setLanguageAction} current={language} label={t.common.language} />
      </div>
      <div className={ui.card}>
        <h1 className={ui.h1}>{t.login.title}</h1>
        <p className={`mt-1 ${ui.muted}`}>{t.login.subtitle}</p>
        {(error === 'link' || error === 'link_browser') && (
          <p role="alert" className="mt-4 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
            {error === 'link' ? t.login.linkFailed : t.account.linkBrowser}
          </p>
        )}
        {env.appMode === 'local' ? (
          <section className="mt-6" aria-labelledby="dev-title">
            <h2 id="dev-title" className={ui.h2}>
              {t.login.devTitle}
            </h2>
            <p className={`mt-1 ${ui.muted}`}>{t.login.devExplain}</p>
            <ActionForm action={devSignInAction} className="mt-4">
              <div className="space-y-4">
                {nextField}
                <TextField
                  id="dev-email"
                  name="email"
                  label={t.login.email}
                  type="email"
                  required
                  autoComplete="email"
                  defaultValue={demoTenant.ownerEmail}
                />
                <button type="submit" className={`${ui.button} w-full`}>
                  {t.login.devSignIn}
                </button>
              </div>
            </ActionForm>
          </section>
        ) : !isSupabaseAuthConfigured(env) ? (
          <p role="alert" className="mt-6 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t.login.notConfigured}
          </p>
        ) : (
          <>
            <ActionForm action={passwordSignInAction} className="mt-6">
              <div className="space-y-4">
                {nextField}
                <TextField
                  id="email"
                  name="email"
                  label={t.login.email}
                  type="email"
                  required
                  autoComplete="email"
                />
                <TextField
                  id="password"
                  name="password"
                  label={t.login.password}
                  type="password"
                  required
                  autoComplete="current-password"
                />
                <button type="submit" className={`${ui.button} w-full`}>
                  {t.login.signIn}
                </button>
                <p className="text-sm">
                  <Link href="/auth/reset" className={ui.link}>
                    {t.account.forgotLink}
                  </Link>
                </p>
              </div>
            </ActionForm>
            <section className="mt-8 border-t border-slate-200 pt-6" aria-labelledby="magic-title">
              <h2 id="magic-title" className="text-sm font-semibold text-slate-900">
                {t.login.magicLinkTitle}
              </h2>
              <ActionForm action={magicLinkAction} className="mt-3">
                <div className="space-y-3">
                  <TextField
                    id="magic-email"
                    name="email"
                    label={t.login.email}
                    type="email"
                    required
                    autoComplete="email"
                  />
                  <button type="submit" className={`${ui.buttonSecondary} w-full`}>
                    {t.login.magicLinkButton}
                  </button>
                </div>
              </ActionForm>
            </section>
          </>
        )}
        {env.SIGNUP === 'open' && (
          <p className="mt-6 border-t border-slate-200 pt-4 text-sm">
            <Link href="/signup" className={ui.link}>
              {t.account.signupTitle}
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
