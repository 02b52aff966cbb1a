import { notFound } from 'next/navigation';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { LeadAppointments } from '@/src/dashboard/calendar/lead-appointments';
import { loadLeadAppointments } from '@/src/dashboard/calendar/load-calendar';
import { LeadChangesList } from '@/src/dashboard/leads/lead-changes-list';
import { LeadContactForm } from '@/src/dashboard/leads/lead-contact-form';
import { LeadMergeCard } from '@/src/dashboard/leads/lead-merge-card';
import { LeadView } from '@/src/dashboard/leads/lead-view';
import { loadLead } from '@/src/dashboard/leads/load-lead';
import { loadLeadRecord, loadMergeCandidates } from '@/src/dashboard/leads/load-lead-record';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { LeadTagsCard } from '@/src/dashboard/teamwork/lead-tags-card';
import { loadLeadTags, loadTeamworkLists } from '@/src/dashboard/teamwork/load-teamwork';
import { formatDateTime } from '@/src/ui/format-date';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { setTagAction } from '../../tags/actions';
import { mergeLeadsAction, undoLeadMergeAction, updateLeadAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function LeadPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string; leadId: string }>;
  searchParams: Promise<{ buscar?: string | string[] }>;
}) {
  const { tenantSlug, leadId } = await params;
  const { buscar } = await searchParams;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const detail = await loadLead(db, staff, tenant, leadId).catch((error: unknown) => {
    if (appErrorCode(error) === 'not_found') notFound();
    throw error;
  });
  const id = detail.lead.id;
  const query = typeof buscar === 'string' ? buscar : '';
  const [appointments, record, candidates, lists, leadTags] = await Promise.all([
    loadLeadAppointments(db, staff, tenant, id),
    loadLeadRecord(db, staff, tenant, id),
    loadMergeCandidates(db, staff, tenant, id, query),
    loadTeamworkLists(db, staff, tenant),
    loadLeadTags(db, staff, tenant, id),
  ]);
  const when = (iso: string) => formatDateTime(iso, t.locale, tenant.timezone);
  return (
    <>
      <LiveRefresh intervalMs={5000} realtime={realtimeConfig(env, tenant)} />
      <LeadView
        detail={detail}
        tenant={tenant}
        t={t}
        mergedInto={record.merged_into}
        contact={
          record.merged_into ? undefined : (
            <LeadContactForm
              record={record}
              leadId={id}
              tenantSlug={tenant.slug}
              t={t}
              action={updateLeadAction}
            />
          )
        }
        changes={<LeadChangesList record={record} t={t} when={when} />}
        merge={
          <LeadMergeCard
            record={record}
            leadId={id}
            tenantSlug={tenant.slug}
            query={query}
            candidates={candidates}
            t={t}
            when={when}
            mergeAction={mergeLeadsAction}
            undoAction={undoLeadMergeAction}
          />
        }
        appointments={
          <>
            {record.merged_into ? null : (
              <LeadTagsCard
                action={setTagAction}
                tenantSlug={tenant.slug}
                leadId={id}
                tags={lists.tags}
                applied={leadTags}
                t={t}
              />
            )}
            <LeadAppointments appointments={appointments} leadId={id} tenant={tenant} t={t} />
          </>
        }
      />
    </>
  );
}
