'use server';

import { revalidatePath } from 'next/cache';
import { createApiKeyAsStaff, revokeApiKey } from '@/src/dashboard/api-keys/manage-api-keys';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

export async function createApiKeyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const { key } = await createApiKeyAsStaff(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/api`);
      return { notice: t.apiKeys.created, lines: [key, t.apiKeys.createdHelp] };
    },
    { fieldLabels: (t) => t.apiKeys.fields },
  );
}

export async function revokeApiKeyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await revokeApiKey(db, staff, tenant, form.keyId);
      revalidatePath(`/t/${tenant.slug}/api`);
      return t.apiKeys.revoked;
    },
    {},
  );
}
