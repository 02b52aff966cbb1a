'use server';

import { revalidatePath } from 'next/cache';
import { mergeLeads } from '@/src/dashboard/leads/merge-leads';
import { undoLeadMerge } from '@/src/dashboard/leads/undo-lead-merge';
import { updateLead } from '@/src/dashboard/leads/update-lead';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

export async function updateLeadAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const result = await updateLead(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/leads`, 'layout');
      return result.outcome === 'updated' ? t.leadRecord.saved : t.leadRecord.unchanged;
    },
    {
      fieldLabels: (t) => ({
        name: t.leadRecord.name,
        phone: t.leadRecord.phone,
        email: t.leadRecord.email,
        notes: t.leadRecord.notes,
        stage: t.leadRecord.stage,
      }),
      reasons: (t) => t.leadRecord.refused,
    },
  );
}

export async function mergeLeadsAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await mergeLeads(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.leadRecord.mergedDone;
    },
    { reasons: (t) => t.leadRecord.refused },
  );
}

export async function undoLeadMergeAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await undoLeadMerge(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.leadRecord.undone;
    },
    { reasons: (t) => t.leadRecord.refused },
  );
}
