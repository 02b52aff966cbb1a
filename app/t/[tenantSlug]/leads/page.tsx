import { LeadsTable } from '@/src/dashboard/leads/leads-table';
import { leadsFilterSchema, loadLeads } from '@/src/dashboard/leads/load-leads';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { ui } from '@/src/ui/styles';

export const dynamic = 'force-dynamic';

export default async function LeadsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const filter = leadsFilterSchema.parse(await searchParams);
  const leads = await loadLeads(db, staff, tenant, filter);
  return (
    <div className="space-y-4">
      <LiveRefresh intervalMs={10_000} realtime={realtimeConfig(env, tenant)} />
      <h1 className={ui.h1}>{t.leads.title}</h1>
      <LeadsTable leads={leads} filter={filter} tenant={tenant} t={t} />
    </div>
  );
}
