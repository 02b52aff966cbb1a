import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadTeam } from '@/src/dashboard/team/load-team';
import { TeamView } from '@/src/dashboard/team/team-view';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import { inviteAction, removeAction, resendAction, revokeAction, setRoleAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function TeamPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  if (!canAdminister(tenant)) return <p className={ui.muted}>{t.team.adminOnly}</p>;
  const team = await loadTeam(db, staff, tenant);
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.team.title}</h1>
      <TeamView
        team={team}
        tenant={tenant}
        t={t}
        actions={{
          invite: inviteAction,
          resend: resendAction,
          revoke: revokeAction,
          setRole: setRoleAction,
          remove: removeAction,
        }}
      />
    </div>
  );
}
