import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadReport } from '@/src/dashboard/reports/load-report';
import { ReportsView } from '@/src/dashboard/reports/reports-view';

export const dynamic = 'force-dynamic';

export default async function ReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  const data = await loadReport(db, staff, tenant, await searchParams);
  return <ReportsView data={data} t={t} />;
}
