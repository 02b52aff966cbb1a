import { notFound } from 'next/navigation';
import { loadAutomationSettings } from '@/src/automations/manage-automations';
import { AutomationsView } from '@/src/dashboard/automations/automations-view';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import {
  createEndpointAction,
  resendDeliveryAction,
  setWorkflowModeAction,
  updateEndpointAction,
} from './actions';

export const dynamic = 'force-dynamic';

export default async function AutomationsPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  if (!canAdminister(tenant)) notFound();
  const settings = await loadAutomationSettings(db, staff, tenant);
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.automations.title}</h1>
      <AutomationsView
        settings={settings}
        tenant={tenant}
        t={t}
        actions={{
          create: createEndpointAction,
          update: updateEndpointAction,
          resend: resendDeliveryAction,
          mode: setWorkflowModeAction,
        }}
      />
    </div>
  );
}
