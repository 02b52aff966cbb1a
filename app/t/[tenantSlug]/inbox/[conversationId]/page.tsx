import { notFound } from 'next/navigation';
import { loadServicesMenuForStaff } from '@/src/appointments/services-menu';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { markConversationRead } from '@/src/dashboard/attention/mark-conversation-read';
import { LeadAppointments } from '@/src/dashboard/calendar/lead-appointments';
import { loadLeadAppointments } from '@/src/dashboard/calendar/load-calendar';
import { loadThread } from '@/src/dashboard/inbox/load-thread';
import { ThreadView } from '@/src/dashboard/inbox/thread-view';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { loadConversationTeamwork, loadTeamworkLists } from '@/src/dashboard/teamwork/load-teamwork';
import { loadTemplates } from '@/src/dashboard/templates/load-templates';
import { offeredTemplates } from '@/src/dashboard/templates/offered-templates';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { setTagAction } from '../../tags/actions';
import {
  addNoteAction,
  assignConversationAction,
  changeConversationAction,
  escalateConversationAction,
  requestAiReplyAction,
  sendReplyAction,
  sendTemplateReplyAction,
} from './actions';

export const dynamic = 'force-dynamic';

export default async function ConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string; conversationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantSlug, conversationId } = await params;
  const { before } = await searchParams;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const thread = await loadThread(db, staff, tenant, conversationId, { before }).catch((error: unknown) => {
    if (appErrorCode(error) === 'not_found') notFound();
    throw error;
  });
  // Opening it (and every live refresh while it is open) reads it, for this member only.
  await markConversationRead(db, staff, tenant, conversationId);
  const [appointments, work, lists, templates, services] = await Promise.all([
    loadLeadAppointments(db, staff, tenant, thread.lead.id),
    loadConversationTeamwork(db, staff, tenant, thread.conversation.id),
    loadTeamworkLists(db, staff, tenant),
    thread.conversation.channel === 'whatsapp' ? loadTemplates(db, staff, tenant) : null,
    loadServicesMenuForStaff(db, staff, tenant.id),
  ]);
  return (
    <>
      <LiveRefresh realtime={realtimeConfig(env, tenant)} />
      <ThreadView
        thread={thread}
        tenant={tenant}
        t={t}
        changeAction={changeConversationAction}
        replyAction={sendReplyAction}
        answerNowAction={requestAiReplyAction}
        now={Date.now()}
        tiktokWindowHours={env.TIKTOK_REPLY_WINDOW_HOURS}
        hasServices={services.length > 0}
        teamwork={{
          work,
          lists,
          actions: {
            assign: assignConversationAction,
            escalate: escalateConversationAction,
            note: addNoteAction,
            tag: setTagAction,
          },
        }}
        templateReply={
          templates
            ? { action: sendTemplateReplyAction, templates: offeredTemplates(templates, t.templates) }
            : undefined
        }
        appointments={
          <LeadAppointments appointments={appointments} leadId={thread.lead.id} tenant={tenant} t={t} />
        }
      />
    </>
  );
}
