'use server';

import { revalidatePath } from 'next/cache';
import { formatLocalStart } from '@/src/dashboard/calendar/calendar-days';
import {
  bookAppointmentAsStaff,
  moveAppointment,
  setAppointmentStatus,
} from '@/src/dashboard/calendar/staff-appointment-writes';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

const reasons = (t: { calendar: { reasons: Record<string, string> } }) => t.calendar.reasons;

export async function setAppointmentStatusAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const { status } = await setAppointmentStatus(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.calendar.done[status];
    },
    { reasons },
  );
}

export async function moveAppointmentAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const { localStart } = await moveAppointment(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.calendar.done.moved(formatLocalStart(localStart, t.locale));
    },
    { reasons },
  );
}

export async function bookAppointmentAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const { localStart } = await bookAppointmentAsStaff(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}`, 'layout');
      return t.calendar.done.booked(formatLocalStart(localStart, t.locale));
    },
    { reasons },
  );
}
