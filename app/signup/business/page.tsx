import { redirect } from 'next/navigation';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { businessFieldProps } from '@/src/dashboard/signup/business-field-props';
import { BusinessFields } from '@/src/dashboard/signup/business-fields';
import { getEnv } from '@/src/env';
import { getLanguage } from '@/src/i18n/get-messages';
import { messagesFor } from '@/src/i18n/messages-for';
import { ActionForm } from '@/src/ui/action-form';
import { ui } from '@/src/ui/styles';
import { createBusinessAction } from '../actions';

export const dynamic = 'force-dynamic';

// Where the sign-up confirmation link ends: the business form again, filled from what the
// person typed at /signup (kept in their user_metadata only for this).
export default async function SignUpBusinessPage() {
  const staff = await readStaffIdentity(getEnv(), await getRequestCookies());
  if (!staff) redirect('/login?next=/signup/business');
  const t = messagesFor(await getLanguage());
  const metadata = staff.claims.user_metadata as { pending_business?: Record<string, unknown> } | undefined;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className={ui.card}>
        <h1 className={ui.h1}>{t.account.businessTitle}</h1>
        <p className={`mt-1 ${ui.muted}`}>{t.account.businessIntro}</p>
        <ActionForm action={createBusinessAction} className="mt-6">
          <div className="space-y-4">
            <BusinessFields {...businessFieldProps(t, metadata?.pending_business ?? {})} />
            <button type="submit" className={`${ui.button} w-full`}>
              {t.account.createBusiness}
            </button>
          </div>
        </ActionForm>
      </div>
    </main>
  );
}
