'use server';

import { revalidatePath } from 'next/cache';
import {
  addClosureSettings,
  removeClosureSettings,
  saveBranchSettings,
  saveResourceSettings,
  saveServiceSettings,
} from '@/src/dashboard/calendar/settings-writes';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

const options = {
  reasons: (t: { calendar: { settings: { reasons: Record<string, string> } } }) =>
    t.calendar.settings.reasons,
  fieldLabels: (t: { calendar: { settings: { fields: Record<string, string> } } }) =>
    t.calendar.settings.fields,
};

export async function saveBranchAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveBranchSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/calendar`, 'layout');
      return form.branchId ? t.calendar.settings.saved : t.calendar.settings.created;
    },
    options,
  );
}

export async function saveServiceAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveServiceSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/calendar`, 'layout');
      return form.serviceId ? t.calendar.settings.saved : t.calendar.settings.created;
    },
    options,
  );
}

export async function saveResourceAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveResourceSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/calendar`, 'layout');
      return form.resourceId ? t.calendar.settings.saved : t.calendar.settings.created;
    },
    options,
  );
}

export async function addClosureAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await addClosureSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/calendar`, 'layout');
      return t.calendar.settings.closureAdded;
    },
    options,
  );
}

export async function removeClosureAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await removeClosureSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/calendar`, 'layout');
      return t.calendar.settings.removed;
    },
    options,
  );
}
