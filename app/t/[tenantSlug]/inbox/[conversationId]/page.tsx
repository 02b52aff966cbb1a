import { notFound } from 'next/navigation';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { LeadAppointments } from '@/src/dashboard/calendar/lead-appointments';
import { loadLeadAppointments } from '@/src/dashboard/calendar/load-calendar';
import { loadThread } from '@/src/dashboard/inbox/load-thread';
import { ThreadView } from '@/src/dashboard/inbox/thread-view';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { changeConversationAction, requestAiReplyAction, sendReplyAction } from './actions';

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
  const appointments = await loadLeadAppointments(db, staff, tenant, thread.lead.id);
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
        appointments={
          <LeadAppointments appointments={appointments} leadId={thread.lead.id} tenant={tenant} t={t} />
        }
      />
    </>
  );
}
