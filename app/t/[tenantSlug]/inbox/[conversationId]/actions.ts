'use server';

import { revalidatePath } from 'next/cache';
import { changeConversation } from '@/src/dashboard/inbox/change-conversation';
import { sendReply } from '@/src/dashboard/inbox/send-reply';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
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
      await sendReply(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/inbox`, 'layout');
      return t.inbox.replyQueued;
    },
    {
      fieldLabels: (t) => ({ text: t.inbox.replyLabel }),
      reasons: (t) => ({ ...t.inbox.replyRefused, ...t.inbox.replyWindow }),
    },
  );
}
