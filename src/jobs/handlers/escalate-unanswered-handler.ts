import { z } from 'zod';
import type { JobHandler } from '../job-types';

// escalate_unanswered ({"conversation_id", "failed_message_id"?, "reason"}), enqueued by the
// database when an ai_response or automated send job ends as a dead letter: the fallback
// message where the AI never answered, and the conversation handed to a person, in one call
// that also completes this job (public.escalate_unanswered).

const payloadSchema = z.object({
  conversation_id: z.uuid(),
  failed_message_id: z.uuid().nullable().optional(),
  reason: z.string().max(500),
});

export const escalateUnansweredHandler: JobHandler<typeof payloadSchema> = {
  type: 'escalate_unanswered',
  payloadSchema,
  async run(payload, { job, db }) {
    const result = await db.rpc('escalate_unanswered', {
      p_job_id: job.id,
      p_locked_by: job.locked_by,
      p_attempts: job.attempts,
      p_conversation_id: payload.conversation_id,
      p_failed_message_id: payload.failed_message_id ?? null,
      p_reason: payload.reason,
    });
    return { kind: 'completed_by_handler', result };
  },
};
