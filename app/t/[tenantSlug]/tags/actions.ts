'use server';

import { revalidatePath } from 'next/cache';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import { deleteQuickReply, saveQuickReply } from '@/src/dashboard/teamwork/quick-reply-writes';
import { deleteTag, saveTag, setTag } from '@/src/dashboard/teamwork/tag-writes';
import type { ActionState } from '@/src/ui/action-state';

const options = { reasons: (t: { teamwork: { reasons: Record<string, string> } }) => t.teamwork.reasons };

export async function saveTagAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveTag(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.teamwork.tagSaved;
    },
    options,
  );
}

export async function deleteTagAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await deleteTag(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.teamwork.tagDeleted;
    },
    options,
  );
}

export async function saveQuickReplyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveQuickReply(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.teamwork.quickSaved;
    },
    options,
  );
}

export async function deleteQuickReplyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await deleteQuickReply(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.teamwork.quickDeleted;
    },
    options,
  );
}

/** Staff put a tag on a conversation or a lead, or take it off (from either page). */
export async function setTagAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await setTag(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.teamwork.tagChanged;
    },
    options,
  );
}
