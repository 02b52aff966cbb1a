import { z } from 'zod';
import { composeReminder } from '@/src/reminders/compose-reminder';
import { log } from '@/src/shared/logger';
import { type JobHandler, PermanentJobError } from '../job-types';

// appointment_reminder ({"reminder_id"}, queued at the reminder's time by the trigger on
// appointments): read the facts (one call), decide the message or why it cannot go, and record
// it while completing the job (one call). The SQL checks again that the reminder is still due
// and the appointment live at the same start, so a cancelled or moved appointment gets nothing.

const payloadSchema = z.object({ reminder_id: z.uuid() });

export function createAppointmentReminderHandler(
  clock: () => Date = () => new Date(),
): JobHandler<typeof payloadSchema> {
  return {
    type: 'appointment_reminder',
    payloadSchema,
    async run(payload, { job, db, env }) {
      const facts = await db.rpc('appointment_reminder_facts', { p_reminder_id: payload.reminder_id });
      if (!facts) return { kind: 'complete', result: { skipped: 'reminder_missing' } };
      if (facts.reminder.tenant_id !== job.tenant_id)
        throw new PermanentJobError('job and reminder tenants differ');
      if (facts.reminder.status !== 'scheduled')
        return { kind: 'complete', result: { skipped: `already_${facts.reminder.status}` } };
      const outcome = composeReminder(facts, clock(), env);
      const recorded = await db.rpc('appointment_reminder_record', {
        p_job_id: job.id,
        p_locked_by: job.locked_by,
        p_attempts: job.attempts,
        p_reminder_id: payload.reminder_id,
        p_outcome: outcome,
      });
      log.info('appointment_reminder.recorded', {
        tenantId: job.tenant_id,
        reminderId: payload.reminder_id,
        outcome: recorded.outcome,
        ...('reason' in recorded ? { reason: recorded.reason } : {}),
      });
      return { kind: 'completed_by_handler', result: recorded };
    },
  };
}

export const appointmentReminderHandler = createAppointmentReminderHandler();
