import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadTeamworkLists } from '@/src/dashboard/teamwork/load-teamwork';
import { TeamworkSettingsView } from '@/src/dashboard/teamwork/teamwork-settings-view';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import { deleteQuickReplyAction, deleteTagAction, saveQuickReplyAction, saveTagAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function TagsPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  const lists = await loadTeamworkLists(db, staff, tenant);
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.teamwork.settingsTitle}</h1>
      <TeamworkSettingsView
        lists={lists}
        slug={tenant.slug}
        admin={canAdminister(tenant)}
        t={t}
        actions={{
          saveTag: saveTagAction,
          deleteTag: deleteTagAction,
          saveQuick: saveQuickReplyAction,
          deleteQuick: deleteQuickReplyAction,
        }}
      />
    </div>
  );
}
