import type { AiContext } from '@/src/ai/ai-context';
import type { DbPort } from '@/src/db/rpc-port';
import type { ClaimedJob } from '@/src/jobs/job-types';
import { log } from '@/src/shared/logger';

// "AI through my workflow": instead of the model, the business's workflow is sent
// ai.reply_requested (with what the customer wrote) and answers through /api/v1. The event and
// the job's completion are one SQL call. Undefined when no active endpoint wants the event: the
// caller answers with the AI, so a customer is never left unanswered by a missing endpoint.
export async function requestWorkflowReply(
  db: DbPort,
  job: ClaimedJob,
  context: AiContext,
): Promise<{ outcome: 'requested'; event_id: string } | undefined> {
  const asked = await db.rpc('automation_request_ai_reply', {
    p_job_id: job.id,
    p_locked_by: job.locked_by,
    p_attempts: job.attempts,
    p_conversation_id: context.conversation.id,
    p_latest_inbound_id: context.latest_inbound!.id,
  });
  const fields = { tenantId: job.tenant_id, conversationId: context.conversation.id };
  if (asked.outcome === 'no_endpoint') {
    log.warn('automation.no_workflow_endpoint', fields);
    return undefined;
  }
  log.info('automation.workflow_reply_requested', { ...fields, eventId: asked.event_id });
  return asked;
}
