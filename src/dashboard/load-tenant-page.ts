import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireStaff } from '@/src/auth/require-staff';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { getLanguage } from '@/src/i18n/get-messages';
import { messagesFor } from '@/src/i18n/messages-for';
import { appErrorCode } from './app-error-code';
import { resolveTenant } from './tenants/resolve-tenant';

// Every tenant page starts here: the signed-in member (or the sign-in page), the tenant of the
// URL if they belong to it (or 404, the same for "not yours" and "does not exist"), and the UI
// strings. Cached per request, so the layout and the page share one lookup.
export const loadTenantPage = cache(async (tenantSlug: string) => {
  const staff = await requireStaff();
  const db = getDb();
  try {
    const tenant = await resolveTenant(db, staff, tenantSlug);
    const language = await getLanguage();
    return { staff, db, tenant, env: getEnv(), t: messagesFor(language), language };
  } catch (error) {
    if (appErrorCode(error) === 'not_found') notFound();
    throw error;
  }
});
