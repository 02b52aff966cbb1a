import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadQueue } from '@/src/dashboard/queue/load-queue';
import { QueueView } from '@/src/dashboard/queue/queue-view';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { ui } from '@/src/ui/styles';
import { retryJobAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function QueuePage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  if (!canAdminister(tenant)) return <p className={ui.muted}>{t.queue.adminOnly}</p>;
  const queue = await loadQueue(db, staff, tenant);
  return (
    <div className="space-y-4">
      <LiveRefresh intervalMs={5000} />
      <h1 className={ui.h1}>{t.queue.title}</h1>
      <p className={ui.muted}>{t.queue.intro}</p>
      <QueueView queue={queue} tenant={tenant} t={t} retryAction={retryJobAction} />
    </div>
  );
}
