import Link from 'next/link';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getLanguage } from '@/src/i18n/get-messages';
import { messagesFor } from '@/src/i18n/messages-for';
import { previewInvitation } from '@/src/team/accept-invitation';
import { ActionForm } from '@/src/ui/action-form';
import { ui } from '@/src/ui/styles';
import { acceptInvitationAction } from './actions';

export const dynamic = 'force-dynamic';

// Where an invitation link lands. Signed out: off to sign in, coming back here. Signed in: what
// the invitation is and one button; the SQL decides whether this account may accept it.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = messagesFor(await getLanguage());
  const staff = await readStaffIdentity(getEnv(), await getRequestCookies());
  let body: React.ReactNode;
  if (!staff) {
    body = (
      <>
        <p className={`mt-2 ${ui.muted}`}>{t.team.signInFirst}</p>
        <Link href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`} className={`${ui.button} mt-4`}>
          {t.team.goSignIn}
        </Link>
      </>
    );
  } else {
    try {
      const invitation = await previewInvitation(getDb(), staff, token);
      body = (
        <>
          <p className="mt-2 text-slate-800">
            {t.team.acceptIntro(invitation.tenant_name, t.roles[invitation.role])}
          </p>
          <p className={`mt-1 ${ui.muted}`}>{t.team.acceptFor(invitation.email)}</p>
          <ActionForm action={acceptInvitationAction} className="mt-4">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className={`${ui.button} w-full`}>
              {t.team.accept}
            </button>
          </ActionForm>
        </>
      );
    } catch (error) {
      if (appErrorCode(error) !== 'not_found' && appErrorCode(error) !== 'bad_request') throw error;
      body = (
        <p role="alert" className="mt-4 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {t.team.invalid}
        </p>
      );
    }
  }
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className={ui.card}>
        <h1 className={ui.h1}>{t.team.acceptTitle}</h1>
        {body}
      </div>
    </main>
  );
}
