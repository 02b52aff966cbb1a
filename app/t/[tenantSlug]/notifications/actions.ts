'use server';

import { revalidatePath } from 'next/cache';
import { saveNotificationPreferences } from '@/src/dashboard/attention/save-notification-preferences';
import { savePushSubscription } from '@/src/dashboard/attention/save-push-subscription';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

export async function savePreferencesAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(data, async ({ db, staff, tenant, t, form }) => {
    await saveNotificationPreferences(db, staff, tenant, form);
    revalidatePath(`/t/${tenant.slug}`, 'layout');
    return t.attention.saved;
  });
}

export async function savePushSubscriptionAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(data, async ({ db, staff, tenant, env, t, form }) => {
    await savePushSubscription(db, staff, tenant, env, form.subscription);
    return t.attention.enabled;
  });
}
