import { z } from 'zod';
import { composeFollowUp } from '@/src/reminders/compose-follow-up';
import { log } from '@/src/shared/logger';
import { type JobHandler, PermanentJobError } from '../job-types';

// lead_follow_up ({"follow_up_id"}, one pending per conversation, queued when our message went
// unanswered): read the facts, decide the step's message or why it cannot go, and record it
// while completing the job; the SQL stops the chain if the customer wrote or opted out since,
// queues the next step, and after the last one turns the lead COLD.

const payloadSchema = z.object({ follow_up_id: z.uuid() });

export function createLeadFollowUpHandler(
  clock: () => Date = () => new Date(),
): JobHandler<typeof payloadSchema> {
  return {
    type: 'lead_follow_up',
    payloadSchema,
    async run(payload, { job, db, env }) {
      const facts = await db.rpc('follow_up_facts', { p_follow_up_id: payload.follow_up_id });
      if (!facts) return { kind: 'complete', result: { skipped: 'follow_up_missing' } };
      if (facts.follow_up.tenant_id !== job.tenant_id)
        throw new PermanentJobError('job and follow-up tenants differ');
      if (facts.follow_up.status !== 'scheduled')
        return { kind: 'complete', result: { skipped: `already_${facts.follow_up.status}` } };
      const recorded = await db.rpc('follow_up_record', {
        p_job_id: job.id,
        p_locked_by: job.locked_by,
        p_attempts: job.attempts,
        p_follow_up_id: payload.follow_up_id,
        p_outcome: composeFollowUp(facts, clock(), env),
      });
      log.info('lead_follow_up.recorded', {
        tenantId: job.tenant_id,
        followUpId: payload.follow_up_id,
        outcome: recorded.outcome,
      });
      return { kind: 'completed_by_handler', result: recorded };
    },
  };
}

export const leadFollowUpHandler = createLeadFollowUpHandler();
