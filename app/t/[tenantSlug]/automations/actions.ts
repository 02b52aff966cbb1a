'use server';

import { revalidatePath } from 'next/cache';
import {
  createAutomationEndpoint,
  resendAutomationDelivery,
  setWorkflowMode,
  updateAutomationEndpoint,
} from '@/src/automations/manage-automations';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { Messages } from '@/src/i18n/messages-es';
import type { ActionState } from '@/src/ui/action-state';

const options = {
  reasons: (t: Messages) => t.automations.reasons,
  fieldLabels: (t: Messages) => ({ url: t.automations.url, events: t.automations.events }),
};

export async function createEndpointAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const { secret } = await createAutomationEndpoint(db, staff, tenant, env, form);
      revalidatePath(`/t/${tenant.slug}/automations`);
      return { notice: t.automations.created, lines: [secret, t.automations.createdHelp] };
    },
    options,
  );
}

export async function updateEndpointAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      await updateAutomationEndpoint(db, staff, tenant, env, form);
      revalidatePath(`/t/${tenant.slug}/automations`);
      return t.automations.saved;
    },
    options,
  );
}

export async function resendDeliveryAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await resendAutomationDelivery(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/automations`);
      return t.automations.resent;
    },
    options,
  );
}

export async function setWorkflowModeAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const { reply_through_workflow: on } = await setWorkflowMode(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/automations`);
      return on ? t.automations.workflowOn : t.automations.workflowOff;
    },
    options,
  );
}
