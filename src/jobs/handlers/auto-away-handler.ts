import { z } from 'zod';
import { decideAwayMessage } from '@/src/ai/decide-away-message';
import { log } from '@/src/shared/logger';
import { type JobHandler, PermanentJobError } from '../job-types';

// auto_away ({"conversation_id"}, one pending per conversation, queued by a trigger on every
// customer message while away messages are on): read the facts (one call), decide in the
// tenant's time zone, and record the away message for this closed period while completing the
// job (one call; the SQL's unique key makes a retry or a second message a no-op).

const payloadSchema = z.object({ conversation_id: z.uuid() });

export function createAutoAwayHandler(
  clock: () => Date = () => new Date(),
): JobHandler<typeof payloadSchema> {
  return {
    type: 'auto_away',
    payloadSchema,
    async run(payload, { job, db, env }) {
      const facts = await db.rpc('auto_away_facts', { p_conversation_id: payload.conversation_id });
      if (!facts) return { kind: 'complete', result: { skipped: 'conversation_missing' } };
      if (facts.tenant.id !== job.tenant_id)
        throw new PermanentJobError('job and conversation tenants differ');
      const decision = decideAwayMessage(facts, clock(), env);
      const fields = { tenantId: job.tenant_id, conversationId: payload.conversation_id };
      if (!decision.send) {
        log.info('auto_away.skipped', { ...fields, reason: decision.reason });
        return { kind: 'complete', result: { skipped: decision.reason } };
      }
      const recorded = await db.rpc('auto_away_record', {
        p_job_id: job.id,
        p_locked_by: job.locked_by,
        p_attempts: job.attempts,
        p_conversation_id: payload.conversation_id,
        p_period_key: decision.periodKey,
        p_text: decision.text,
      });
      log.info('auto_away.recorded', { ...fields, outcome: recorded.outcome });
      return { kind: 'completed_by_handler', result: recorded };
    },
  };
}

export const autoAwayHandler = createAutoAwayHandler();
