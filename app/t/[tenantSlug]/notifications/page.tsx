import { loadAttention } from '@/src/dashboard/attention/load-attention';
import { NotificationSettings } from '@/src/dashboard/attention/notification-settings';
import { vapidPublicKey } from '@/src/dashboard/attention/vapid-public-key';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { ui } from '@/src/ui/styles';
import { savePreferencesAction, savePushSubscriptionAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function NotificationsPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const attention = await loadAttention(db, staff, tenant);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className={ui.h1}>{t.attention.title}</h1>
      <p className={ui.muted}>{t.attention.intro}</p>
      <NotificationSettings
        preferences={attention.preferences}
        tenant={tenant}
        t={t}
        vapidPublicKey={vapidPublicKey(env)}
        saveAction={savePreferencesAction}
        subscribeAction={savePushSubscriptionAction}
      />
    </div>
  );
}
