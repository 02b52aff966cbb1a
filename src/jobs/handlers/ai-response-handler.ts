import { z } from 'zod';
import { loadAiContext } from '@/src/ai/ai-context';
import { decideAiSkip } from '@/src/ai/ai-skip-rules';
import { composeAiReply } from '@/src/ai/compose-ai-reply';
import { pendingMediaFollowUp } from '@/src/ai/media-wait';
import { recordAiReply } from '@/src/ai/record-ai-reply';
import { transcribeFreshVoiceNotes, withVoiceNoteTexts } from '@/src/ai/voice-notes';
import { requestWorkflowReply } from '@/src/automations/request-workflow-reply';
import { log } from '@/src/shared/logger';
import { type JobHandler, PermanentJobError } from '../job-types';

// ai_response ({"conversation_id", "message_id"}, one pending per conversation): load the
// context (one call), stay silent when the rules say so, compose the reply, and record it with
// the score, escalation and send job while completing this job (one call). A file the customer
// just sent that is not stored yet makes the job ask again shortly (src/ai/media-wait.ts); fresh
// voice notes are transcribed first when OpenAI is configured (src/ai/voice-notes.ts). In "AI
// through my workflow" mode the business's workflow is asked instead (src/automations).

const payloadSchema = z.object({ conversation_id: z.uuid(), message_id: z.uuid().optional() });

export const aiResponseHandler: JobHandler<typeof payloadSchema> = {
  type: 'ai_response',
  payloadSchema,
  async run(payload, { job, db, env, signal, deadline }) {
    const context = await loadAiContext(db, payload.conversation_id, env.AI_HISTORY_MESSAGES);
    if (!context) return { kind: 'complete', result: { skipped: 'conversation_missing' } };
    if (context.tenant.id !== job.tenant_id)
      throw new PermanentJobError('job and conversation tenants differ');
    const skip = decideAiSkip(context);
    if (skip) {
      log.info('ai.skipped', {
        tenantId: job.tenant_id,
        conversationId: context.conversation.id,
        reason: skip,
      });
      return { kind: 'complete', result: { skipped: skip } };
    }
    const waitForMedia = pendingMediaFollowUp(context, env, payload);
    if (waitForMedia) {
      log.info('ai.waiting_for_media', { tenantId: job.tenant_id, conversationId: context.conversation.id });
      return { kind: 'complete', result: { waiting: 'media_pending' }, followUps: [waitForMedia] };
    }
    if (context.ai.reply_through_workflow) {
      const asked = await requestWorkflowReply(db, job, context);
      if (asked) return { kind: 'completed_by_handler', result: asked };
    }
    const heard = withVoiceNoteTexts(await transcribeFreshVoiceNotes(db, env, context, signal));
    const draft = await composeAiReply(heard, {
      env,
      isLastAttempt: job.attempts >= job.max_attempts,
      signal,
      deadline,
      db,
    });
    const recorded = await recordAiReply(
      db,
      job,
      { conversationId: context.conversation.id, latestInboundId: context.latest_inbound!.id },
      draft,
    );
    log.info('ai.recorded', {
      tenantId: job.tenant_id,
      conversationId: context.conversation.id,
      outcome: recorded.outcome,
    });
    return { kind: 'completed_by_handler', result: recorded };
  },
};
