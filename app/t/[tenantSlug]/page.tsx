import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadAiSpend } from '@/src/dashboard/overview/load-ai-spend';
import { loadOverview } from '@/src/dashboard/overview/load-overview';
import { OverviewView } from '@/src/dashboard/overview/overview-view';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { LiveRefresh } from '@/src/ui/live-refresh';

export const dynamic = 'force-dynamic';

export default async function OverviewPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const [overview, aiSpend] = await Promise.all([
    loadOverview(db, staff, tenant),
    loadAiSpend(db, staff, tenant, env),
  ]);
  return (
    <>
      <LiveRefresh intervalMs={10_000} realtime={realtimeConfig(env, tenant)} />
      <OverviewView overview={overview} tenant={tenant} t={t} aiSpend={aiSpend} />
    </>
  );
}
