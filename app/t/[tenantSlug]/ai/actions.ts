'use server';

import { revalidatePath } from 'next/cache';
import { saveAiSettings } from '@/src/dashboard/ai/save-ai-settings';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

export async function saveAiSettingsAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveAiSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/ai`);
      return t.common.saved;
    },
    { fieldLabels: (t) => ({ ...t.ai.fields, ...dayLabels(t.ai.days) }) },
  );
}

function dayLabels(days: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(days).map(([day, name]) => [`hours.${day}`, name]));
}
