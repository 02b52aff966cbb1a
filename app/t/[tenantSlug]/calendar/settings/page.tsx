import { listCalendarFeeds } from '@/src/calendar-feed/manage-feeds';
import { CalendarTabs } from '@/src/dashboard/calendar/calendar-tabs';
import { loadScheduling } from '@/src/dashboard/calendar/load-calendar';
import { loadReminderSettings } from '@/src/dashboard/calendar/reminder-settings';
import { ReminderSettingsForm } from '@/src/dashboard/calendar/reminder-settings-form';
import { SettingsView } from '@/src/dashboard/calendar/settings-view';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import {
  addClosureAction,
  createFeedAction,
  removeClosureAction,
  revokeFeedAction,
  saveBranchAction,
  saveReminderSettingsAction,
  saveResourceAction,
  saveServiceAction,
} from './actions';

export const dynamic = 'force-dynamic';

export default async function CalendarSettingsPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  const scheduling = await loadScheduling(db, staff, tenant);
  const admin = canAdminister(tenant);
  const feeds = admin ? await listCalendarFeeds(db, staff, tenant) : undefined;
  const reminderSettings = await loadReminderSettings(db, staff, tenant);
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.calendar.settings.title}</h1>
      <CalendarTabs tenantSlug={tenant.slug} t={t} current="settings" />
      <SettingsView
        scheduling={scheduling}
        tenant={tenant}
        t={t}
        canEdit={admin}
        feeds={feeds}
        actions={{
          saveBranch: saveBranchAction,
          saveService: saveServiceAction,
          saveResource: saveResourceAction,
          addClosure: addClosureAction,
          removeClosure: removeClosureAction,
          createFeed: createFeedAction,
          revokeFeed: revokeFeedAction,
        }}
      />
      <ReminderSettingsForm
        settings={reminderSettings}
        tenantSlug={tenant.slug}
        t={t}
        canEdit={admin}
        action={saveReminderSettingsAction}
      />
    </div>
  );
}
