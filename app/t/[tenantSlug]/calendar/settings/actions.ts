'use server';

import { revalidatePath } from 'next/cache';
import { createCalendarFeed, revokeCalendarFeed } from '@/src/calendar-feed/manage-feeds';
import { saveReminderSettings } from '@/src/dashboard/calendar/reminder-settings';
import {
  addClosureSettings,
  removeClosureSettings,
  saveBranchSettings,
  saveResourceSettings,
  saveServiceSettings,
} from '@/src/dashboard/calendar/settings-writes';
import { publicBaseUrl } from '@/src/dashboard/public-base-url';
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

export async function createFeedAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const { url } = await createCalendarFeed(db, staff, tenant, {
        target: form.target,
        baseUrl: await publicBaseUrl(env),
      });
      revalidatePath(`/t/${tenant.slug}/calendar/settings`);
      return { notice: t.calendar.feeds.created, lines: [url, t.calendar.feeds.createdHelp] };
    },
    options,
  );
}

export async function revokeFeedAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await revokeCalendarFeed(db, staff, tenant, form.feedId);
      revalidatePath(`/t/${tenant.slug}/calendar/settings`);
      return t.calendar.feeds.revoked;
    },
    options,
  );
}

export async function saveReminderSettingsAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveReminderSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/calendar`, 'layout');
      return t.reminders.saved;
    },
    { fieldLabels: (t) => t.reminders.fields },
  );
}
