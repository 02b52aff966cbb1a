'use server';

import { revalidatePath } from 'next/cache';
import { retryJob } from '@/src/dashboard/queue/retry-job';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

export async function retryJobAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(data, async ({ db, staff, tenant, t, form }) => {
    await retryJob(db, staff, tenant, form);
    revalidatePath(`/t/${tenant.slug}/queue`);
    return t.queue.retried;
  });
}
