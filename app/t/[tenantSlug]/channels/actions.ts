'use server';

import { revalidatePath } from 'next/cache';
import { saveChannel, setChannelEnabled } from '@/src/dashboard/channels/save-channel';
import { sendChannelTest } from '@/src/dashboard/channels/send-channel-test';
import { deleteTestTraffic } from '@/src/dashboard/channels/test-traffic';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

export async function saveChannelAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      await saveChannel(db, staff, tenant, env.ENCRYPTION_KEY, form, env);
      revalidatePath(`/t/${tenant.slug}/channels`);
      return t.common.saved;
    },
    // Twilio's form names its own fields and explains a refusal in Twilio's words.
    data.get('channel') === 'twilio'
      ? {
          fieldLabels: (t) => ({ ...t.channelsPage.fields, ...t.twilioConnect.fields }),
          conflict: (t) => t.channelsPage.conflict,
          reasons: (t) => ({ ...t.connect.reasons, ...t.twilioConnect.reasons }),
        }
      : {
          fieldLabels: (t) => t.channelsPage.fields,
          conflict: (t) => t.channelsPage.conflict,
          reasons: (t) => t.connect.reasons,
        },
  );
}

export async function setChannelEnabledAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(data, async ({ db, staff, tenant, t, form }) => {
    const card = await setChannelEnabled(db, staff, tenant, form);
    revalidatePath(`/t/${tenant.slug}/channels`);
    return t.channelsPage.status[card.status] ?? card.status;
  });
}

export async function sendChannelTestAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const result = await sendChannelTest(db, staff, tenant, env, form, t.channelsPage.testText);
      revalidatePath(`/t/${tenant.slug}/channels`);
      if (result.kind === 'signed_message') return t.channelsPage.testSent(result.status);
      return result.ok ? t.channelsPage.verifyOk : t.channelsPage.verifyFailed(result.status);
    },
    { conflict: (t) => t.channelsPage.testOnlySandbox },
  );
}

export async function deleteTestTrafficAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const done = await deleteTestTraffic(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.testTraffic.deleted(done.leads, done.conversations, done.messages);
    },
    { fieldLabels: (t) => ({ confirm: t.testTraffic.confirmFirst }) },
  );
}
