'use server';

import { revalidatePath } from 'next/cache';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import { deliverAsPlatform } from '@/src/dashboard/simulator/deliver-as-platform';
import type { ActionState } from '@/src/ui/action-state';

export async function simulateMessageAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const delivered = await deliverAsPlatform(db, staff, tenant, env, form);
      revalidatePath(`/t/${tenant.slug}/simulator`);
      return t.simulator.sent(delivered.status);
    },
    { conflict: (t) => t.simulator.needsSandbox, fieldLabels: (t) => ({ text: t.simulator.message }) },
  );
}
