import Link from 'next/link';
import { LeadsTable } from '@/src/dashboard/leads/leads-table';
import { leadsFilterSchema, loadLeads } from '@/src/dashboard/leads/load-leads';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { PageLinks } from '@/src/dashboard/paging/page-links';
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
  const page = await loadLeads(db, staff, tenant, filter);
  return (
    <div className="space-y-4">
      <LiveRefresh intervalMs={10_000} realtime={realtimeConfig(env, tenant)} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className={ui.h1}>{t.leads.title}</h1>
        <Link className={ui.buttonSecondary} href={`/t/${tenant.slug}/leads/import`}>
          {t.contactImport.link}
        </Link>
      </div>
      <LeadsTable leads={page.leads} filter={filter} tenant={tenant} t={t} />
      <PageLinks
        path={`/t/${tenant.slug}/leads`}
        params={filter}
        next={page.next}
        exportHref={`/api/t/${tenant.slug}/export/leads`}
        t={t}
      />
    </div>
  );
}
