import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadSimulatorThread } from '@/src/dashboard/simulator/load-simulator-thread';
import { simulatorParamsSchema } from '@/src/dashboard/simulator/simulator-params';
import { SimulatorView } from '@/src/dashboard/simulator/simulator-view';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { ui } from '@/src/ui/styles';
import { simulateMessageAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SimulatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  if (env.appMode !== 'local') return <p className={ui.muted}>{t.simulator.onlyLocal}</p>;
  const { channel, from } = simulatorParamsSchema.parse(await searchParams);
  const thread = await loadSimulatorThread(db, staff, tenant, channel, from);
  return (
    <div className="space-y-4">
      <LiveRefresh intervalMs={2000} />
      <div>
        <h1 className={ui.h1}>{t.simulator.title}</h1>
        <p className={`mt-1 max-w-3xl ${ui.muted}`}>{t.simulator.intro}</p>
      </div>
      <SimulatorView
        thread={thread}
        channel={channel}
        from={from}
        tenant={tenant}
        t={t}
        action={simulateMessageAction}
      />
    </div>
  );
}
