'use server';

import { revalidatePath } from 'next/cache';
import { after } from 'next/server';
import { changeConversation } from '@/src/dashboard/inbox/change-conversation';
import { requestAiReply } from '@/src/dashboard/inbox/request-ai-reply';
import { sendFromReplyBox } from '@/src/dashboard/inbox/send-from-reply-box';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import { addNote } from '@/src/dashboard/teamwork/add-note';
import { assignConversation } from '@/src/dashboard/teamwork/assign-conversation';
import { escalateConversation } from '@/src/dashboard/teamwork/escalate-conversation';
import { loadTeamworkLists } from '@/src/dashboard/teamwork/load-teamwork';
import { sendTemplateReply } from '@/src/dashboard/templates/send-template-reply';
import { processTenantSoon } from '@/src/jobs/process-tenant-soon';
import type { ActionState } from '@/src/ui/action-state';

export async function changeConversationAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(data, async ({ db, staff, tenant, t, form }) => {
    const state = await changeConversation(db, staff, tenant, form);
    revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
    return form.change === 'handler'
      ? t.handedTo[state.handled_by]
      : t.statusChanged(t.conversationStatus[state.status as 'active'] ?? state.status);
  });
}

export async function sendReplyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const notice = await sendFromReplyBox(db, staff, tenant, form, t);
      // Send now rather than at the next sweep; the sweep still covers it if this is cut short.
      after(() => processTenantSoon(tenant.id));
      revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
      return notice;
    },
    {
      fieldLabels: (t) => ({ text: t.inbox.replyLabel }),
      reasons: (t) => ({
        ...t.inbox.replyRefused,
        ...t.inbox.replyWindow,
        services_menu_empty: t.choices.servicesMenuEmpty,
        choices_invalid: t.choices.refused,
      }),
    },
  );
}

export async function requestAiReplyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(data, async ({ db, staff, tenant, t, form }) => {
    const result = await requestAiReply(db, staff, tenant, form);
    if (result.outcome !== 'queued') return t.inbox.answerNowOutcome[result.outcome];
    after(() => processTenantSoon(tenant.id));
    revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
    return t.inbox.answerNowOutcome.queued;
  });
}

export async function assignConversationAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await assignConversation(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
      const lists = await loadTeamworkLists(db, staff, tenant);
      const email = lists.members.find((member) => member.user_id === form.assignee)?.email;
      return email ? t.teamwork.assignedTo(email) : t.teamwork.leftToTeam;
    },
    { reasons: (t) => t.teamwork.reasons },
  );
}

export async function escalateConversationAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await escalateConversation(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
      return t.teamwork.escalated;
    },
    { reasons: (t) => t.teamwork.reasons },
  );
}

export async function addNoteAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await addNote(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
      return t.teamwork.noteSaved;
    },
    { reasons: (t) => t.teamwork.reasons },
  );
}

export async function sendTemplateReplyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await sendTemplateReply(db, staff, tenant, form);
      after(() => processTenantSoon(tenant.id));
      revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
      return t.templates.reply.queued;
    },
    { reasons: (t) => t.templates.reasons },
  );
}
