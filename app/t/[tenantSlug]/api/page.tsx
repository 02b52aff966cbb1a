import { ApiKeysView } from '@/src/dashboard/api-keys/api-keys-view';
import { listApiKeys } from '@/src/dashboard/api-keys/manage-api-keys';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { publicBaseUrl } from '@/src/dashboard/public-base-url';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function ApiKeysPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  if (!canAdminister(tenant)) return <p className={ui.muted}>{t.apiKeys.adminOnly}</p>;
  const keys = await listApiKeys(db, staff, tenant);
  return (
    <ApiKeysView
      keys={keys}
      slug={tenant.slug}
      docsUrl={`${await publicBaseUrl(env)}/api/v1/openapi.json`}
      timezone={tenant.timezone}
      t={t}
      actions={{ create: createApiKeyAction, revoke: revokeApiKeyAction }}
    />
  );
}
