import { notFound } from 'next/navigation';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { LeadAppointments } from '@/src/dashboard/calendar/lead-appointments';
import { loadLeadAppointments } from '@/src/dashboard/calendar/load-calendar';
import { LeadView } from '@/src/dashboard/leads/lead-view';
import { loadLead } from '@/src/dashboard/leads/load-lead';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { LeadTagsCard } from '@/src/dashboard/teamwork/lead-tags-card';
import { loadLeadTags, loadTeamworkLists } from '@/src/dashboard/teamwork/load-teamwork';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { setTagAction } from '../../tags/actions';

export const dynamic = 'force-dynamic';

export default async function LeadPage({
  params,
}: {
  params: Promise<{ tenantSlug: string; leadId: string }>;
}) {
  const { tenantSlug, leadId } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const detail = await loadLead(db, staff, tenant, leadId).catch((error: unknown) => {
    if (appErrorCode(error) === 'not_found') notFound();
    throw error;
  });
  const [appointments, lists, leadTags] = await Promise.all([
    loadLeadAppointments(db, staff, tenant, detail.lead.id),
    loadTeamworkLists(db, staff, tenant),
    loadLeadTags(db, staff, tenant, detail.lead.id),
  ]);
  return (
    <>
      <LiveRefresh intervalMs={5000} realtime={realtimeConfig(env, tenant)} />
      <LeadView
        detail={detail}
        tenant={tenant}
        t={t}
        appointments={
          <>
            <LeadTagsCard
              action={setTagAction}
              tenantSlug={tenant.slug}
              leadId={detail.lead.id}
              tags={lists.tags}
              applied={leadTags}
              t={t}
            />
            <LeadAppointments appointments={appointments} leadId={detail.lead.id} tenant={tenant} t={t} />
          </>
        }
      />
    </>
  );
}
