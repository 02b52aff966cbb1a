import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireStaff } from '@/src/auth/require-staff';
import { listMyTenants } from '@/src/dashboard/tenants/resolve-tenant';
import { getDb } from '@/src/db/get-db';
import { getMessages } from '@/src/i18n/get-messages';
import { ui } from '@/src/ui/styles';
import { signOutAction } from '../sign-out-action';

export const dynamic = 'force-dynamic';

// Staff of several tenants pick one; staff of exactly one go straight to it.
export default async function TenantPickerPage() {
  const staff = await requireStaff();
  const tenants = await listMyTenants(getDb(), staff);
  if (tenants.length === 1) redirect(`/t/${tenants[0]!.slug}`);
  const t = await getMessages();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className={ui.h1}>{t.tenants.title}</h1>
      {tenants.length === 0 ? (
        <p className={`mt-4 ${ui.muted}`}>{t.tenants.none}</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {tenants.map((tenant) => (
            <li key={tenant.id}>
              <Link
                href={`/t/${tenant.slug}`}
                className={`${ui.card} flex items-center justify-between hover:border-teal-600 ${ui.focus}`}
              >
                <span className="font-medium">{tenant.name}</span>
                <span className={ui.muted}>{t.roles[tenant.role]}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <form action={signOutAction} className="mt-8">
        <button type="submit" className={ui.buttonSecondary}>
          {t.common.signOut}
        </button>
      </form>
    </main>
  );
}
