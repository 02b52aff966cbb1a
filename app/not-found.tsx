import Link from 'next/link';
import { getMessages } from '@/src/i18n/get-messages';
import { ui } from '@/src/ui/styles';

// One answer for "does not exist" and "not yours": nothing tells another tenant's ids apart.
export default async function NotFound() {
  const t = await getMessages();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className={ui.card}>
        <h1 className={ui.h1}>404</h1>
        <p className={`mt-2 ${ui.muted}`}>{t.errors.not_found}</p>
        <Link href="/t" className={`mt-4 inline-block text-sm ${ui.link}`}>
          {t.nav.switchTenant}
        </Link>
      </div>
    </main>
  );
}
